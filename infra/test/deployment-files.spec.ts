// docker-compose.yml cannot be run here (no Docker engine), so its promises are checked as data:
// every service is there, wired to Postgres 16, NATS 2.10+ with a durable JetStream, and Jaeger.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICES } from '@fieldwork/messaging';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: { dockerfile: string };
  environment?: Record<string, string>;
  command?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// Compose resolves YAML merge keys (<<:), so the test does too.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  it('runs Postgres 16, NATS 2.10+ with the repo config, and Jaeger with OTLP', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:16/);
    const natsVersion = /^nats:(\d+)\.(\d+)/.exec(compose.services.nats.image ?? '');
    expect(natsVersion).not.toBeNull();
    expect(Number(natsVersion![1]) * 100 + Number(natsVersion![2])).toBeGreaterThanOrEqual(210);
    expect(compose.services.nats.volumes).toContain('./infra/nats/nats-server.conf:/etc/nats/nats-server.conf:ro');
    expect(compose.services.jaeger.environment?.COLLECTOR_OTLP_ENABLED).toBe('true');
  });

  it.each(SERVICES)('runs the %s service from the shared image, after Postgres and NATS are healthy', (service) => {
    const definition = compose.services[service];
    expect(definition).toBeDefined();
    expect(definition.build?.dockerfile).toBe('infra/docker/Dockerfile');
    expect(definition.environment?.SERVICE).toBe(service);
    expect(definition.environment?.NATS_URL).toBe('nats://nats:4222');
    expect(definition.environment?.DATABASE_URL).toMatch(/@postgres:5432$/);
    expect(definition.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    expect(definition.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      nats: { condition: 'service_healthy' },
    });
  });
});

describe('infra/nats/nats-server.conf', () => {
  const conf = readFileSync(join(root, 'infra/nats/nats-server.conf'), 'utf8');

  it('keeps JetStream on disk and fsyncs every write', () => {
    expect(conf).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data\/jetstream/);
    expect(conf).toMatch(/sync_interval:\s*always/);
  });
});

describe('the image', () => {
  it('starts the service named by SERVICE with the TypeScript runner and Debian Chromium', () => {
    const dockerfile = readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/FROM node:20/);
    expect(dockerfile).toMatch(/apt-get install[^\n]*chromium/);
    expect(dockerfile).toMatch(/scripts\/run-ts\.js services\/\$\{SERVICE\}\/src\/main\.ts/);
  });
});
