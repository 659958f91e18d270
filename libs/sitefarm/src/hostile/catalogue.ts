// The hostile behaviours the farm can give a site: the platform's failure label for each, what a
// correct agent should end with, and whether the fields must all sit on the entry page.
import type { ExpectedOutcome, HostileBehaviour, HostileLabel } from '../types';

export interface HostileSpec {
  label: HostileLabel;
  expectedOutcome: ExpectedOutcome;
  /** Behaviours that leave the page usable put every field on the entry page. */
  forceHome: boolean;
  summary: string;
}

export const HOSTILE_CATALOGUE: Record<HostileBehaviour, HostileSpec> = {
  captcha: { label: 'blocked:captcha', expectedOutcome: 'failure', forceHome: false, summary: 'every page is a 200 "verify you are human" interstitial' },
  login_wall: { label: 'blocked:login_required', expectedOutcome: 'failure', forceHome: false, summary: 'every page 302-redirects to /login?next=…, a sign-in form' },
  paywall: { label: 'blocked:paywall', expectedOutcome: 'failure', forceHome: false, summary: 'pages show a teaser and a subscribe box; the values are never sent' },
  geo_block: { label: 'blocked:geo_blocked', expectedOutcome: 'failure', forceHome: false, summary: 'every page is 451 "not available in your region"' },
  bot_wall: { label: 'blocked:bot_detected', expectedOutcome: 'failure', forceHome: false, summary: 'every page is 403 "automated traffic detected"' },
  not_found: { label: 'page_error:404', expectedOutcome: 'failure', forceHome: false, summary: 'every page is 404' },
  gone: { label: 'page_error:410', expectedOutcome: 'failure', forceHome: false, summary: 'every page is 410 Gone' },
  server_error: { label: 'page_error:500', expectedOutcome: 'failure', forceHome: false, summary: 'every page is 500 with a stack trace' },
  redirect_loop: { label: 'page_error:redirect_loop', expectedOutcome: 'failure', forceHome: false, summary: 'every page 302s to /loop/a, which 302s to /loop/b, which 302s back to /loop/a' },
  too_large: { label: 'page_error:too_large', expectedOutcome: 'failure', forceHome: true, summary: 'the entry page streams largePageBytes (12 MiB by default) of HTML' },
  slow_response: { label: 'timeout', expectedOutcome: 'failure', forceHome: false, summary: 'headers arrive only after slowResponseMs (120 s by default)' },
  slow_trickle: { label: 'timeout', expectedOutcome: 'failure', forceHome: false, summary: 'headers at once, then trickleChunkBytes bytes every trickleIntervalMs' },
  transient_503: { label: 'transient:503', expectedOutcome: 'success', forceHome: false, summary: 'the first transientFailures requests to the host get 503 + Retry-After: 1, then normal' },
  trap_redirect: { label: 'unsafe_target:redirect', expectedOutcome: 'failure', forceHome: false, summary: 'every page 302-redirects to http://127.0.0.2:<trapPort>/internal/…' },
  trap_link: { label: 'unsafe_target:link', expectedOutcome: 'success', forceHome: true, summary: 'normal page with all fields, plus links to http://127.0.0.2:<trapPort>/internal/…' },
  dialogs: { label: 'dialogs', expectedOutcome: 'success', forceHome: true, summary: 'alert() and confirm() on load; fields present' },
  endless_scroll: { label: 'endless_scroll', expectedOutcome: 'success', forceHome: true, summary: 'fields present; a feed grows forever as you scroll' },
  download_trap: { label: 'download_trap', expectedOutcome: 'success', forceHome: true, summary: 'fields present; links to an attachment download (and /price-list redirects to it)' },
};
