// Small, stack-safe helpers over the htmlparser2 DOM: text of an element, attribute tokens and
// a short CSS selector for evidence. Nothing here recurses, so hostile nesting cannot overflow.

import { type AnyNode, type Element, isTag, isText } from 'domhandler';

export type { AnyNode, Element };

/** Text content, whitespace-collapsed, capped; script/style contents excluded. */
export function textOf(root: AnyNode, cap = 2000): string {
  const parts: string[] = [];
  let length = 0;
  const stack: AnyNode[] = [root];
  while (stack.length && length < cap) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data);
      length += node.data.length;
    } else if (isTag(node) && node.name !== 'script' && node.name !== 'style' && node.name !== 'template') {
      if (node.name === 'br') parts.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim().slice(0, cap);
}

/** Raw text of a script-like element (its text children joined), capped. */
export function rawTextOf(el: Element, cap: number): string {
  let text = '';
  for (const child of el.children) {
    if (isText(child)) text += child.data;
    if (text.length >= cap) break;
  }
  return text.slice(0, cap);
}

export function attr(el: Element, name: string): string | undefined {
  const value = el.attribs[name];
  return value === undefined ? undefined : value;
}

/** Class and id words of an element ("price price--sale" → price, sale), for matching. */
export function attributeWords(el: Element): string {
  const raw = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
  if (!raw.trim()) return '';
  return raw
    .split(/[\s_-]+/)
    .filter((word) => word.length > 2 && !/\d/.test(word) && !/^(col|row|flex|grid|text|wrap|wrapper|container|inner|outer|item|box|block|clearfix|span|section|content|md|lg|sm|xs|xl|mt|mb|ml|mr|pt|pb|px|py|fa|fas|far|fab|icon|component|module|widget|elementor|wp|js)$/i.test(word))
    .join(' ');
}

function cssEscape(value: string): string {
  return value.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}

/** A short selector: `#id` anchor if one is near, else `tag:nth-of-type(k)` steps (at most 8). */
export function cssPath(el: Element): string {
  const steps: string[] = [];
  let current: Element | null = el;
  while (current && steps.length < 8) {
    const id = current.attribs.id;
    if (id && /^[A-Za-z][\w-]{0,63}$/.test(id)) {
      steps.unshift(`#${cssEscape(id)}`);
      return steps.join(' > ');
    }
    const parent: AnyNode | null = current.parent;
    if (!parent || !isTag(parent)) {
      steps.unshift(current.name);
      break;
    }
    let index = 0;
    let count = 0;
    for (const sibling of parent.children) {
      if (isTag(sibling) && sibling.name === current.name) {
        count += 1;
        if (sibling === current) index = count;
      }
    }
    steps.unshift(count > 1 ? `${current.name}:nth-of-type(${index})` : current.name);
    if (current.name === 'body') break;
    current = parent;
  }
  return steps.join(' > ');
}
