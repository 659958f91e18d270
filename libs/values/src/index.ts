// @fieldwork/values: column types, parsing to canonical forms, type detection, type-aware
// equality and header matching — shared by datasets, agent and results.

export * from './column-type';
export * from './parse-result';
export { parseValue, canonicalize, parseText } from './parse-value';
export { parseMoney, findCurrencyMarkers, findMoneyMentions, readCanonicalMoney, type MoneyMention } from './money';
export { parseNumber } from './number';
export { parsePhone } from './phone';
export { parseEmail } from './email';
export { parseUrl, urlKey, canonicalUrlString } from './url';
export { parseDate, findDates, type DateMention } from './date';
export { parseBoolean } from './boolean';
export { parseEnum } from './enum';
export { minorDigits } from './currency';
export { numberTokens, type NumberToken } from './number-tokens';
export { decimalSeparatorFor, dateOrderFor } from './locale';
export { valuesEqual, type CompareOptions } from './values-equal';
export { detectType, detectColumnType, typeFromHeader, type TypeDetection } from './detect-type';
export { headerMatches, headerMatchScore } from './header-match';
export { normalizeHeader, tokenize, STOPWORDS } from './vocabulary';
export { CONCEPT_PHRASES, WEAK_WORDS, conceptsOf, findConcepts, type ConceptHit } from './synonyms';
export { collapseWhitespace, foldDiacritics, textKey, unifyDashes } from './text';
