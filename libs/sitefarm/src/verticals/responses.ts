// Small constructors for the responses verticals return.
import type { PageResponse } from '../types';

export function html(body: string, status = 200, headers: Record<string, string> = {}): PageResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body, delivery: { kind: 'immediate' } };
}

export function json(body: string, status = 200): PageResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body, delivery: { kind: 'immediate' } };
}

export function text(body: string, contentType = 'text/plain; charset=utf-8', status = 200): PageResponse {
  return { status, headers: { 'content-type': contentType }, body, delivery: { kind: 'immediate' } };
}

export function redirect(location: string, status = 302): PageResponse {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: `<a href="${location}">Moved</a>`, delivery: { kind: 'immediate' } };
}
