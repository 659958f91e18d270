// The site farm: a deterministic local web of realistic sites with ground truth and hostile
// cases, for tests, benchmarks and the demo. See docs/sitefarm.md.
export * from './types';
export * from './defaults';
export { generateFarm, validateFarmOptions, FarmOptionsError } from './generate-farm';
export { renderPage, routeRequest, hostOnly } from './render-page';
export { crawlSite, pageTargets, type CrawlOptions } from './crawl';
export { startSiteFarm, type StartSiteFarmOptions, type RunningSiteFarm } from './server/start-site-farm';
export { startTrapListener, type TrapListener, type TrapHit } from './server/trap-listener';
export { farmLookup, farmDispatcher, farmHttpAgent, isLocalhostName } from './server/farm-lookup';
export { writeDatasets, datasetCsv, HELPER_COLUMNS } from './datasets/write-datasets';
export { humanValue } from './datasets/human-values';
export { HOSTILE_CATALOGUE, type HostileSpec } from './hostile/catalogue';
export { VERTICAL_MODULES } from './verticals/registry';
export { canonicalMoney, displayMoney, findMoney, parseMoney, type Money } from './canonical/money';
export { canonicalPhone, displayPhone, findPhones, parsePhone, type Phone, type PhoneCountry } from './canonical/phone';
export { displayDate, findDates, parseDate } from './canonical/date';
export { findAvailability, parseAvailability } from './canonical/availability';
export { detectPosSystems, POS_VENDORS } from './canonical/pos-vendors';
export { valuePresent, normalizeText, type PageEvidence } from './canonical/value-presence';
export { htmlToText } from './canonical/html-text';
export { staticReadableText, valueReadableInRawHtml } from './testing/raw-leaks';
