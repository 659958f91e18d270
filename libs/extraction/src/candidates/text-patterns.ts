// Type-aware patterns in running text: phones, emails, amounts with a currency, dates and URLs
// wherever they are written, plus (only where a label is near) bare numbers, availability
// phrases, mentions of an enum's allowed values and street addresses.

import { numberTokens, parseMoney } from '@fieldwork/values';
import { looksLikePerson } from '../match/person-name';
import { DISCOUNT_AFTER, DISCOUNT_BEFORE, NOW_BEFORE, OLD_PRICE_BEFORE } from '../match/price-cues';
import type { Line } from '../dom/page-model';
import type { Candidate, SourceContext } from './candidate';
import { snippetAround } from './candidate';
import type { SpanType } from './line-values';
import { textWithoutStruck } from './structure';

const AVAILABILITY =
  /\b(only \d+ left|\d+ (?:left )?in stock|in[\s-]?stock|out[\s-]of[\s-]stock|sold[\s-]?out|available|unavailable|pre[\s-]?order|back[\s-]?order(?:ed)?|discontinued|coming soon|limited stock|low stock|add to (?:cart|bag)|notify me when available)\b/i;
const US_ADDRESS =
  /\b\d{1,6}\s+(?:[NSEW]\.?\s+)?[\p{L}\d.'-]+(?:\s+[\p{L}\d.'-]+){0,5}\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Terrace|Ter|Plaza|Plz|Loop|Pike|Row|Broadway)\b\.?(?:,?\s+(?:Suite|Ste|Unit|#|Apt|Floor|Fl)\.?\s*[\w-]+)?(?:,?\s+[\p{L}.'\s-]{2,40}?,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?)?/u;
const MAX_CANDIDATES = 4000;
const STATE_ZIP = /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/;
// "2572 Mill Rd, Portland, OR 97247" / "12 High St, Leeds, West Yorkshire LS1 4AP" → the city part.
const ADDRESS_CITY =
  /\b\d{1,6}[A-Za-z]?\s+[^,|•;]{2,50},\s*(?:(?:Suite|Ste|Unit|Apt|Floor)\.?\s*[\w-]+,\s*)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}),\s*(?:[A-Z]{2,3}|\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+){0,2})\s+(?:\d{4,5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/gu;
// "…at 2572 Mill Rd in Portland, OR." / "based in Leeds, West Yorkshire"
const IN_CITY = /\bin\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}),\s+(?:[A-Z]{2,3}\b|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2})/gu;
function enumMentionPattern(values: readonly string[]): RegExp | null {
  const escaped = values
    .filter((v) => v.trim().length >= 2)
    .map((v) => v.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s-]+'))
    .sort((a, b) => b.length - a.length);
  return escaped.length ? new RegExp(`(?<![\\p{L}\\d])(?:${escaped.join('|')})(?![\\p{L}\\d])`, 'giu') : null;
}

