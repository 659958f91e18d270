import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import {
  eventFromBinary,
  eventFromJson,
  eventToBinary,
  eventToJson,
  isKnownEventType,
  registeredProtoFiles,
  shortTypeName,
  UnknownEventTypeError,
  schemaOf,
} from './event-registry';
import { LedgerCreditedSchema } from './gen/fieldwork/testing/v1/events_pb';

function generatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? generatedFiles(path) : path.endsWith('_pb.ts') ? [path] : [];
  });
}

describe('event registry', () => {
  it('registers every generated proto file', () => {
    const registered = new Set(registeredProtoFiles.map((file) => file.proto.name));
    const generated = generatedFiles(join(__dirname, 'gen')).map((path) =>
      path.slice(join(__dirname, 'gen').length + 1).replace(/_pb\.ts$/, '.proto'),
    );
    expect(generated.length).toBeGreaterThan(0);
    for (const file of generated) expect(registered).toContain(file);
  });

  it('round-trips an event through JSON (the events table) and binary (the NATS wire)', () => {
    const event = create(LedgerCreditedSchema, { amount: 42n, memo: 'coffee' });
    const fromJson = eventFromJson(event.$typeName, eventToJson(event));
    const fromBinary = eventFromBinary(event.$typeName, eventToBinary(event));
    expect(fromJson).toEqual(event);
    expect(fromBinary).toEqual(event);
  });

  it('reads JSON written by a newer producer that added fields', () => {
    const json = { amount: '5', memo: 'x', addedLater: 'ignored' };
    const event = eventFromJson('fieldwork.testing.v1.LedgerCredited', json);
    expect(event).toMatchObject({ amount: 5n, memo: 'x' });
  });

  it('names unknown types precisely', () => {
    expect(isKnownEventType('fieldwork.nope.v1.Nothing')).toBe(false);
    expect(() => schemaOf('fieldwork.nope.v1.Nothing')).toThrow(UnknownEventTypeError);
    expect(shortTypeName('fieldwork.campaigns.v1.CampaignCreated')).toBe('CampaignCreated');
  });
});
