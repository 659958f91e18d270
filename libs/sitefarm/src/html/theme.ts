// Page looks: a shell (the skeleton: where header, nav, content and footer go) plus colours and
// fonts. Templates pick distinct shells so sites of one vertical look visibly different.

export const SHELLS = ['classic', 'hero', 'minimal', 'sidebar', 'portal', 'magazine', 'shop'] as const;
export type Shell = (typeof SHELLS)[number];

export interface Theme {
  shell: Shell;
  accent: string;
  background: string;
  text: string;
  font: string;
  headingFont: string;
  radius: number;
}

export const FONTS = {
  sans: '"Helvetica Neue", Arial, sans-serif',
  humanist: '"Trebuchet MS", "Segoe UI", sans-serif',
  serif: 'Georgia, "Times New Roman", serif',
  book: 'Palatino, "Book Antiqua", serif',
  mono: '"Courier New", monospace',
  wide: 'Verdana, Geneva, sans-serif',
  condensed: '"Arial Narrow", Impact, sans-serif',
} as const;

export const ACCENTS = ['#c0392b', '#1f6feb', '#2e7d32', '#8e44ad', '#d35400', '#00796b', '#b8860b', '#34495e', '#e91e63', '#3f51b5', '#6d4c41', '#0b7285'];
