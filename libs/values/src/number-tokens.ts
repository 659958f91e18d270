// Finds the numeric tokens in a piece of text, with thousands groups written with `,` `.` `'` or
// spaces (`1 234,56`, `1'234.50`), so money and number parsing see the same tokens.

export interface NumberToken {
  text: string;
  start: number;
  end: number;
}

// Grouped form first (1.234.567,89 / 1 234 / 1'234.5), then plain digits with optional fraction.
const TOKEN = /\d{1,3}(?:(?:[.,'’]|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)*/g;

export function numberTokens(text: string, limit = 50): NumberToken[] {
  const tokens: NumberToken[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match && tokens.length < limit; match = TOKEN.exec(text)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Multipliers written right after a number: `3.5k`, `1.2M`, `2 million`. */
export function readMultiplier(after: string): { places: number; length: number } | null {
  const match = /^(?:([kK])|(M|mn|MM)|(bn|B))(?![A-Za-z])|^\s?(thousand|million|billion)\b/.exec(after);
  if (!match) return null;
  const places = match[1] || match[4] === 'thousand' ? 3 : match[2] || match[4] === 'million' ? 6 : 9;
  return { places, length: match[0].length };
}
