// The POS vendors restaurants use, with the hostnames their order links, scripts and iframes point
// at. Every vendor hostname is rewritten under the farm's base host (order.toasttab.com becomes
// order.toasttab.com.farm.localhost), so it resolves to loopback and the farm itself answers it.
import type { PosSystem } from '../types';

export interface PosVendor {
  name: PosSystem;
  /** Order-link host; `{slug}` is the restaurant's slug. */
  orderHost: string;
  orderPath: string;
  scriptHost: string;
  scriptPath: string;
  iframeHost: string;
  iframePath: string;
  generator: string;
  badge: string;
  /** Matches any trace of this vendor in a page's HTML. */
  fingerprint: RegExp;
}

export const POS_VENDORS: Record<PosSystem, PosVendor> = {
  Toast: {
    name: 'Toast',
    orderHost: 'order.toasttab.com',
    orderPath: '/online/{slug}',
    scriptHost: 'cdn.toasttab.com',
    scriptPath: '/online-ordering/widget.js',
    iframeHost: 'order.toasttab.com',
    iframePath: '/online/{slug}/embed',
    generator: 'Toast Websites',
    badge: 'Powered by Toast',
    fingerprint: /toasttab\.com|Toast Websites|Powered by Toast/i,
  },
  Square: {
    name: 'Square',
    orderHost: '{slug}.square.site',
    orderPath: '/s/order',
    scriptHost: 'js.squareup.com',
    scriptPath: '/v2/paymentform.js',
    iframeHost: 'squareup.com',
    iframePath: '/online-ordering/{slug}/embed',
    generator: 'Square Online',
    badge: 'Powered by Square',
    fingerprint: /squareup\.com|square\.site|Square Online|Powered by Square/i,
  },
  Clover: {
    name: 'Clover',
    orderHost: 'www.clover.com',
    orderPath: '/online-ordering/{slug}',
    scriptHost: 'checkout.clover.com',
    scriptPath: '/sdk.js',
    iframeHost: 'www.clover.com',
    iframePath: '/online-ordering/{slug}/embed',
    generator: 'Clover Online Ordering',
    badge: 'Order with Clover',
    fingerprint: /clover\.com|Clover Online Ordering|with Clover/i,
  },
  Lightspeed: {
    name: 'Lightspeed',
    orderHost: 'order.lightspeedhq.com',
    orderPath: '/r/{slug}',
    scriptHost: 'cdn.lightspeedhq.com',
    scriptPath: '/o-series/widget.js',
    iframeHost: 'order.lightspeedhq.com',
    iframePath: '/r/{slug}/embed',
    generator: 'Lightspeed Restaurant',
    badge: 'Powered by Lightspeed',
    fingerprint: /lightspeedhq\.com|Lightspeed Restaurant|Powered by Lightspeed/i,
  },
  SpotOn: {
    name: 'SpotOn',
    orderHost: 'order.spoton.com',
    orderPath: '/{slug}',
    scriptHost: 'cdn.spoton.com',
    scriptPath: '/ordering/loader.js',
    iframeHost: 'order.spoton.com',
    iframePath: '/{slug}/embed',
    generator: 'SpotOn Website Builder',
    badge: 'Powered by SpotOn',
    fingerprint: /spoton\.com|SpotOn Website Builder|Powered by SpotOn/i,
  },
  Revel: {
    name: 'Revel',
    orderHost: '{slug}.revelup.com',
    orderPath: '/weborder/',
    scriptHost: 'static.revelup.com',
    scriptPath: '/weborder/js/embed.js',
    iframeHost: '{slug}.revelup.com',
    iframePath: '/weborder/?embed=1',
    generator: 'Revel Systems Online Ordering',
    badge: 'Powered by Revel Systems',
    fingerprint: /revelup\.com|Revel Systems/i,
  },
  TouchBistro: {
    name: 'TouchBistro',
    orderHost: 'order.touchbistro.com',
    orderPath: '/{slug}',
    scriptHost: 'cdn.touchbistro.com',
    scriptPath: '/online-ordering/v1/widget.js',
    iframeHost: 'order.touchbistro.com',
    iframePath: '/{slug}/embed',
    generator: 'TouchBistro Online Ordering',
    badge: 'Powered by TouchBistro',
    fingerprint: /touchbistro\.com|TouchBistro/i,
  },
};

/** Every vendor whose fingerprint appears in the HTML (script srcs, iframes, links, meta, text). */
export function detectPosSystems(html: string): PosSystem[] {
  return Object.values(POS_VENDORS)
    .filter((vendor) => vendor.fingerprint.test(html))
    .map((vendor) => vendor.name);
}

/** Which vendor (if any) a farm hostname impersonates, e.g. "order.toasttab.com.farm.localhost". */
export function vendorForHost(host: string, baseHost: string): PosVendor | null {
  const suffix = `.${baseHost}`;
  if (!host.endsWith(suffix)) return null;
  const inner = host.slice(0, -suffix.length);
  for (const vendor of Object.values(POS_VENDORS)) {
    const hosts = [vendor.orderHost, vendor.scriptHost, vendor.iframeHost].map((h) => h.replace('{slug}.', ''));
    if (hosts.some((h) => inner === h || inner.endsWith(`.${h}`))) return vendor;
  }
  return null;
}
