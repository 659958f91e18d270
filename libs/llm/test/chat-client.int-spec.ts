// The chat client against a real local HTTP server speaking the OpenAI API: request shape,
// fallbacks for servers that reject json_schema, retries, timeouts, typed errors, usage and cost.

import { LlmClient, LlmError, type LlmConfig } from '../src';
import { chatCompletion, errorReply, type FakeOpenAiServer, scripted, startFakeOpenAiServer } from '../src/testing';

const schema = { name: 'fieldwork_extraction', schema: { type: 'object', properties: { fields: { type: 'object' } }, required: ['fields'], additionalProperties: false } };
const messages = [
  { role: 'system' as const, content: 'You extract JSON.' },
  { role: 'user' as const, content: 'Page: hello' },
];

describe('LlmClient over HTTP', () => {
  let server: FakeOpenAiServer;
  const delays: number[] = [];
  const fastDeps = {
    sleep: async (ms: number) => {
      delays.push(ms);
    },
    random: () => 0.5,
  };
  const config = (extra: Partial<LlmConfig> = {}): LlmConfig => ({ baseUrl: server.url, apiKey: 'sk-test-123', model: 'gpt-4o-mini', ...extra });

  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    delays.length = 0;
  });

  it('posts model, messages, json_schema response format, limits and the bearer key', async () => {
    server.setResponder(() => ({ json: chatCompletion('{"fields":{}}', { usage: { prompt_tokens: 1200, completion_tokens: 300 }, model: 'gpt-4o-mini-2024-07-18' }) }));
    const client = new LlmClient(config({ headers: { 'x-title': 'fieldwork' } }));
    const result = await client.chat({ messages, jsonSchema: schema, maxOutputTokens: 500 });

    expect(server.chatRequests).toHaveLength(1);
    const request = server.chatRequests[0];
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test-123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-title']).toBe('fieldwork');
    expect(request.body).toEqual({
      model: 'gpt-4o-mini',
      messages,
      stream: false,
      max_tokens: 500,
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'fieldwork_extraction', strict: true, schema: schema.schema } },
    });
    expect(result).toMatchObject({
      content: '{"fields":{}}',
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
      usage: { promptTokens: 1200, completionTokens: 300, totalTokens: 1500, estimated: false },
      responseMode: 'json_schema',
      requests: 1,
    });
    // gpt-4o-mini: $0.00015 / 1K prompt, $0.0006 / 1K completion.
    expect(result.costUsd).toBeCloseTo(1.2 * 0.00015 + 0.3 * 0.0006, 10);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('asks for exactly the configured reply tokens when set (room for reasoning models)', async () => {
    await new LlmClient(config({ maxOutputTokens: 8000, temperature: null })).chat({ messages, maxOutputTokens: 500 });
    expect(server.chatRequests[0].body).toMatchObject({ max_tokens: 8000 });
    expect((server.chatRequests[0].body as Record<string, unknown>).temperature).toBeUndefined();
  });

  it('reaches servers configured without /v1 and without a key', async () => {
    const client = new LlmClient({ baseUrl: server.origin, model: 'llama3.1:8b' });
    await client.chat({ messages });
    expect(server.chatRequests[0].path).toBe('/v1/chat/completions');
    expect(server.chatRequests[0].headers.authorization).toBeUndefined();
    expect((server.chatRequests[0].body as Record<string, unknown>).response_format).toBeUndefined();
  });

  it('falls back from json_schema to json_object on a 400 and remembers it', async () => {
    server.setResponder((request) => {
      const format = (request.body as { response_format?: { type: string } }).response_format?.type;
      return format === 'json_schema' ? errorReply(400, "Unsupported value: 'response_format.type' does not support 'json_schema'") : { json: chatCompletion('{"fields":{}}') };
    });
    const client = new LlmClient(config());
    const first = await client.chat({ messages, jsonSchema: schema });
    expect(first).toMatchObject({ responseMode: 'json_object', requests: 2 });
    expect(server.chatRequests.map((r) => (r.body as { response_format: { type: string } }).response_format.type)).toEqual(['json_schema', 'json_object']);
    expect(client.responseMode).toBe('json_object');

    server.reset();
    const second = await client.chat({ messages, jsonSchema: schema });
    expect(second).toMatchObject({ responseMode: 'json_object', requests: 1 });
    expect(server.chatRequests).toHaveLength(1);
  });

  it('falls back to plain text when JSON mode is rejected too', async () => {
    server.setResponder((request) => ((request.body as { response_format?: unknown }).response_format ? errorReply(422, 'response_format is not supported') : { json: chatCompletion('ok') }));
    const client = new LlmClient(config());
    const result = await client.chat({ messages, jsonSchema: schema });
    expect(result).toMatchObject({ responseMode: 'none', requests: 3, content: 'ok' });
  });

  it('adapts to models that want max_completion_tokens or no temperature', async () => {
    server.setResponder((request) => {
      const body = request.body as Record<string, unknown>;
      if ('max_tokens' in body) return errorReply(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
      if ('temperature' in body) return errorReply(400, "Unsupported value: 'temperature' does not support 0 with this model.");
      return { json: chatCompletion('{}') };
    });
    const client = new LlmClient(config({ model: 'o4-mini' }));
    const result = await client.chat({ messages, jsonSchema: schema });
    expect(result).toMatchObject({ responseMode: 'json_schema', requests: 3 });
    const last = server.chatRequests[2].body as Record<string, unknown>;
    expect(last.max_completion_tokens).toBe(4096);
    expect(last.temperature).toBeUndefined();
  });

  it('does not fall back when the 400 is about the prompt being too long', async () => {
    server.setResponder(() => errorReply(400, "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens."));
    const client = new LlmClient(config());
    const error = await client.chat({ messages, jsonSchema: schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'bad_request', status: 400, retryable: false, attempts: 1 });
    expect((error as LlmError).message).toContain('maximum context length is 8192 tokens');
    expect(server.chatRequests).toHaveLength(1);
    expect(client.responseMode).toBe('json_schema');
  });

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    server.setResponder(scripted(errorReply(429, 'Rate limit reached for requests', { 'retry-after': '2' }), { json: chatCompletion('{}') }));
    const client = new LlmClient(config(), fastDeps);
    const result = await client.chat({ messages });
    expect(result.requests).toBe(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(2000);
    expect(delays[0]).toBeLessThan(2200);
  });

  it('really sleeps between retries (retry-after-ms honoured)', async () => {
    server.setResponder(scripted(errorReply(429, 'slow down', { 'retry-after-ms': '60' }), errorReply(503, 'overloaded'), { json: chatCompletion('{}') }));
    const client = new LlmClient(config({ backoffBaseMs: 20 }));
    const started = Date.now();
    const result = await client.chat({ messages });
    expect(result.requests).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(result.latencyMs).toBeGreaterThanOrEqual(60);
  });

  it('gives up at once when Retry-After is longer than it may wait, telling how long', async () => {
    server.setResponder(() => errorReply(429, 'daily quota exhausted', { 'retry-after': '3600' }));
    const client = new LlmClient(config(), fastDeps);
    const error = (await client.chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 3_600_000, retryable: true, attempts: 1 });
    expect(delays).toEqual([]);
  });

  it('retries 5xx with growing backoff and then fails with a typed error carrying the server message', async () => {
    server.setResponder(() => errorReply(500, 'The server had an error while processing your request.'));
    const client = new LlmClient(config({ maxRetries: 3, backoffBaseMs: 100 }), fastDeps);
    const error = (await client.chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'server_error', status: 500, attempts: 4, retryable: true, serverMessage: 'The server had an error while processing your request.' });
    expect(error.message).toContain('500');
    expect(server.chatRequests).toHaveLength(4);
    // random() = 0.5 → 75 % of 100, 200, 400 ms.
    expect(delays).toEqual([75, 150, 300]);
  });

  it('reads only the start of a huge error body', async () => {
    server.setResponder(() => ({ status: 400, body: `bad request: ${'x'.repeat(500_000)}` }));
    const error = (await new LlmClient(config()).chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(error.serverMessage!.startsWith('bad request: xxx')).toBe(true);
    expect(error.serverMessage!.length).toBeLessThanOrEqual(500);
  });

  it('reports 401 and 404 with hints, without retrying', async () => {
    server.setResponder(() => errorReply(401, 'Incorrect API key provided: sk-test***123.'));
    const unauthorized = (await new LlmClient(config(), fastDeps).chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(unauthorized).toMatchObject({ code: 'unauthorized', status: 401, attempts: 1, retryable: false });
    expect(unauthorized.message).toMatch(/FIELDWORK_LLM_API_KEY.*Incorrect API key/);

    server.setResponder(() => ({ status: 404, json: { error: "model 'llama9' not found, try pulling it first" } }));
    const missing = (await new LlmClient(config({ model: 'llama9' }), fastDeps).chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(missing).toMatchObject({ code: 'not_found', status: 404, serverMessage: "model 'llama9' not found, try pulling it first" });
    expect(missing.message).toContain('"llama9"');
    expect(delays).toEqual([]);
  });

  it('times out a slow server and says so', async () => {
    server.setResponder(() => ({ delayMs: 2_000, json: chatCompletion('{}') }));
    const client = new LlmClient(config({ timeoutMs: 150 }), fastDeps);
    const started = Date.now();
    const error = (await client.chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toMatchObject({ code: 'timeout', retryable: true, attempts: 1 });
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops when the caller aborts', async () => {
    server.setResponder(() => ({ delayMs: 2_000, json: chatCompletion('{}') }));
    const controller = new AbortController();
    const pending = new LlmClient(config()).chat({ messages, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('retries a dropped connection', async () => {
    server.setResponder(scripted({ destroy: true }, { json: chatCompletion('{}') }));
    const result = await new LlmClient(config(), fastDeps).chat({ messages });
    expect(result.requests).toBe(2);
    expect(delays).toHaveLength(1);
  });

  it('fails with network after retries when nothing listens', async () => {
    const closed = await startFakeOpenAiServer();
    const url = closed.url;
    await closed.close();
    const error = (await new LlmClient({ baseUrl: url, model: 'm', maxRetries: 1 }, fastDeps).chat({ messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toMatchObject({ code: 'network', attempts: 2, retryable: true });
    expect(error.message).toContain(url);
  });

  it('rejects a 2xx body that is not a completion', async () => {
    server.setResponder(() => ({ body: '<html>502 Bad Gateway</html>' }));
    await expect(new LlmClient(config()).chat({ messages })).rejects.toMatchObject({ code: 'invalid_response' });
    server.setResponder(() => ({ json: { object: 'chat.completion', choices: [] } }));
    await expect(new LlmClient(config()).chat({ messages })).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('refuses a huge response body', async () => {
    server.setResponder(() => ({ json: chatCompletion('x'.repeat(200_000)) }));
    await expect(new LlmClient(config({ maxResponseBytes: 50_000 })).chat({ messages })).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('estimates usage when the server reports none, and prices it from the configured table', async () => {
    const content = '{"fields":{"phone":{"value":"555-0100","confidence":0.9,"quote":"555-0100"}}}';
    server.setResponder(() => ({ json: chatCompletion(content, { usage: null }) }));
    const client = new LlmClient(config({ model: 'local-model', price: { promptPer1K: 0.01, completionPer1K: 0.02 } }));
    const result = await client.chat({ messages });
    const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.promptTokens).toBe(3 + 4 * messages.length + Math.ceil(messages[0].content.length / 4) + Math.ceil(messages[1].content.length / 4));
    expect(result.usage.promptTokens).toBeGreaterThanOrEqual(Math.ceil(promptChars / 4));
    expect(result.usage.completionTokens).toBe(Math.ceil(content.length / 4));
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);
    expect(result.costUsd).toBeCloseTo((result.usage.promptTokens / 1000) * 0.01 + (result.usage.completionTokens / 1000) * 0.02, 9);
  });

  it('costs nothing for self-hosted models', async () => {
    server.setResponder(() => ({ json: chatCompletion('{}', { usage: { prompt_tokens: 5000, completion_tokens: 500 } }) }));
    const result = await new LlmClient(config({ model: 'Qwen/Qwen2.5-7B-Instruct' })).chat({ messages });
    expect(result.costUsd).toBe(0);
  });
});
