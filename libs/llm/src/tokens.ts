// Token estimates for servers that do not report usage (some llama.cpp and Ollama builds, proxies)
// and for budgeting page text. Roughly 4 characters per token for Latin text and fewer for other
// scripts; good to ±25 %, which is enough for cost estimates and budgets.

const NON_ASCII = /[^\x00-\x7f]/g;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const nonAscii = text.match(NON_ASCII)?.length ?? 0;
  return Math.ceil((text.length - nonAscii) / 4 + nonAscii / 1.5);
}

/** Chat overhead: a few tokens per message for role and separators, plus the reply primer. */
export function estimateChatTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(m.content), 3);
}

/** Characters of Latin text that fit in `tokens`. */
export function charsForTokens(tokens: number): number {
  return Math.max(0, Math.floor(tokens * 4));
}
