// Every NATS subject and JetStream name in one place. A prefix namespaces a whole deployment
// (production uses "fw"; each test file uses its own, so suites never see each other's streams).

export const SERVICES = ['gateway', 'campaigns', 'datasets', 'orchestrator', 'agent', 'results'] as const;
export type ServiceName = (typeof SERVICES)[number];

const PREFIX_PATTERN = /^[a-z][a-z0-9]{0,30}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

export class Naming {
  private readonly upper: string;

  constructor(readonly prefix = 'fw') {
    if (!PREFIX_PATTERN.test(prefix)) {
      throw new Error(`NATS prefix "${prefix}" must be lower-case letters and digits, starting with a letter`);
    }
    this.upper = prefix.toUpperCase();
  }

  /** The stream holding every event a service publishes; kept for replay. */
  eventStream(service: string): string {
    return `${this.upper}_EVT_${token(service).toUpperCase()}`;
  }

  eventSubjects(service: string): string {
    return `${this.prefix}.evt.${token(service)}.>`;
  }

  eventSubject(service: string, aggregateType: string, shortType: string): string {
    return `${this.prefix}.evt.${token(service)}.${token(aggregateType)}.${token(shortType)}`;
  }

  /** Request/reply subject of a command or query, e.g. pattern "campaigns.create". */
  rpcSubject(pattern: string): string {
    return `${this.prefix}.rpc.${pattern.split('.').map(token).join('.')}`;
  }

  healthPattern(service: string): string {
    return `${token(service)}.health`;
  }

  /** Work-queue stream for agent dispatch (each message consumed once). */
  get workStream(): string {
    return `${this.upper}_WORK_AGENT`;
  }

  get workSubjects(): string {
    return `${this.prefix}.work.agent.>`;
  }

  workSubject(kind: string): string {
    return `${this.prefix}.work.agent.${token(kind)}`;
  }

  get deadLetterStream(): string {
    return `${this.upper}_DLQ`;
  }

  get deadLetterSubjects(): string {
    return `${this.prefix}.dlq.>`;
  }

  deadLetterSubject(stream: string, consumer: string): string {
    return `${this.prefix}.dlq.${token(stream)}.${token(consumer)}`;
  }

  /** Plain NATS (not JetStream) subject for live progress: ephemeral, for live views only. */
  progressSubject(...tokens: string[]): string {
    return `${this.prefix}.progress.${tokens.map(token).join('.')}`;
  }
}

function token(value: string): string {
  if (!TOKEN_PATTERN.test(value)) throw new Error(`"${value}" is not a valid NATS subject token`);
  return value;
}
