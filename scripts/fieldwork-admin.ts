// Operator commands, sent over NATS to the owning service.
//   npm run admin -- republish --service campaigns [--from <position>]
//       re-publishes events from the event store (default: repairs the stream's lost tail)
//   npm run admin -- rebuild --service results --projection <name>
//       rebuilds a projection from scratch
//   npm run admin -- health
import { connect } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { Naming, RpcClient, SERVICES, SYSTEM_ACTOR } from '@fieldwork/messaging';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function fail(message: string): never {
  console.error(`fieldwork-admin: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const connection = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const rpc = new RpcClient(connection, new Naming(process.env.FIELDWORK_NATS_PREFIX ?? 'fw'), 60_000);
  const meta = { actor: { ...SYSTEM_ACTOR, displayName: 'fieldwork-admin' }, correlationId: uuidv7() };
  try {
    const service = option(args, 'service');
    switch (command) {
      case 'republish': {
        if (!service) fail('republish needs --service <name>');
        const from = option(args, 'from');
        const result = await rpc.request(`${service}.admin.republish`, from ? { fromPosition: Number(from) } : {}, meta);
        console.log(JSON.stringify(result, null, 2));
        break;
      }
      case 'rebuild': {
        const projection = option(args, 'projection');
        if (!service || !projection) fail('rebuild needs --service <name> --projection <name>');
        console.log(JSON.stringify(await rpc.request(`${service}.admin.rebuild`, { projection }, meta), null, 2));
        break;
      }
      case 'health': {
        for (const name of SERVICES) {
          const report = await rpc.request(`${name}.health`, {}, meta, { timeoutMs: 2_000 }).catch((error: Error) => ({ error: error.message }));
          console.log(name.padEnd(13), JSON.stringify(report));
        }
        break;
      }
      default:
        fail(`unknown command "${command ?? ''}"; use republish, rebuild or health`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`fieldwork-admin: ${(error as Error).message}`);
  process.exit(1);
});
