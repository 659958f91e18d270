import { chatCompletionsUrl, llmConfigFromEnv, resolveLlmConfig } from './config';
import { LlmError } from './errors';

describe('chatCompletionsUrl', () => {
  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1/chat/completions'],
    ['http://localhost:11434', 'http://localhost:11434/v1/chat/completions'],
    ['http://localhost:11434/', 'http://localhost:11434/v1/chat/completions'],
    ['http://gpu:8000/v1', 'http://gpu:8000/v1/chat/completions'],
    ['https://api.groq.com/openai/v1', 'https://api.groq.com/openai/v1/chat/completions'],
    ['http://127.0.0.1:8080/v1/chat/completions', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://127.0.0.1:8080/chat/completions/', 'http://127.0.0.1:8080/chat/completions'],
  ])('%s → %s', (base, expected) => {
    expect(chatCompletionsUrl(base)).toBe(expected);
  });

  it('rejects what is not an http(s) URL, saying what was given', () => {
    expect(() => chatCompletionsUrl('localhost:11434')).toThrow(/must be http or https|not a URL/);
    expect(() => chatCompletionsUrl('not a url')).toThrow(LlmError);
    expect(() => chatCompletionsUrl('ftp://x/v1')).toThrow(/http or https/);
    expect(() => chatCompletionsUrl('https://user:secret@llm.example/v1')).toThrow(/must not contain credentials/);
  });
});

describe('llmConfigFromEnv', () => {
  it('is null when no model is configured (the default)', () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ FIELDWORK_LLM_BASE_URL: 'http://localhost:11434' })).toBeNull();
    expect(llmConfigFromEnv({ FIELDWORK_LLM_MODEL: 'llama3.1' })).toBeNull();
    expect(llmConfigFromEnv({ FIELDWORK_LLM_BASE_URL: ' ', FIELDWORK_LLM_MODEL: ' ' })).toBeNull();
  });

  it('reads endpoint, key, model, timeouts, prices and response format', () => {
    const config = llmConfigFromEnv({
      FIELDWORK_LLM_BASE_URL: 'https://api.openai.com/v1',
      FIELDWORK_LLM_API_KEY: 'sk-test',
      FIELDWORK_LLM_MODEL: 'gpt-4o-mini',
      FIELDWORK_LLM_TIMEOUT_MS: '30000',
      FIELDWORK_LLM_MAX_RETRIES: '5',
      FIELDWORK_LLM_PRICE_PROMPT_PER_1K: '0.001',
      FIELDWORK_LLM_PRICE_COMPLETION_PER_1K: '0.002',
      FIELDWORK_LLM_RESPONSE_FORMAT: 'json_object',
    });
    expect(config).toEqual({
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      timeoutMs: 30000,
      maxRetries: 5,
      price: { promptPer1K: 0.001, completionPer1K: 0.002 },
      responseMode: 'json_object',
    });
  });

  it('names the variable that holds an unusable value', () => {
    const base = { FIELDWORK_LLM_BASE_URL: 'http://localhost:8080', FIELDWORK_LLM_MODEL: 'm' };
    expect(() => llmConfigFromEnv({ ...base, FIELDWORK_LLM_PRICE_PROMPT_PER_1K: 'cheap' })).toThrow(/FIELDWORK_LLM_PRICE_PROMPT_PER_1K/);
    expect(() => llmConfigFromEnv({ ...base, FIELDWORK_LLM_TIMEOUT_MS: '-1' })).toThrow(/FIELDWORK_LLM_TIMEOUT_MS/);
    expect(() => llmConfigFromEnv({ ...base, FIELDWORK_LLM_RESPONSE_FORMAT: 'xml' })).toThrow(/FIELDWORK_LLM_RESPONSE_FORMAT/);
    expect(() => llmConfigFromEnv({ ...base, FIELDWORK_LLM_BASE_URL: 'gpu-box:8000' })).toThrow(LlmError);
  });
});

describe('resolveLlmConfig', () => {
  it('fills defaults', () => {
    const resolved = resolveLlmConfig({ baseUrl: 'http://localhost:11434', model: 'qwen2.5:7b' });
    expect(resolved).toMatchObject({
      endpoint: 'http://localhost:11434/v1/chat/completions',
      timeoutMs: 60_000,
      maxRetries: 3,
      responseMode: 'json_schema',
      temperature: 0,
      maxTokensParam: 'max_tokens',
    });
    expect(resolved.apiKey).toBeUndefined();
  });

  it('says not_configured without endpoint or model, invalid_config for bad values', () => {
    expect(() => resolveLlmConfig({ baseUrl: '', model: 'm' })).toThrow(expect.objectContaining({ code: 'not_configured' }));
    expect(() => resolveLlmConfig({ baseUrl: 'http://x', model: 'm', timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => resolveLlmConfig({ baseUrl: 'http://x', model: 'm', temperature: 5 })).toThrow(/temperature/);
    expect(() => resolveLlmConfig({ baseUrl: 'http://x', model: 'm', price: { promptPer1K: -1, completionPer1K: 0 } })).toThrow(/promptPer1K/);
  });
});
