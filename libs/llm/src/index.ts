// @fieldwork/llm: the `llm` extraction strategy — any OpenAI-compatible chat-completions endpoint
// (OpenAI, vLLM, Ollama, llama.cpp server) reads cleaned, budgeted page text and answers every
// column with a value, a confidence and a quote that is checked against the page. Optional: with
// no FIELDWORK_LLM_* configuration there is no model and nothing here is called.
// Test double of the endpoint: `@fieldwork/llm/testing`.

export * from './types';
export { llmExtract, LlmInputError, EXTRACT_LIMITS } from './extract/llm-extract';
export { combineFieldResults, type CombinedFieldResult, type AnyEvidence } from './extract/combine-results';
export { LLM_CONFIDENCE } from './extract/field-result';
export { buildExtractionPrompt, extractionSchema, SYSTEM_PROMPT, PROMPT_LIMITS, type FewShotExample, type PromptColumn, type ExtractionPrompt, type ExtractionPromptInput } from './extract/prompt';
export { parseModelOutput, parseJsonLoosely, type ModelAnswer, type ParsedModelOutput, type OutputProblem } from './extract/parse-model-output';
export { PageEvidence, normalizeForMatch, valueInText } from './extract/verify-quote';
export { preparePageText, RelevanceScorer, DEFAULT_PAGE_BUDGET_CHARS, type PreparePageTextInput, type PreparedPageText, type PagePrepColumn } from './page/prepare-page-text';
export { htmlToBlocks, type PageDocument, type PageBlock, type PageLink } from './page/html-to-blocks';
export {
  LlmClient,
  createLlmClient,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type JsonSchemaFormat,
  type LlmClientDeps,
  type LlmUsage,
} from './http/chat-client';
export { llmConfigFromEnv, resolveLlmConfig, chatCompletionsUrl, LLM_DEFAULTS, type LlmConfig, type ResolvedLlmConfig, type ResponseMode } from './config';
export { LlmError, isLlmError, type LlmErrorCode } from './errors';
export { priceFor, estimateCostUsd, DEFAULT_PRICES, type LlmPrice, type TokenCounts } from './pricing';
export { estimateTokens, estimateChatTokens } from './tokens';
