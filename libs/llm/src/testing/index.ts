// @fieldwork/llm/testing: a local OpenAI-compatible server for tests (no network here) and a
// deterministic "model" that answers extraction prompts from their own page text.

export * from './fake-openai-server';
export { smartResponder, answerFromPage, columnsOfPrompt, type PromptColumnInfo, type SmartAnswer, type SmartResponderOptions } from './smart-responder';
