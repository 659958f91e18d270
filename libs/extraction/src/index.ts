// @fieldwork/extraction: the model-free extraction engine. Pure: HTML text and a URL in, data
// out — no network, no file system, no clock.

export * from './types';
export { extract, extractDetailed, ExtractionInputError, type DetailedExtraction, type ExtractOptions } from './extract';
export { expectedCalibrationError, reliabilityTable, fitLogistic, sigmoid, type Prediction, type ReliabilityBin, type LogisticModel } from './scoring/calibration';
export { FEATURE_NAMES, type FieldExplanation } from './scoring/decide-field';
export { mergeFieldResults, ExtractionSession, type MergedExtraction, type SessionConfig } from './merge';
export { classifyPage, type BlockReason, type ClassifyInput, type PageClassification } from './classify-page';
export { needsJavaScript, assessJavaScriptNeed, type JavaScriptAssessment } from './needs-javascript';
export { rankLinks, type RankLinksInput, type RankedLink } from './rank-links';
export { TECHNOLOGIES, type Technology, type TechnologyCategory } from './candidates/fingerprint-catalog';
export { hostMatches, RecipeValidationError, type Recipe, type RecipeIssue, type RecipeMatch, type RecipeRule } from './recipes/recipe';
export { applyRecipe, loadRecipe, loadRecipes, matchRecipe, selectorProblem, type RecipeExtraction, type RecipeExtractInput, type RecipeMatchResult } from './recipes/apply-recipe';
