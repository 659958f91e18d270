// A tiny "ledger" domain that exercises the backbone end to end in tests and the benchmark:
// a decider, an inline projection (balances, in the writer's database) and a projection fed
// from JetStream in another database (copies), which stands in for another service.
import { create } from '@bufbuild/protobuf';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource as TypeOrmDataSource } from 'typeorm';
import { ConflictError, NotFoundError, testingEvents, ValidationError } from '@fieldwork/contracts';
import { EventStoreSchema, type Decider, type Projection, type RecordedEvent } from '../src';

const { LedgerOpenedSchema, LedgerCreditedSchema, LedgerCorruptedSchema } = testingEvents;
type LedgerEvent = testingEvents.LedgerOpened | testingEvents.LedgerCredited | testingEvents.LedgerCorrupted;

export const LEDGER_SERVICE = 'ledger';

export type LedgerCommand =
  | { kind: 'open'; name: string }
  | { kind: 'credit'; amount: number; memo?: string }
  | { kind: 'corrupt'; reason: string };

export interface LedgerState {
  opened: boolean;
  balance: bigint;
}

export const ledgerDecider: Decider<LedgerState, LedgerCommand, LedgerEvent> = {
  aggregateType: 'ledger',
  initialState: () => ({ opened: false, balance: 0n }),
  decide(command, state) {
    switch (command.kind) {
      case 'open':
        if (state.opened) throw new ConflictError('ledger is already open');
        return [create(LedgerOpenedSchema, { name: command.name })];
      case 'credit':
        if (!state.opened) throw new NotFoundError('Ledger', '?');
        if (command.amount <= 0) throw ValidationError.single('amount', 'must be positive');
        return [create(LedgerCreditedSchema, { amount: BigInt(command.amount), memo: command.memo ?? '' })];
      case 'corrupt':
        return [create(LedgerCorruptedSchema, { reason: command.reason })];
      default: {
        const never: never = command;
        throw new Error(`unknown command ${JSON.stringify(never)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.$typeName) {
      case 'fieldwork.testing.v1.LedgerOpened':
        return { ...state, opened: true };
      case 'fieldwork.testing.v1.LedgerCredited':
        return { ...state, balance: state.balance + event.amount };
      case 'fieldwork.testing.v1.LedgerCorrupted':
        return state;
      default: {
        const never: never = event;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  },
};

export class LedgerTables1732300000001 implements MigrationInterface {
  name = 'LedgerTables1732300000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ledger_balances', 'ledger_copies']) {
      await queryRunner.query(`
        create table ${table} (
          ledger_id text primary key,
          organization_id text not null,
          name text not null,
          balance bigint not null default 0,
          credits integer not null default 0,
          last_version integer not null
        )`);
    }
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('drop table ledger_balances, ledger_copies');
  }
}

function ledgerProjection(name: string, table: string, refuseCorrupted: boolean): Projection {
  return {
    name,
    version: 1,
    handles: [
      'fieldwork.testing.v1.LedgerOpened',
      'fieldwork.testing.v1.LedgerCredited',
      'fieldwork.testing.v1.LedgerCorrupted',
    ],
    async apply(manager: EntityManager, event: RecordedEvent): Promise<void> {
      const data = event.data as LedgerEvent;
      switch (data.$typeName) {
        case 'fieldwork.testing.v1.LedgerOpened':
          await manager.query(
            `insert into ${table} (ledger_id, organization_id, name, last_version) values ($1, $2, $3, $4)`,
            [event.aggregateId, event.organizationId, data.name, event.aggregateVersion],
          );
          return;
        case 'fieldwork.testing.v1.LedgerCredited':
          await manager.query(
            `update ${table} set balance = balance + $2, credits = credits + 1, last_version = $3 where ledger_id = $1`,
            [event.aggregateId, data.amount.toString(), event.aggregateVersion],
          );
          return;
        case 'fieldwork.testing.v1.LedgerCorrupted':
          if (refuseCorrupted) throw new Error(`refusing corrupted ledger event: ${data.reason}`);
          return;
        default: {
          const never: never = data;
          throw new Error(`unknown event ${JSON.stringify(never)}`);
        }
      }
    },
    // Set-based: one insert for the opened ledgers, one update for the summed credits.
    async applyBatch(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
      const opened: { ledger_id: string; organization_id: string; name: string; last_version: number }[] = [];
      const credited = new Map<string, { ledger_id: string; amount: bigint; n: number; v: number }>();
      for (const event of events) {
        const data = event.data as LedgerEvent;
        if (data.$typeName === 'fieldwork.testing.v1.LedgerOpened') {
          opened.push({ ledger_id: event.aggregateId, organization_id: event.organizationId, name: data.name, last_version: event.aggregateVersion });
        } else if (data.$typeName === 'fieldwork.testing.v1.LedgerCredited') {
          const entry = credited.get(event.aggregateId) ?? { ledger_id: event.aggregateId, amount: 0n, n: 0, v: 0 };
          entry.amount += data.amount;
          entry.n += 1;
          entry.v = Math.max(entry.v, event.aggregateVersion);
          credited.set(event.aggregateId, entry);
        } else if (refuseCorrupted) {
          throw new Error(`refusing corrupted ledger event: ${data.reason}`);
        }
      }
      if (opened.length > 0) {
        await manager.query(
          `insert into ${table} (ledger_id, organization_id, name, last_version)
           select ledger_id, organization_id, name, last_version
           from jsonb_to_recordset($1::jsonb) as x(ledger_id text, organization_id text, name text, last_version int)`,
          [JSON.stringify(opened)],
        );
      }
      if (credited.size > 0) {
        await manager.query(
          `update ${table} t set balance = t.balance + x.amount, credits = t.credits + x.n, last_version = x.v
           from jsonb_to_recordset($1::jsonb) as x(ledger_id text, amount bigint, n int, v int)
           where t.ledger_id = x.ledger_id`,
          [JSON.stringify([...credited.values()].map((entry) => ({ ...entry, amount: entry.amount.toString() })))],
        );
      }
    },
    async reset(manager: EntityManager): Promise<void> {
      await manager.query(`delete from ${table}`);
    },
  };
}

/** Inline projection in the writer's database. */
export const balancesProjection = ledgerProjection('ledger-balances', 'ledger_balances', false);
/** JetStream-fed projection in a consumer's database; refuses LedgerCorrupted (poison). */
export const copiesProjection = ledgerProjection('ledger-copies', 'ledger_copies', true);

export async function openLedgerDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new TypeOrmDataSource({
    type: 'postgres',
    url,
    migrations: [EventStoreSchema, LedgerTables1732300000001],
    migrationsRun: true,
    extra: { max: poolSize },
    logging: false,
  });
  return dataSource.initialize();
}

export async function tableRows(dataSource: DataSource, table: string): Promise<unknown[]> {
  return dataSource.query(
    `select ledger_id, organization_id, name, balance::text, credits, last_version from ${table} order by ledger_id`,
  );
}
