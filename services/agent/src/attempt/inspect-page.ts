// Is this page the site, or something standing in its way? Walls (captcha, login, paywall,
// region, bot detection) are recognised by the extraction engine's classifier plus what only
// the fetch knows (a redirect that landed on a sign-in page); HTTP errors become page_error.
import { classifyPage } from '@fieldwork/extraction';
import { blocked, pageErrorStatus, type Failure } from '../domain/failure';

export interface InspectablePage {
  status: number;
  html: string | null;
  /** Where the content came from (after redirects). */
  finalUrl: string;
  /** The URL asked for. */
  requestedUrl: string;
  headers: Record<string, string>;
  redirected: boolean;
}

const SIGN_IN_PATH = /(^|\/)(login|log-in|signin|sign-in|sign_in|auth|sso|account\/login|users\/sign_in)(\/|$)/i;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

export function inspectPage(page: InspectablePage): Failure | undefined {
  const html = page.html ?? '';
  if (html) {
    const wall = classifyPage({ status: page.status, html, url: page.finalUrl, headers: page.headers });
    if (wall) return blocked(wall.reason, `${page.finalUrl}: ${wall.evidence}`);
  }
  if (page.redirected && SIGN_IN_PATH.test(pathOf(page.finalUrl)) && !SIGN_IN_PATH.test(pathOf(page.requestedUrl))) {
    return blocked('login_required', `${page.requestedUrl} redirects to the sign-in page ${page.finalUrl}`);
  }
  if (page.status === 401) return blocked('login_required', `${page.finalUrl} answered 401 Unauthorized`);
  if (page.status === 451) return blocked('geo_blocked', `${page.finalUrl} answered 451 Unavailable For Legal Reasons`);
  if (page.status >= 400) return pageErrorStatus(page.status, `${page.finalUrl} answered HTTP ${page.status}`);
  return undefined;
}
