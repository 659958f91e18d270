// A local HTTP server speaking the OpenAI chat-completions API, for tests: the real endpoint
// cannot be reached here (DESIGN.md §8). It listens on 127.0.0.1 on a free port, records every
// request, and answers what the test's `respond` function says — a scripted completion, a 429
// with Retry-After, a 500, a body that is not JSON, a slow answer, a dropped connection.

import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lowercased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: unknown;
  rawBody: string;
  /** 0-based order of arrival. */
  index: number;
}

interface ReplyTiming {
  /** Wait this long before answering (a slow model). */
  delayMs?: number;
}

export type FakeReply =
  | (ReplyTiming & { status?: number; headers?: Record<string, string>; json: unknown })
  | (ReplyTiming & { status?: number; headers?: Record<string, string>; body: string })
  /** Close the connection without an answer (a crashed server). */
  | (ReplyTiming & { destroy: true });

export type FakeResponder = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiServerOptions {
  /** Answers chat-completion requests. Default: an empty `{"fields": {}}` completion. */
  respond?: FakeResponder;
}

export interface FakeOpenAiServer {
  /** Base URL with `/v1`, as users configure it (`http://127.0.0.1:PORT/v1`). */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Every request received (chat completions and others), in order. */
  readonly requests: RecordedRequest[];
  /** Chat-completion requests only. */
  readonly chatRequests: RecordedRequest[];
  /** Replaces the responder. */
  setResponder(respond: FakeResponder): void;
  /** Forgets recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface CompletionOptions {
  /** `null` = no usage in the response (as some servers do). Default: counts from the text lengths. */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens?: number } | null;
  model?: string;
  finishReason?: string;
  /** OpenAI structured-output refusal instead of content. */
  refusal?: string;
}

/** A chat-completion response body; an object `content` is sent as its JSON text. */
export function chatCompletion(content: string | object, options: CompletionOptions = {}): Record<string, unknown> {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  const body: Record<string, unknown> = {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: options.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: options.refusal ? { role: 'assistant', content: null, refusal: options.refusal } : { role: 'assistant', content: text },
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
  };
  if (options.usage !== null) {
    const usage = options.usage ?? { prompt_tokens: 100, completion_tokens: Math.max(1, Math.ceil(text.length / 4)) };
    body.usage = { ...usage, total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens };
  }
  return body;
}

/** A completion reply carrying the extraction answer `{fields}`. */
export function extractionReply(
  fields: Record<string, { value: string | null; confidence?: number; quote?: string | null }>,
  options: CompletionOptions & { status?: number; delayMs?: number } = {},
): FakeReply {
  const answer = Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [name, { value: f.value, confidence: f.confidence ?? 0.9, quote: f.quote ?? null }]),
  );
  return { status: options.status, delayMs: options.delayMs, json: chatCompletion({ fields: answer }, options) };
}

/** An error reply in OpenAI's format (`{error: {message, type, code}}`). */
export function errorReply(status: number, message: string, headers?: Record<string, string>): FakeReply {
  return { status, headers, json: { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'invalid_request_error', code: null } } };
}

/** Answers with `replies` in order; the last one repeats. */
export function scripted(...replies: (FakeReply | FakeResponder)[]): FakeResponder {
  let next = 0;
  return (request) => {
    const reply = replies[Math.min(next, replies.length - 1)];
    next += 1;
    return typeof reply === 'function' ? reply(request) : reply;
  };
}

/** The chat messages of a recorded request. */
export function messagesOf(request: RecordedRequest): { role: string; content: string }[] {
  const body = request.body as { messages?: unknown } | undefined;
  if (!body || !Array.isArray(body.messages)) return [];
  return body.messages.map((m: unknown) => {
    const message = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: String(message.role ?? ''), content: typeof message.content === 'string' ? message.content : '' };
  });
}

/** The page text between the PAGE markers of an extraction prompt, or '' when there is none. */
export function pageTextOf(request: RecordedRequest): string {
  const user = messagesOf(request).find((m) => m.role === 'user')?.content ?? '';
  const match = /<<<(PAGE-[0-9a-f]{8})\n([\s\S]*?)\n\1>>>/.exec(user);
  return match ? match[2] : '';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const DEFAULT_RESPONDER: FakeResponder = () => ({ json: chatCompletion({ fields: {} }) });

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  let respond = options.respond ?? DEFAULT_RESPONDER;
  const requests: RecordedRequest[] = [];
  const chatRequests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBody(req);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body, rawBody, index: requests.length };
    requests.push(recorded);

    const path = recorded.path.split('?')[0];
    if (req.method === 'GET' && /\/models$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }));
      return;
    }
    if (req.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    chatRequests.push(recorded);
    const reply = await respond(recorded);
    if (reply.delayMs) {
      // Wake early when the client gives up (or the server closes): no timer outlives the test.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || req.socket.destroyed) return;
    }
    if ('destroy' in reply) {
      req.socket.destroy();
      return;
    }
    const status = reply.status ?? 200;
    if ('json' in reply) {
      res.writeHead(status, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(JSON.stringify(reply.json));
    } else {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(reply.headers ?? {}) }).end(reply.body);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake server responder failed: ${error instanceof Error ? error.message : String(error)}` } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    chatRequests,
    setResponder(next) {
      respond = next;
    },
    reset() {
      requests.length = 0;
      chatRequests.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
