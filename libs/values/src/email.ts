// Emails: "mailto:" links, "Name <a@b.com>", and the usual "info [at] example [dot] com" disguise,
// lowercased for storage and comparison.

import { failure, type EmailValue, type ParseFailure, quote } from './parse-result';
import { collapseWhitespace } from './text';

const EMAIL = /[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])/i;

function deobfuscate(text: string): string {
  return text
    .replace(/\s*[[({<]\s*at\s*[\])}>]\s*/gi, '@')
    .replace(/\s*[[({<]\s*dot\s*[\])}>]\s*/gi, '.')
    .replace(/(\w)\s+at\s+(\w[\w-]*)\s+dot\s+(\w)/gi, '$1@$2.$3')
    .replace(/(\w)\s+dot\s+(\w)/gi, '$1.$2');
}

export function parseEmail(raw: string): EmailValue | ParseFailure {
  let text = collapseWhitespace(raw).slice(0, 500);
  if (!text) return failure('email', 'empty value');
  if (/^mailto:/i.test(text)) {
    text = text.replace(/^mailto:(\/\/)?/i, '').replace(/\?.*$/, '');
    try {
      text = decodeURIComponent(text);
    } catch {
      // Keep the text as written when it holds a malformed escape.
    }
  }
  let match = EMAIL.exec(text);
  let deobfuscated = false;
  if (!match) {
    match = EMAIL.exec(deobfuscate(text));
    deobfuscated = match !== null;
  }
  if (!match) return failure('email', `no email address found in ${quote(raw)}`);
  const canonical = match[0].toLowerCase();
  return { ok: true, type: 'email', canonical, domain: canonical.slice(canonical.indexOf('@') + 1), deobfuscated };
}
