// Cost estimate of a chat completion from its token counts. Prices are per 1,000 tokens in US
// dollars. Self-hosted models (vLLM, Ollama, llama.cpp) cost nothing per token, so anything not
// in the table is priced at 0 unless configured (`FIELDWORK_LLM_PRICE_*_PER_1K`).

export interface LlmPrice {
  promptPer1K: number;
  completionPer1K: number;
}

export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

export const FREE: LlmPrice = Object.freeze({ promptPer1K: 0, completionPer1K: 0 });

/**
 * OpenAI list prices (standard tier, USD per 1K tokens) of common models, as published in 2025.
 * Prices change: set the env prices or `LlmConfig.prices` when the bill matters.
 */
export const DEFAULT_PRICES: Readonly<Record<string, LlmPrice>> = Object.freeze({
  'gpt-4o': { promptPer1K: 0.0025, completionPer1K: 0.01 },
  'gpt-4o-mini': { promptPer1K: 0.00015, completionPer1K: 0.0006 },
  'gpt-4.1': { promptPer1K: 0.002, completionPer1K: 0.008 },
  'gpt-4.1-mini': { promptPer1K: 0.0004, completionPer1K: 0.0016 },
  'gpt-4.1-nano': { promptPer1K: 0.0001, completionPer1K: 0.0004 },
});

function lookup(model: string, table: Readonly<Record<string, LlmPrice>>): LlmPrice | undefined {
  if (Object.prototype.hasOwnProperty.call(table, model)) return table[model];
  // Dated snapshots ("gpt-4o-mini-2024-07-18") take the price of their family, longest name first.
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (model.startsWith(`${name}-`) && (!best || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : table[best];
}

/**
 * The price of `model`: an explicit price wins, then the configured table, then the defaults
 * (exact name, else the longest family prefix; a provider prefix such as `openai/` is ignored),
 * else free.
 */
export function priceFor(
  model: string,
  options: { price?: LlmPrice; prices?: Readonly<Record<string, LlmPrice>> } = {},
): LlmPrice {
  if (options.price) return options.price;
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  for (const table of [options.prices ?? {}, DEFAULT_PRICES]) {
    const found = lookup(model, table) ?? lookup(bare, table);
    if (found) return found;
  }
  return FREE;
}

/** Dollars for these token counts, rounded to a nano-dollar to keep float noise out of sums. */
export function estimateCostUsd(tokens: TokenCounts, price: LlmPrice): number {
  const cost = (tokens.promptTokens / 1000) * price.promptPer1K + (tokens.completionTokens / 1000) * price.completionPer1K;
  return Math.round(cost * 1e9) / 1e9;
}
