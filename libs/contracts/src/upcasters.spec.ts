import { create } from '@bufbuild/protobuf';
import { LedgerCorruptedSchema, LedgerCreditedSchema } from './gen/fieldwork/testing/v1/events_pb';
import { registerUpcaster, upcast } from './upcasters';

describe('upcasters', () => {
  it('translates an old shape into the current one on read and leaves current shapes alone', () => {
    // Fixture: pretend LedgerCorrupted was an old way of recording a zero credit.
    registerUpcaster('fieldwork.testing.v1.LedgerCorrupted', (old) =>
      create(LedgerCreditedSchema, { amount: 0n, memo: `legacy: ${(old as unknown as { reason: string }).reason}` }),
    );
    const upcasted = upcast(create(LedgerCorruptedSchema, { reason: 'v0' }));
    expect(upcasted).toEqual(create(LedgerCreditedSchema, { amount: 0n, memo: 'legacy: v0' }));
    const current = create(LedgerCreditedSchema, { amount: 3n });
    expect(upcast(current)).toBe(current);
  });

  it('refuses two upcasters for one type', () => {
    registerUpcaster('fieldwork.testing.v1.Twice', (event) => event);
    expect(() => registerUpcaster('fieldwork.testing.v1.Twice', (event) => event)).toThrow(/already registered/);
  });
});
