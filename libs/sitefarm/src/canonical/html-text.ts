// Visible-ish text of raw HTML without a browser: drops scripts and styles, puts block and cell
// boundaries on their own lines (as a browser's innerText does, so "<td>25 USD</td><td>10-class"
// never reads as "25 USD 10"), turns other tags into spaces and decodes common entities.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ', apos: "'" };
const BLOCK = /<\/?(?:p|div|li|ul|ol|tr|td|th|dt|dd|dl|table|tbody|thead|caption|section|article|aside|header|footer|nav|main|h[1-6]|br|form|label|blockquote|pre|button|iframe)\b[^>]*>/gi;

export function htmlToText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#39|amp|lt|gt|quot|nbsp|apos);/g, (_, name: string) => ENTITIES[name] ?? ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
