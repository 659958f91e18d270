// Technology fingerprints for columns like "which POS system": every host the page loads from or
// links to (scripts, iframes, order links, forms, stylesheets, images, inline script text), the
// generator meta tag, and "Powered by X" / "ordering by X" badges. Hits per technology combine
// into one candidate whose strength says how direct the evidence was (an ordering iframe or
// script beats a preconnect hint).

import { attr, rawTextOf } from '../dom/dom-utils';
import type { Candidate, SourceContext } from './candidate';
import {
  categoryWords,
  type Technology,
  technologiesMentionedInCode,
  technologiesNamedIn,
  TECHNOLOGIES,
  technologyForHost,
} from './fingerprint-catalog';

interface Hit {
  strength: number;
  how: string;
}

const HOST = /^(?:https?:)?\/\/([^/?#:\s]+)/i;
const MAX_INLINE_SCRIPT_CHARS = 300_000;
const BADGE =
  /\b(powered by|ordering (?:powered )?by|online ordering (?:by|with|via|through)|order(?: online)? (?:with|via|through|on)|pos by|point of sale by|payments? (?:by|with)|checkout (?:by|with)|built with|website by)\s+([^\n]{2,50})/gi;

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  const match = HOST.exec(url.trim());
  return match ? match[1] : null;
}

export function fingerprintHits(context: SourceContext): Map<Technology, Hit[]> {
  const { page } = context;
  const hits = new Map<Technology, Hit[]>();
  const add = (tech: Technology | undefined, strength: number, how: string): void => {
    if (!tech) return;
    const list = hits.get(tech) ?? [];
    if (list.length < 20) list.push({ strength, how });
    hits.set(tech, list);
  };
  const byUrl = (url: string | undefined, strength: number, how: string): void => {
    const host = hostOf(url);
    if (host) add(technologyForHost(host), strength, `${how} ${host}`);
  };

  const { scripts, iframes, anchors, linkTags, images, forms, meta } = page.elements;
  for (const script of scripts) {
    if (script.attribs.src) byUrl(script.attribs.src, 0.9, 'script from');
  }
  for (const frame of iframes) byUrl(attr(frame, 'src') ?? attr(frame, 'data-src'), 0.95, 'iframe from');
  for (const anchor of anchors.slice(0, 3000)) byUrl(attr(anchor, 'href'), 0.85, 'link to');
  for (const form of forms) byUrl(attr(form, 'action'), 0.85, 'form posting to');
  for (const link of linkTags) {
    const rel = (attr(link, 'rel') ?? '').toLowerCase();
    byUrl(attr(link, 'href'), rel.includes('stylesheet') ? 0.75 : 0.5, `${rel || 'link'} to`);
  }
  for (const image of images.slice(0, 1000)) byUrl(attr(image, 'src') ?? attr(image, 'data-src'), 0.6, 'image from');

  let inlineBudget = MAX_INLINE_SCRIPT_CHARS;
  for (const script of scripts) {
    if (script.attribs.src || inlineBudget <= 0) continue;
    const text = rawTextOf(script, Math.min(inlineBudget, 100_000));
    inlineBudget -= text.length;
    for (const [tech, host] of technologiesMentionedInCode(text)) add(tech, 0.7, `inline script mentions ${host}`);
  }

  for (const tag of meta) {
    if ((attr(tag, 'name') ?? '').toLowerCase() !== 'generator') continue;
    const content = attr(tag, 'content') ?? '';
    const named = new Set([...TECHNOLOGIES.filter((tech) => tech.generator?.test(content)), ...technologiesNamedIn(content)]);
    for (const tech of named) add(tech, 0.95, `generator "${content.slice(0, 60)}"`);
  }

  // "Powered by Toast", "Online ordering by ChowNow", "Order with Clover". Brand words alone are
  // not evidence: "avocado toast" and "Town Square" are on menus everywhere.
  for (const line of page.lines) {
    if (line.text.length > 240) continue;
    BADGE.lastIndex = 0;
    for (let badge = BADGE.exec(line.text); badge; badge = BADGE.exec(line.text)) {
      const named = technologiesNamedIn(badge[2].split(/[.,;!|·•]/)[0]);
      for (const tech of named) add(tech, 0.85, `badge "${badge[0].slice(0, 60)}"`);
    }
  }
  return hits;
}

export function fingerprintCandidates(context: SourceContext): Candidate[] {
  if (!context.profiles.some((p) => p.wantsTechnology || (p.type === 'enum' && p.spec.enumValues?.length))) return [];
  const out: Candidate[] = [];
  for (const [tech, list] of fingerprintHits(context)) {
    // Independent-ish hits reinforce each other: 1 - Π(1 - s).
    const strength = Math.min(0.99, 1 - list.reduce((p, hit) => p * (1 - hit.strength), 1));
    const best = list.reduce((a, b) => (b.strength > a.strength ? b : a));
    out.push({
      source: 'fingerprint',
      raw: tech.name,
      kind: undefined,
      context: [{ text: categoryWords(tech), weight: 0.9 }, { text: best.how, weight: 0.4 }],
      el: null,
      snippet: list.slice(0, 3).map((hit) => hit.how).join('; ').slice(0, 200),
      flags: { strength },
      location: `fp:${tech.name}`,
      order: 0,
    });
    // Let enum values spelled like an alias ("Toast POS") match too.
    const main = out.length - 1;
    for (const alias of tech.aliases) {
      out.push({ ...out[main], raw: alias, flags: { ...out[main].flags, alias: true } });
    }
  }
  return out;
}