const NAME_TOKEN = /^(?:\p{Lu}[\p{Ll}'’-]*|\p{Lu}\.|de|del|della|der|di|da|van|von|la|le|du|dos|bin|al|Jr|Sr|II|III|IV)$/u;
const PARTICLE = /^(de|del|della|der|di|da|van|von|la|le|du|dos|bin|al)$/;
const TITLE_WORD = /^(sheriff|coroner|deputy|undersheriff|chief|dr|mr|mrs|ms|miss|judge|hon|honorable|commissioner|mayor|director|captain|lieutenant|sergeant|sgt|officer|chef|coach|pastor|rev|father|prof|professor|the|our|meet|by|elected|county|medical|examiner|treasurer|clerk|assessor)$/i;

/** Person names written in running text ("…is led by Sheriff Camille Tran, elected…"). */
function personMentions(text: string): { start: number; end: number; name: string }[] {
  const found: { start: number; end: number; name: string }[] = [];
  const flushRun = (run: { word: string; start: number }[]): void => {
    let from = 0;
    while (from < run.length && TITLE_WORD.test(run[from].word.replace(/\.$/, ''))) from += 1;
    let to = run.length;
    while (to > from && PARTICLE.test(run[to - 1].word)) to -= 1;
    const kept = run.slice(from, to);
    if (kept.length < 2) return;
    const name = kept.map((w) => w.word).join(' ');
    if (!looksLikePerson(name)) return;
    const last = kept[kept.length - 1];
    found.push({ start: kept[0].start, end: last.start + last.word.length, name });
  };
  let run: { word: string; start: number }[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const raw = match[0];
    const word = raw.replace(/^[("“'‘]+/, '').replace(/[,;:!?)"”'’]+$/, '');
    const start = (match.index ?? 0) + raw.indexOf(word.charAt(0));
    const isInitial = /^\p{Lu}\.$/u.test(word);
    const bare = isInitial || /^(Jr|Sr)\.$/.test(word) ? word : word.replace(/\.$/, '');
    if (!NAME_TOKEN.test(bare)) {
      flushRun(run);
      run = [];
      continue;
    }
    run.push({ word: bare, start });
    // A sentence-ending dot or a comma closes the name.
    if ((bare !== word && !isInitial) || /[,;:!?)]$/.test(raw)) {
      flushRun(run);
      run = [];
    }
  }
  flushRun(run);
  return found;
}

export function textPatternCandidates(context: SourceContext): Candidate[] {
  const { page, scan, wantedTypes, profiles } = context;
  const out: Candidate[] = [];
  const wantNumbers = wantedTypes.has('number');
  const wantBooleans = wantedTypes.has('boolean');
  const enumPatterns = profiles
    // Technology columns are answered by fingerprints: "avocado toast" on a menu is not Toast.
    .filter((p) => p.type === 'enum' && p.spec.enumValues?.length && !p.wantsTechnology)
    .map((p) => enumMentionPattern(p.spec.enumValues ?? []))
    .filter((p): p is RegExp => p !== null);
  const wantPeople = profiles.some((p) => p.wantsPerson);
  const wantCity = profiles.some((p) => p.type === 'text' && p.nameConcepts.has('city'));
  const wantCurrency = profiles.some((p) => (p.type === 'text' || p.type === 'enum') && p.nameConcepts.has('currency'));
  const wantAddress = profiles.some((p) => p.type === 'text' && (p.nameConcepts.has('address') || p.extra.has('address')));

  const push = (line: Line, start: number, end: number, raw: string, kind: Candidate['kind'], extra?: Partial<Candidate>): void => {
    out.push({
      source: 'pattern',
      raw,
      kind,
      context: scan.context(line, start, end),
      el: scan.elementAt(line, start, end),
      snippet: snippetAround(line.text, start, end),
      flags: { struck: scan.struckAt(line, start, end), sale: scan.saleAt(line, start, end), zone: line.zone },
      location: `L${line.index}`,
      order: line.index,
      ...extra,
    });
  };

  for (const line of page.lines) {
    // A hostile page full of values gets a bounded amount of attention.
    if (out.length >= MAX_CANDIDATES) break;
    const spans = scan.spans(line);
    for (const span of spans) {
      if (wantCurrency && span.type === 'money') {
        const money = parseMoney(span.raw, context.parseOptions);
        if (money.ok && !money.currencyAssumed) {
          push(line, span.start, span.end, money.currency, undefined, {
            context: [{ text: 'currency', weight: 0.8 }, ...scan.context(line, span.start, span.end)],
          });
        }
      }
      if (!wantedTypes.has(span.type as SpanType)) continue;
      if (span.type === 'money') {
        const before = line.text.slice(Math.max(0, span.start - 24), span.start);
        const after = line.text.slice(span.end, span.end + 16);
        push(line, span.start, span.end, span.raw, span.type, {
          flags: {
            struck: scan.struckAt(line, span.start, span.end) || OLD_PRICE_BEFORE.test(before),
            sale: scan.saleAt(line, span.start, span.end) || NOW_BEFORE.test(before),
            discount: DISCOUNT_BEFORE.test(before) || DISCOUNT_AFTER.test(after),
            zone: line.zone,
          },
        });
        continue;
      }
      push(line, span.start, span.end, span.raw, span.type);
    }
    if (wantPeople && line.text.length <= 400) {
      for (const person of personMentions(line.text)) push(line, person.start, person.end, person.name, undefined);
    }
    if (line.text.length > 240) continue;

    if (wantNumbers && /\d/.test(line.text)) {
      let count = 0;
      for (const token of numberTokens(line.text)) {
        if (count >= 6) break;
        if (spans.some((s) => token.start < s.end && token.end > s.start)) continue;
        const unit = /^\s?[%\p{L}°µ²³]{1,12}(?:\s[\p{L}²]{1,8})?/u.exec(line.text.slice(token.end))?.[0] ?? '';
        const before = line.text.slice(Math.max(0, token.start - 1), token.start);
        const raw = `${before === '-' ? '-' : ''}${token.text}${unit}`;
        push(line, token.start, token.end + unit.length, raw, 'number');
        count += 1;
      }
    }
    if (wantBooleans && line.text.length <= 400) {
      const match = AVAILABILITY.exec(line.text);
      if (match) {
        const sentenceEnd = line.text.slice(match.index).search(/[.!?;|](\s|$)/);
        const end = sentenceEnd < 0 ? line.text.length : match.index + sentenceEnd;
        push(line, match.index, match.index + match[0].length, textWithoutStruck(line, match.index, end), 'boolean');
      }
    }
    for (const pattern of enumPatterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(line.text); match; match = pattern.exec(line.text)) {
        push(line, match.index, match.index + match[0].length, match[0], 'enum');
      }
    }
    if (wantCity && line.text.length <= 400 && /\b\d{4,5}\b|\bin\s+\p{Lu}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}/u.test(line.text)) {
      for (const [pattern, weight] of [[ADDRESS_CITY, 0.75], [IN_CITY, 0.55]] as const) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(line.text); m; m = pattern.exec(line.text)) {
          const start = m.index + m[0].indexOf(m[1]);
          push(line, start, start + m[1].length, m[1], undefined, {
            context: [{ text: 'city', weight }, ...scan.context(line, start, start + m[1].length)],
          });
        }
      }
    }
    if (wantAddress && /\d/.test(line.text)) {
      const match = US_ADDRESS.exec(line.text);
      if (match) {
        let raw = match[0];
        const next = page.lines[line.index + 1];
        // Street on one line, "City, ST 12345" on the next (same block, split by <br>).
        if (!STATE_ZIP.test(raw) && next && next.block === line.block && STATE_ZIP.test(next.text) && next.text.length <= 60) {
          raw = `${raw}, ${next.text}`;
        }
        push(line, match.index, match.index + match[0].length, raw, undefined, {
          context: [{ text: 'address', weight: 0.7 }, ...scan.context(line, match.index, match.index + match[0].length)],
        });
      }
    }
  }
  return out;
}
