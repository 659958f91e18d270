// Renders a list of labelled values ("Drop-in class: $25") in the farm's markup kinds: table,
// definition list, prose, microdata, cards (the visible twin of JSON-LD), and the two
// JavaScript-only kinds (inline encoded state, and a fetch/XHR from a same-host JSON endpoint).
import { base64, esc, scriptJson } from './escape';

export type Semantic =
  | { kind: 'offer'; amount: string; currency: string }
  | { kind: 'telephone' }
  | { kind: 'faxNumber' }
  | { kind: 'locality' }
  | { kind: 'sku' }
  | { kind: 'brand' }
  | { kind: 'availability'; inStock: boolean }
  | { kind: 'text'; prop: string }
  | { kind: 'person'; jobTitle: string };

export interface Item {
  /** The truth column this item carries; undefined for distractors. */
  col?: string;
  label: string;
  /** Human display text (plain text). */
  value: string;
  /** A struck-through earlier value ("was $30"). */
  was?: string;
  note?: string;
  sem?: Semantic;
  /** Prose sentence with {value} and optionally {was} placeholders (plain text). */
  sentence?: string;
  /** Link target for the value (e.g. tel: links). */
  href?: string;
}

function valueHtml(item: Item): string {
  const value = item.href ? `<a href="${esc(item.href)}">${esc(item.value)}</a>` : esc(item.value);
  const was = item.was ? `<s>${esc(item.was)}</s> ` : '';
  const note = item.note ? ` <small>${esc(item.note)}</small>` : '';
  return `${was}${value}${note}`;
}

export function tableBlock(items: Item[], options: { caption?: string; headers?: [string, string]; className?: string } = {}): string {
  const caption = options.caption ? `<caption>${esc(options.caption)}</caption>` : '';
  const head = options.headers ? `<thead><tr><th>${esc(options.headers[0])}</th><th>${esc(options.headers[1])}</th></tr></thead>` : '';
  const rows = items.map((i) => `<tr><th scope="row">${esc(i.label)}</th><td>${valueHtml(i)}</td></tr>`).join('');
  return `<table class="${options.className ?? 'prices'}">${caption}${head}<tbody>${rows}</tbody></table>`;
}

export function dlBlock(items: Item[]): string {
  return `<dl class="facts">${items.map((i) => `<dt>${esc(i.label)}</dt><dd>${valueHtml(i)}</dd>`).join('')}</dl>`;
}

export function listBlock(items: Item[]): string {
  return `<ul class="facts">${items.map((i) => `<li>${esc(i.label)}: ${valueHtml(i)}</li>`).join('')}</ul>`;
}

export function cardsBlock(items: Item[]): string {
  return `<div class="cards">${items
    .map((i) => `<div class="card"><div class="card-label">${esc(i.label)}</div><div class="card-value">${valueHtml(i)}</div></div>`)
    .join('')}</div>`;
}

function sentenceHtml(item: Item): string {
  const template = item.sentence ?? `${item.label}: {value}.`;
  const value = item.href ? `<a href="${esc(item.href)}">${esc(item.value)}</a>` : `<strong>${esc(item.value)}</strong>`;
  return esc(template)
    .replace('{value}', value)
    .replace('{was}', item.was ? `<s>${esc(item.was)}</s>` : '');
}

/** Sentences grouped into paragraphs of up to three. */
export function proseBlock(items: Item[], lead = ''): string {
  const sentences = items.map(sentenceHtml);
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(' '));
  if (lead) paragraphs[0] = `${esc(lead)} ${paragraphs[0] ?? ''}`;
  return paragraphs.map((p) => `<p>${p}</p>`).join('');
}

function microValue(item: Item, offerProp: string): string {
  const sem = item.sem;
  const plain = valueHtml(item);
  if (!sem) return plain;
  switch (sem.kind) {
    case 'offer':
      return `<span itemprop="${offerProp}" itemscope itemtype="https://schema.org/Offer"><meta itemprop="name" content="${esc(item.label)}">${item.was ? `<s>${esc(item.was)}</s> ` : ''}<span itemprop="price" content="${esc(sem.amount)}">${esc(item.value)}</span><meta itemprop="priceCurrency" content="${esc(sem.currency)}"></span>`;
    case 'telephone':
    case 'faxNumber':
      return `<span itemprop="${sem.kind}">${plain}</span>`;
    case 'locality':
      return `<span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">${esc(item.value)}</span></span>`;
    case 'sku':
      return `<span itemprop="sku">${esc(item.value)}</span>`;
    case 'brand':
      return `<span itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">${esc(item.value)}</span></span>`;
    case 'availability':
      return `<link itemprop="availability" href="https://schema.org/${sem.inStock ? 'InStock' : 'OutOfStock'}">${esc(item.value)}`;
    case 'text':
      return `<span itemprop="${esc(sem.prop)}">${plain}</span>`;
    case 'person':
      return `<span itemprop="employee" itemscope itemtype="https://schema.org/Person"><meta itemprop="jobTitle" content="${esc(sem.jobTitle)}"><span itemprop="name">${esc(item.value)}</span></span>`;
    default: {
      const never: never = sem;
      throw new Error(`unknown semantic ${String(never)}`);
    }
  }
}

