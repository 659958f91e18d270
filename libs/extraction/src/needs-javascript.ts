// Does this HTML need a browser to show its content? Signals: an empty single-page-app root,
// a <noscript> asking for JavaScript, almost no text next to a lot of script, and placeholders
// ("Loading…") that inline scripts fill from an API. A page with plenty of real text does not
// need the browser, whatever scripts it also carries (analytics, GTM's <noscript> iframe).

import { type Element, isTag, isText } from 'domhandler';
import { attr, rawTextOf, textOf } from './dom/dom-utils';
import { buildPageModel, type PageModel } from './dom/page-model';

export interface JavaScriptAssessment {
  needsJavaScript: boolean;
  reasons: string[];
  /** Visible text characters in the main content. */
  textChars: number;
  /** Characters of inline script plus the number of external scripts × 1000 (a rough weight). */
  scriptWeight: number;
}

const APP_ROOT = /^(root|app|__next|__nuxt|___gatsby|svelte|main-app|react-root|ember-app|q-app|application)$/i;
const NOSCRIPT_ASK = /(enable|turn on|requires?|need) (?:your )?javascript|javascript (?:is )?(?:required|disabled|must be enabled)|without javascript/i;
const LOADING = /^(loading|checking|fetching|retrieving|getting|updating|please wait|one moment|chargement|cargando|wird geladen)\b.{0,60}$/i;
const PLACEHOLDER_MARK = /(^|[\s_-])(loading|loader|spinner|skeleton|placeholder|shimmer|is-loading|lazy-content)([\s_-]|$)/i;
const FETCHES = /\b(fetch\s*\(|XMLHttpRequest|axios\.|\$\.(?:ajax|get|getJSON)\s*\(|\.json\(\))/;
const WRITES_DOM = /\.innerHTML\s*=|\.insertAdjacentHTML\s*\(|\.appendChild\s*\(|document\.write\s*\(|\.replaceChildren\s*\(|createRoot\s*\(|ReactDOM\.render|\$\(.{1,80}\)\.(?:html|append)\s*\(/;

function emptyAppRoots(page: PageModel): Element[] {
  const roots: Element[] = [];
  const stack = [...page.document.children];
  let budget = 20_000;
  while (stack.length && budget-- > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    const id = attr(node, 'id') ?? '';
    const marker = APP_ROOT.test(id) || node.name === 'app-root' || 'ng-app' in node.attribs || 'data-reactroot' in node.attribs || 'data-v-app' in node.attribs;
    if (marker && textOf(node, 200).length < 40) roots.push(node);
    if (node.name !== 'script' && node.name !== 'style') for (const child of node.children) stack.push(child);
  }
  return roots;
}

export function assessJavaScriptNeed(html: string): JavaScriptAssessment {
  const page = buildPageModel(html ?? '', 'about:blank');
  return assessPageModel(page);
}

export function assessPageModel(page: PageModel): JavaScriptAssessment {
  const reasons: string[] = [];
  const textChars = page.lines.filter((l) => l.zone === 'main' || l.zone === 'aside').reduce((n, l) => n + l.text.length, 0);
  let inline = '';
  for (const script of page.elements.scripts) {
    if (!script.attribs.src && inline.length < 500_000) inline += rawTextOf(script, 200_000);
  }
  const external = page.elements.scripts.filter((s) => s.attribs.src).length;
  const scriptWeight = inline.length + external * 1000;

  if (emptyAppRoots(page).length > 0 && textChars < 500) reasons.push('empty application root element');
  const noscriptAsks = collectNoscript(page).some((text) => NOSCRIPT_ASK.test(text));
  if (noscriptAsks && textChars < 1500) reasons.push('<noscript> asks to enable JavaScript');
  if (textChars < 200 && scriptWeight > 20_000) reasons.push('almost no text next to large scripts');
  // A "Loading…" line, or an element marked as a placeholder (class "loading", aria-busy,
  // data-*-pending), that scripts fill in: the data is not in this HTML.
  const placeholders = page.lines.filter(
    (l) => LOADING.test(l.text.replace(/[.…\s]+$/, ' ').trim()) || (l.block !== null && (PLACEHOLDER_MARK.test(`${l.block.attribs.class ?? ''} ${l.block.attribs.id ?? ''}`) || l.block.attribs['aria-busy'] === 'true')),
  );
  const pendingMarks = countPending(page);
  const scriptsFill = FETCHES.test(inline) || WRITES_DOM.test(inline) || external > 0;
  if ((placeholders.length > 0 || pendingMarks > 0) && scriptsFill) {
    reasons.push(placeholders.length ? `content placeholder "${placeholders[0].text.slice(0, 40)}" filled by script` : 'elements marked as pending script content');
  } else if (FETCHES.test(inline) && textChars < 300) reasons.push('inline script fetches data for a near-empty page');

  // Plenty of real text: the browser would add little, whatever else the page does.
  const needsJavaScript = reasons.length > 0 && (textChars < 1500 || placeholders.length > 0 || pendingMarks > 0);
  return { needsJavaScript, reasons, textChars, scriptWeight };
}

/** Heuristic used to decide browser escalation; see assessJavaScriptNeed for the reasons. */
export function needsJavaScript(html: string): boolean {
  return assessJavaScriptNeed(html).needsJavaScript;
}

function collectNoscript(page: PageModel): string[] {
  const texts: string[] = [];
  const stack = [...page.document.children];
  let budget = 20_000;
  while (stack.length && budget-- > 0 && texts.length < 20) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'noscript') {
      // noscript content is parsed as text in scripting mode: read it raw.
      texts.push(node.children.map((c) => (isText(c) ? c.data : isTag(c) ? textOf(c, 500) : '')).join(' '));
      continue;
    }
    for (const child of node.children) stack.push(child);
  }
  return texts;
}

/** Elements that declare their content is still to come (aria-busy, data-*-pending / -loading). */
function countPending(page: PageModel): number {
  let count = 0;
  const stack = [...page.document.children];
  let budget = 50_000;
  while (stack.length && budget-- > 0) {
    const node = stack.pop()!;
    if (!isTag(node) || node.name === 'script' || node.name === 'style') continue;
    if (node.attribs['aria-busy'] === 'true' || Object.keys(node.attribs).some((name) => /^data-.*(pending|loading)$/.test(name))) count += 1;
    for (const child of node.children) stack.push(child);
  }
  return count;
}
