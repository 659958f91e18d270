// Reads a response body up to a byte cap: a hostile or broken server cannot make a worker buffer
// gigabytes.

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** The body as text; over `maxBytes` it throws, or with `truncate` returns the first `maxBytes`. */
export async function readBodyCapped(response: Response, maxBytes: number, options: { truncate?: boolean } = {}): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!options.truncate) throw new BodyTooLargeError(maxBytes);
      chunks.push(value.subarray(0, value.byteLength - (total - maxBytes)));
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The server's error message from an OpenAI, vLLM, Ollama or llama.cpp error body, capped. */
export function serverErrorMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const message = messageOf(parsed);
    if (message) return cap(message);
  } catch {
    // not JSON: the raw text is the message
  }
  return cap(trimmed);
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  if (record.error !== undefined) return messageOf(record.error);
  if (typeof record.detail === 'string') return record.detail;
  return undefined;
}

function cap(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 500 ? `${oneLine.slice(0, 497)}...` : oneLine;
}
