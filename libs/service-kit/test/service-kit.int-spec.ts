// A service assembled from the kit answers commands over NATS with typed errors, reports
// health, runs its relay, and exposes the operator commands (republish, rebuild).
import { Controller, Inject, Module } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { v7 as uuidv7 } from 'uuid';
import { ValidationError, type FieldworkError } from '@fieldwork/contracts';
import type { CommandHandler } from '@fieldwork/eventstore';
import { RpcClient, SYSTEM_ACTOR, type RpcCallContext } from '@fieldwork/messaging';
import { createTestDatabase, createTestNats, eventually, randomPrefix, type TestDatabase, type TestNats } from '@fieldwork/testing';
import { balancesProjection, LedgerTables1732300000001, ledgerDecider, tableRows } from '@fieldwork/eventstore/testing';
import { bootstrapService, COMMAND_HANDLER, FieldworkModule, loadServiceConfig, type RunningService } from '../src';

@Controller()
class LedgerController {
  constructor(@Inject(COMMAND_HANDLER) private readonly commands: CommandHandler) {}

  @MessagePattern('ledger.credit')
  async credit(@Payload() body: { ledgerId?: string; amount?: number }, @Ctx() ctx: RpcCallContext) {
    if (typeof body.ledgerId !== 'string') throw ValidationError.single('ledgerId', 'is required');
    const meta = { ...ctx.meta, organizationId: ctx.organizationId, causationId: uuidv7() };
    await this.commands.handle(ledgerDecider, body.ledgerId, { kind: 'open', name: body.ledgerId }, meta, {
      projections: [balancesProjection],
    }).catch(() => undefined);
    const result = await this.commands.handle(
      ledgerDecider,
      body.ledgerId,
      { kind: 'credit', amount: Number(body.amount) },
      meta,
      { projections: [balancesProjection] },
    );
    return { version: result.version };
  }
}

describe('service kit', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let service: RunningService;
  let rpc: RpcClient;
  const prefix = randomPrefix();
  const meta = { organizationId: 'org-1', actor: SYSTEM_ACTOR, correlationId: 'corr-1' };

  beforeAll(async () => {
    db = await createTestDatabase('kit');
    nats = await createTestNats(prefix);
    const config = {
      ...loadServiceConfig('ledger', { FIELDWORK_NATS_PREFIX: prefix }),
      databaseName: db.name,
      databaseUrl: db.url,
    };
    @Module({
      imports: [
        FieldworkModule.forService({
          service: 'ledger',
          config,
          migrations: [LedgerTables1732300000001],
          inlineProjections: [balancesProjection],
        }),
      ],
      controllers: [LedgerController],
    })
    class LedgerServiceModule {}
    service = await bootstrapService(LedgerServiceModule, { service: 'ledger', handleSignals: false });
    rpc = new RpcClient(nats.connection, service.runtime.nats.naming, 2_000);
  });

  afterAll(async () => {
    await service?.close();
    await nats?.dispose();
    await db?.drop();
  });

  it('answers commands and reports health over NATS', async () => {
    await expect(rpc.request('ledger.credit', { ledgerId: 'k-1', amount: 5 }, meta)).resolves.toEqual({ version: 2 });
    // The relay reports standby until it holds the leader lease, which a busy machine may take a moment to grant.
    await eventually(
      async () =>
        expect(await rpc.request<{ status: string; checks: Record<string, string> }>('ledger.health', {}, meta)).toMatchObject({
          status: 'ok',
          checks: { database: 'ok', nats: 'ok', outboxRelay: 'ok' },
        }),
      { what: 'health to report the database, NATS and the leading outbox relay' },
    );
    await eventually(
      async () => expect((await nats.jsm.streams.info(`${prefix.toUpperCase()}_EVT_LEDGER`)).state.messages).toBe(2),
      { what: 'the relay to publish both events' },
    );
  });

  it('turns domain and input errors into typed errors for the caller', async () => {
    await expect(rpc.request('ledger.credit', { amount: 5 }, meta)).rejects.toMatchObject({
      code: 'validation_failed',
      httpStatus: 422,
      errors: [{ path: 'ledgerId', message: 'is required' }],
    });
    await expect(rpc.request('ledger.credit', { ledgerId: 'k-1', amount: -1 }, meta)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'amount', message: 'must be positive' }],
    });
    // No organization on the call: refused, not guessed.
    await expect(rpc.request('ledger.credit', { ledgerId: 'k-1', amount: 1 }, { ...meta, organizationId: undefined })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('answers 503-style unavailability when nobody serves a subject', async () => {
    const error = (await rpc.request('nobody.here', {}, meta).catch((e: unknown) => e)) as FieldworkError;
    expect(error.code).toBe('unavailable');
    expect(error.httpStatus).toBe(503);
    expect(error.message).toMatch(/nobody service is not running/);
  });

  it('runs the operator commands: republish and rebuild', async () => {
    await expect(rpc.request('ledger.admin.republish', { fromPosition: 0 }, meta)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'fromPosition' }],
    });
    await expect(rpc.request('ledger.admin.republish', {}, meta)).resolves.toMatchObject({
      lastPositionInStream: 2,
      requeued: 2,
    });
    const before = await tableRows(service.runtime.dataSource, 'ledger_balances');
    await expect(rpc.request('ledger.admin.rebuild', { projection: 'ledger-balances' }, meta)).resolves.toEqual({
      projection: 'ledger-balances',
      mode: 'event-store',
      applied: 2,
    });
    expect(await tableRows(service.runtime.dataSource, 'ledger_balances')).toEqual(before);
    await expect(rpc.request('ledger.admin.rebuild', { projection: 'nope' }, meta)).rejects.toMatchObject({ code: 'not_found' });
  });
});
