// Test fixtures of the event store (the "ledger" domain and its process harness), shared with
// other projects' tests and the benchmark as `@fieldwork/eventstore/testing`.
export * from './ledger.fixture';
export * from './ledger-node';
export * from './child-process';
