// Plain HTTP against the farm for tests: one request, no redirect following, body as text.
import type { Dispatcher } from 'undici';
import { request } from 'undici';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function rawGet(url: string, dispatcher: Dispatcher, options: { method?: 'GET' | 'HEAD'; headersTimeout?: number } = {}): Promise<RawResponse> {
  const res = await request(url, { dispatcher, method: options.method ?? 'GET', headersTimeout: options.headersTimeout });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers, body: await res.body.text() };
}
