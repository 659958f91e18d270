// Documented defaults for addressing and hostile timings (docs/sitefarm.md lists the same values).

export const BASE_HOST = 'farm.localhost';
export const DEFAULT_PORT = 4500;
export const TRAP_HOST = '127.0.0.2';
export const DEFAULT_TRAP_PORT = 4599;
export const DEFAULT_TRANSIENT_FAILURES = 3;
export const DEFAULT_SLOW_RESPONSE_MS = 120_000;
export const DEFAULT_TRICKLE_CHUNK_BYTES = 64;
export const DEFAULT_TRICKLE_INTERVAL_MS = 1_000;
export const DEFAULT_LARGE_PAGE_BYTES = 12 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_BYTES = 2 * 1024 * 1024;
export const DEMO_SITES = 30;
