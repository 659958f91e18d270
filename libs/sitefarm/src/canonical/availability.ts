// Availability (boolean "in stock"): the phrases shops use, and a finder that reads them back.

export const IN_STOCK_PHRASES = ['In stock', 'In Stock', 'Available now', 'Ready to ship', 'In stock — ships today'];
export const OUT_OF_STOCK_PHRASES = ['Out of stock', 'Sold out', 'Currently unavailable', 'Out of Stock'];

const IN = /\b(in stock|available now|ready to ship|only \d+ left)\b/gi;
const OUT = /\b(out of stock|sold out|currently unavailable)\b/gi;

/** "true"/"false" for each availability phrase in free text. */
export function findAvailability(text: string): string[] {
  const found: string[] = [];
  for (const _ of text.matchAll(IN)) found.push('true');
  for (const _ of text.matchAll(OUT)) found.push('false');
  return found;
}

/** Reads one human value (a CSV cell such as "In stock", "yes", "FALSE") back to "true"/"false". */
export function parseAvailability(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'in stock', 'available', 'instock'].includes(t)) return 'true';
  if (['false', 'no', 'n', '0', 'out of stock', 'sold out', 'unavailable', 'outofstock'].includes(t)) return 'false';
  return findAvailability(text)[0] ?? null;
}
