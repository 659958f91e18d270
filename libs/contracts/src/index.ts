export * from './actor';
export * from './errors';
export * from './event-registry';
export * from './upcasters';
export * from './gen/fieldwork/common/v1/envelope_pb';
export * as testingEvents from './gen/fieldwork/testing/v1/events_pb';
export * as campaignEvents from './gen/fieldwork/campaigns/v1/events_pb';
export { create, type MessageInitShape } from '@bufbuild/protobuf';
export { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