/** Rows of microdata-annotated values; the caller wraps them in the itemscope of the entity. */
export function microdataRows(items: Item[], offerProp = 'makesOffer'): string {
  return `<ul class="facts">${items.map((i) => `<li><span class="label">${esc(i.label)}:</span> ${microValue(i, offerProp)}</li>`).join('')}</ul>`;
}

export function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${scriptJson(data)}</script>`;
}

export type ClientLayout = 'table' | 'list' | 'cards';

/** What the browser receives (inline or from the JSON endpoint) to draw the items itself. */
export function clientItems(items: Item[]): Array<{ label: string; value: string; was?: string; note?: string; href?: string }> {
  return items.map((i) => ({ label: i.label, value: i.value, was: i.was, note: i.note, href: i.href }));
}

// The browser-side renderer, shared by both JavaScript kinds. Plain ES5-ish code on purpose:
// it runs in any Chromium without transpiling.
const CLIENT_RENDER = `function fwRender(el,items,layout){var h='';function v(i){return (i.was?'<s>'+i.was+'</s> ':'')+(i.href?'<a href="'+i.href+'">'+i.value+'</a>':i.value)+(i.note?' <small>'+i.note+'</small>':'')}
if(layout==='table'){h='<table class="prices"><tbody>'+items.map(function(i){return '<tr><th>'+i.label+'</th><td>'+v(i)+'</td></tr>'}).join('')+'</tbody></table>'}
else if(layout==='cards'){h='<div class="cards">'+items.map(function(i){return '<div class="card"><div class="card-label">'+i.label+'</div><div class="card-value">'+v(i)+'</div></div>'}).join('')+'</div>'}
else{h='<ul class="facts">'+items.map(function(i){return '<li>'+i.label+': '+v(i)+'</li>'}).join('')+'</ul>'}
el.innerHTML=h;el.removeAttribute('data-js-pending');}`;

function escapeForClient(items: Item[]): ReturnType<typeof clientItems> {
  // The client inserts strings as HTML, so escape them here, once, on the server.
  return clientItems(items).map((i) => ({
    label: esc(i.label),
    value: esc(i.value),
    ...(i.was ? { was: esc(i.was) } : {}),
    ...(i.note ? { note: esc(i.note) } : {}),
    ...(i.href ? { href: esc(i.href) } : {}),
  }));
}

/**
 * Values that exist only after the page's script runs: the state is embedded base64-encoded
 * (as some frameworks hydrate), so the raw HTML never contains the values in readable form.
 */
export function jsInlineBlock(id: string, items: Item[], layout: ClientLayout, loadingText: string, delayMs: number): string {
  const state = base64(JSON.stringify(escapeForClient(items)));
  return `<div id="${id}" data-js-pending="1"><p class="loading">${esc(loadingText)}</p></div>
<script>${CLIENT_RENDER}
(function(){var raw=atob(${scriptJson(state)});var bytes=new Uint8Array(raw.length);for(var i=0;i<raw.length;i++)bytes[i]=raw.charCodeAt(i);
var items=JSON.parse(new TextDecoder().decode(bytes));setTimeout(function(){fwRender(document.getElementById(${scriptJson(id)}),items,${scriptJson(layout)})},${delayMs});})();</script>`;
}

/** Values fetched from a JSON endpoint on the same host after load (fetch() or XMLHttpRequest). */
export function jsXhrBlock(id: string, apiPath: string, layout: ClientLayout, loadingText: string, transport: 'fetch' | 'xhr'): string {
  const call =
    transport === 'fetch'
      ? `fetch(${scriptJson(apiPath)},{headers:{'Accept':'application/json'}}).then(function(r){return r.json()}).then(function(d){fwRender(el,d.items,${scriptJson(layout)})})`
      : `var x=new XMLHttpRequest();x.open('GET',${scriptJson(apiPath)});x.setRequestHeader('Accept','application/json');x.onload=function(){fwRender(el,JSON.parse(x.responseText).items,${scriptJson(layout)})};x.send()`;
  return `<div id="${id}" data-js-pending="1"><p class="loading">${esc(loadingText)}</p></div>
<script>${CLIENT_RENDER}
document.addEventListener('DOMContentLoaded',function(){var el=document.getElementById(${scriptJson(id)});${call};});</script>`;
}

/** The JSON body the js-xhr endpoint serves. */
export function xhrPayload(items: Item[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, items: escapeForClient(items) });
}
