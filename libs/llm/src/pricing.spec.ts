import { DEFAULT_PRICES, estimateCostUsd, priceFor } from './pricing';
import { estimateChatTokens, estimateTokens } from './tokens';

describe('priceFor', () => {
  it('is free for unknown and self-hosted models', () => {
    expect(priceFor('llama3.1:8b')).toEqual({ promptPer1K: 0, completionPer1K: 0 });
    expect(priceFor('Qwen/Qwen2.5-7B-Instruct')).toEqual({ promptPer1K: 0, completionPer1K: 0 });
  });

  it('knows common OpenAI models, dated snapshots and provider prefixes included', () => {
    expect(priceFor('gpt-4o-mini')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor('gpt-4o-mini-2024-07-18')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor('gpt-4o-2024-08-06')).toBe(DEFAULT_PRICES['gpt-4o']);
    expect(priceFor('openai/gpt-4.1-mini')).toBe(DEFAULT_PRICES['gpt-4.1-mini']);
  });

  it('prefers an explicit price, then the configured table', () => {
    const price = { promptPer1K: 1, completionPer1K: 2 };
    expect(priceFor('gpt-4o', { price })).toBe(price);
    expect(priceFor('my-model-v2', { prices: { 'my-model': price } })).toBe(price);
    expect(priceFor('gpt-4o', { prices: { 'gpt-4o': price } })).toBe(price);
  });
});

describe('estimateCostUsd', () => {
  it('charges prompt and completion tokens per 1K', () => {
    expect(estimateCostUsd({ promptTokens: 2000, completionTokens: 500 }, { promptPer1K: 0.00015, completionPer1K: 0.0006 })).toBeCloseTo(0.0006, 12);
    expect(estimateCostUsd({ promptTokens: 1234, completionTokens: 99 }, { promptPer1K: 0, completionPer1K: 0 })).toBe(0);
  });
});

describe('estimateTokens', () => {
  it('counts about four Latin characters per token, more tokens for other scripts', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a'.repeat(400))).toBe(100);
    expect(estimateTokens('日本語のテキスト')).toBeGreaterThan(estimateTokens('abcdefgh'));
    expect(estimateChatTokens([{ content: 'a'.repeat(40) }, { content: '' }])).toBe(3 + 4 + 10 + 4);
  });
});
