// Tells an interstitial from a page: captcha walls, login walls, paywalls, "not available in
// your region" and bot-detection pages. A wall is the main content of a thin page, or says what
// it is in its title/heading; an ordinary page that merely has a "Log in" link, a newsletter box
// or a reCAPTCHA on its contact form is not one.

import { type Element, isTag } from 'domhandler';
import { attr, rawTextOf } from './dom/dom-utils';
import { buildPageModel, type PageModel } from './dom/page-model';
import { isHidden } from './dom/visibility';
import { parseJsonLd } from './candidates/json-ld';

export type BlockReason = 'captcha' | 'login_required' | 'paywall' | 'geo_blocked' | 'bot_detected';

export interface PageClassification {
  category: 'blocked';
  reason: BlockReason;
  /** What gave it away, for the attempt's failure reason. */
  evidence: string;
}

export interface ClassifyInput {
  status: number;
  html: string;
  url: string;
  headers?: Record<string, string | readonly string[] | undefined>;
}

const PHRASES: Record<BlockReason, RegExp> = {
  captcha:
    /\b(verify (?:that )?you(?:'re| are) (?:a )?human|are you a robot|i'?m not a robot|complete the (?:security check|captcha)|solve the (?:captcha|puzzle)|captcha|press (?:and|&) hold|prove (?:that )?you(?:'re| are) (?:a )?human|human verification|confirm you are human)\b/i,
  bot_detected:
    /\b(automated (?:traffic|requests|queries|access)|unusual traffic|bot (?:detected|protection|traffic)|detected unusual activity|pardon our interruption|checking your browser|just a moment\.\.\.|request (?:has been )?blocked|you have been blocked|access (?:to this page )?(?:has been )?denied|ddos protection|suspicious activity|blocked by (?:our )?security)\b/i,
  login_required:
    /\b((?:please )?(?:log ?in|sign ?in) to (?:continue|view|access|see|read)|you must (?:be )?(?:logged|signed) in|members only|login required|sign[- ]in required|authentication required|please (?:log|sign) ?in\b|session (?:has )?expired)/i,
  paywall:
    /\b(subscribe (?:now )?to (?:continue|read|keep reading|unlock|access)|subscribers? only|(?:reached|used) (?:your|the) (?:limit|monthly limit|free (?:article|page|story)? ?limit)|limit of free (?:articles|pages|stories)|free (?:articles?|stories) (?:remaining|left)|(?:content|article|story) is (?:for|available to|reserved for) (?:premium )?(?:subscribers|members)|premium (?:content|article)|unlock (?:this|full) (?:article|story|access)|start your (?:free )?trial to (?:continue|read))/i,
  geo_blocked:
    /\b(not available in your (?:country|region|location|area)|unavailable in your (?:country|region|location|area)|not (?:accessible|available) (?:from|in) your (?:country|region|location)|geo[- ]?(?:restricted|restriction|blocked|block)|geographic(?:al)? restrictions?|(?:content|site|service) is not available (?:in|for) (?:your|users in)|due to (?:legal|licensing) restrictions in your)\b/i,
};

const CAPTCHA_WIDGET = /(^|\s)(g-recaptcha|h-captcha|cf-turnstile|frc-captcha|captcha-container|px-captcha|geetest)(\s|$)/i;
const CAPTCHA_HOST = /(google\.com\/recaptcha|recaptcha\.net|hcaptcha\.com|challenges\.cloudflare\.com|arkoselabs\.com|funcaptcha\.com|geetest\.com|captcha-delivery\.com)/i;
const PAYWALL_MARKER = /(^|[\s_-])(paywall|regwall|piano|tp-modal|meter(?:ed)?-?(?:wall|paywall)?|subscription-wall|premium-wall|article-locked)($|[\s_-])/i;

/** Visible text outside header, nav and footer: what the page is actually about. */
function mainText(page: PageModel): string {
  return page.lines.filter((line) => line.zone === 'main' || line.zone === 'aside').map((line) => line.text).join(' ');
}

function prominentText(page: PageModel): string {
  const headings = page.lines.filter((line) => line.headingLevel !== undefined && line.headingLevel <= 2).map((line) => line.text);
  return [page.title, ...headings].join(' | ');
}

function visible(el: Element): boolean {
  for (let current: Element | null = el, i = 0; current && i < 40; i++) {
    if (isHidden(current) || current.name === 'template') return false;
    const parent: Element['parent'] = current.parent;
    current = parent && isTag(parent) ? parent : null;
  }
  return true;
}

function enclosingForm(el: Element): Element | null {
  for (let current = el.parent, i = 0; current && isTag(current) && i < 30; i++, current = current.parent) {
    if (current.name === 'form') return current;
  }
  return null;
}

/** A form field a person types into (not hidden, not a button). */
function isTypingField(el: Element): boolean {
  if (el.name === 'textarea') return true;
  if (el.name !== 'input') return false;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  return ['text', 'email', 'tel', 'search', 'number', 'url', ''].includes(type);
}

function header(headers: ClassifyInput['headers'], name: string): string {
  if (!headers) return '';
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '';
}

export function classifyPage(input: ClassifyInput): PageClassification | null {
  const page = buildPageModel(input.html ?? '', input.url);
  return classifyPageModel(page, input.status, input.headers);
}

export function classifyPageModel(page: PageModel, status: number, headers?: ClassifyInput['headers']): PageClassification | null {
  const main = mainText(page);
  const prominent = prominentText(page);
  // A wall has little else to say; a real page about captchas or logins has a lot.
  const thin = main.length < 1500;
  const found = (reason: BlockReason, evidence: string): PageClassification => ({ category: 'blocked', reason, evidence: evidence.slice(0, 200) });
  const said = (reason: BlockReason): RegExpExecArray | null => PHRASES[reason].exec(prominent) ?? (thin ? PHRASES[reason].exec(main) : null);

  // Protocol-level answers first: they are explicit.
  if (status === 451) return found('geo_blocked', 'HTTP 451 Unavailable For Legal Reasons');
  if (/challenge/i.test(header(headers, 'cf-mitigated'))) return found('bot_detected', 'cf-mitigated: challenge header');

  // Captcha: a widget that is the page, not one guarding a contact form.
  const widgets = [
    ...page.elements.iframes.filter((el) => CAPTCHA_HOST.test(attr(el, 'src') ?? '')),
    ...page.elements.scripts.filter((el) => CAPTCHA_HOST.test(attr(el, 'src') ?? '')),
    ...collectByClass(page, CAPTCHA_WIDGET),
  ];
  const standaloneWidget = widgets.some((el) => {
    const form = enclosingForm(el);
    if (!form) return true;
    const fields = page.elements.inputs.filter((input) => isTypingField(input) && enclosingForm(input) === form && visible(input));
    return fields.length < 2;
  });
  const captchaPhrase = said('captcha');
  if ((standaloneWidget && thin) || captchaPhrase) {
    return found('captcha', captchaPhrase ? `page says "${captchaPhrase[0]}"` : 'captcha widget is the page content');
  }

  const botPhrase = said('bot_detected');
  if (botPhrase && (thin || status === 403 || status === 429 || status === 503)) return found('bot_detected', `page says "${botPhrase[0]}"`);

  const geoPhrase = said('geo_blocked');
  if (geoPhrase) return found('geo_blocked', `page says "${geoPhrase[0]}"`);

  // Paywall: subscription wording plus a wall element, a locked article, or nothing else to read.
  const paywallPhrase = PHRASES.paywall.exec(prominent) ?? PHRASES.paywall.exec(main);
  if (paywallPhrase) {
    const marker = collectByClass(page, PAYWALL_MARKER).length > 0;
    const locked = page.elements.jsonLd.some((script) => lockedArticle(rawTextOf(script, 200_000)));
    if (marker || locked || thin || status === 402) return found('paywall', `page says "${paywallPhrase[0]}"`);
  }
  if (status === 402) return found('paywall', 'HTTP 402 Payment Required');

  // Login wall: a visible password field with little else around it, or a page that says so.
  const passwordFields = page.elements.inputs.filter((el) => (attr(el, 'type') ?? '').toLowerCase() === 'password' && visible(el));
  const loginPhrase = said('login_required');
  const textOutsideForms = main.length - formText(page).length;
  if (passwordFields.length > 0 && (textOutsideForms < 800 || loginPhrase || status === 401)) {
    return found('login_required', loginPhrase ? `page says "${loginPhrase[0]}"` : 'a sign-in form is the page content');
  }
  if (loginPhrase && (thin || status === 401 || status === 403)) return found('login_required', `page says "${loginPhrase[0]}"`);
  if (status === 401) return found('login_required', 'HTTP 401 Unauthorized');
  return null;
}

function collectByClass(page: PageModel, pattern: RegExp): Element[] {
  const found: Element[] = [];
  const stack = [...page.document.children];
  let budget = 50_000;
  while (stack.length && budget-- > 0 && found.length < 20) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    const words = `${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`;
    if (pattern.test(words) && visible(node)) found.push(node);
    for (const child of node.children) stack.push(child);
  }
  return found;
}

function formText(page: PageModel): string {
  let text = '';
  for (const form of page.elements.forms) {
    const range = page.blockLines.get(form);
    if (range) for (let i = range[0]; i < range[1]; i++) text += `${page.lines[i]?.text ?? ''} `;
  }
  return text;
}

function lockedArticle(jsonLd: string): boolean {
  return parseJsonLd(jsonLd).some((root) => {
    const value = (root as Record<string, unknown>).isAccessibleForFree;
    return value === false || value === 'False' || value === 'false';
  });
}
