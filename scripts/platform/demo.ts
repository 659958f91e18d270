// The newcomer demo behind `npm start`: the site farm's demo profile (a few dozen friendly sites
// on *.farm.localhost), and, through the public API only, a demo organization with an owner key,
// a campaign from the fitness template, the farm's fitness list uploaded as its dataset with the
// suggested ground-truth columns accepted, and a preview of every fitness site compared with
// the known-correct answers. Re-running against the same database reuses the organization,
// campaign and dataset (a new key is issued each time: keys are shown only once).
import { startSiteFarm, datasetCsv, type RunningSiteFarm } from '@fieldwork/sitefarm';
import { valuesEqual, type ColumnType } from '@fieldwork/values';

export const DEMO_ORGANIZATION = 'Fieldwork demo';
export const DEMO_CAMPAIGN = 'Demo: fitness venue pricing';
export const DEMO_TEMPLATE = 'fitness-venue-pricing';
/** Only the farm's own names: the agent stays refused from every other private address. */
export const DEMO_ALLOWED_TARGETS = '*.farm.localhost';

export interface DemoField {
  name: string;
  value: string | null;
  expected: string | null;
  confidence: number | null;
  correct: boolean;
}

export interface DemoSite {
  url: string;
  status: string;
  mode: string;
  strategy: string;
  failure?: string;
  fields: DemoField[];
}

export interface DemoReport {
  organizationId: string;
  ownerKey: string;
  campaignId: string;
  datasetId: string;
  datasetRows: number;
  groundTruthColumns: string[];
  sites: DemoSite[];
  /** Share of ground-truth fields the previews got right. */
  accuracy: number;
}

export function startDemoFarm(port = Number(process.env.FIELDWORK_DEMO_FARM_PORT ?? 4500)): Promise<RunningSiteFarm> {
  return startSiteFarm({ profile: 'demo', seed: 1, port });
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

class DemoApi {
  constructor(
    private readonly baseUrl: string,
    private key: string,
  ) {}

  use(key: string): void {
    this.key = key;
  }

  async call<T>(method: string, path: string, body?: unknown, expected: number[] = [200, 201]): Promise<T> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.key}` } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every item of a paginated list. */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.call<Page<T>>('GET', `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

interface Column {
  name: string;
  type: ColumnType;
}

interface PreviewAnswer {
  attempt: {
    status: string;
    mode: string;
    strategy: string;
    fields: { name: string; value?: string | null; confidence?: number | null }[];
    failure?: { category: string; reason?: string };
  };
}

/** Sets up (or finds) the demo through the gateway and previews every fitness site of the farm. */
export async function runDemo(options: { gatewayUrl: string; adminKey: string; farm: RunningSiteFarm }): Promise<DemoReport> {
  const api = new DemoApi(options.gatewayUrl, options.adminKey);
  const organizations = await api.all<{ id: string; name: string }>('/v1/organizations');
  const organization =
    organizations.find((candidate) => candidate.name === DEMO_ORGANIZATION) ??
    (await api.call<{ id: string; name: string }>('POST', '/v1/organizations', { name: DEMO_ORGANIZATION }));
  const created = await api.call<{ key: string }>('POST', `/v1/organizations/${organization.id}/api-keys`, {
    name: `demo ${new Date().toISOString()}`,
    role: 'owner',
  });
  api.use(created.key);

  const campaigns = await api.all<{ id: string; name: string }>('/v1/campaigns?tag=demo');
  const campaign =
    campaigns.find((candidate) => candidate.name === DEMO_CAMPAIGN) ??
    (await api.call<{ id: string }>('POST', '/v1/campaigns', { templateId: DEMO_TEMPLATE, name: DEMO_CAMPAIGN, tags: ['demo', 'fitness'] }));
  const details = await api.call<{ columns: Column[] }>('GET', `/v1/campaigns/${campaign.id}`);

  const datasets = await api.all<{ id: string }>(`/v1/campaigns/${campaign.id}/datasets`);
  let datasetId = datasets[0]?.id;
  if (!datasetId) {
    const form = new FormData();
    form.append('name', 'Fitness studios (site farm demo)');
    form.append('file', new Blob([datasetCsv(options.farm.farm, 'fitness')], { type: 'text/csv' }), 'fitness-demo.csv');
    const uploaded = await api.call<{ dataset: { id: string } }>('POST', `/v1/campaigns/${campaign.id}/datasets`, form, [201]);
    datasetId = uploaded.dataset.id;
    await api.call('PATCH', `/v1/datasets/${datasetId}/versions/1/schema`, { acceptSuggestedGroundTruth: true });
  }
  const version = await api.call<{ stats: { totalRows: number; groundTruth: { outputColumn: string }[] } }>('GET', `/v1/datasets/${datasetId}/versions/1`);

  const types = new Map(details.columns.map((column) => [column.name, column.type]));
  const sites = options.farm.farm.sites.filter((site) => site.vertical === 'fitness' && site.hostile === null);
  const previews: DemoSite[] = [];
  for (const site of sites) {
    const { attempt } = await api.call<PreviewAnswer>('POST', `/v1/campaigns/${campaign.id}/preview`, { url: site.url, screenshots: false });
    const fields = [...types.keys()].map((name): DemoField => {
      const found = attempt.fields.find((field) => field.name === name);
      const expected = site.truth.fields[name] ?? null;
      const value = found?.value ?? null;
      const type = types.get(name) ?? 'text';
      return { name, value, expected, confidence: found?.confidence ?? null, correct: valuesEqual(type, expected, value) };
    });
    previews.push({
      url: site.url,
      status: attempt.status,
      mode: attempt.mode,
      strategy: attempt.strategy,
      failure: attempt.failure ? `${attempt.failure.category}:${attempt.failure.reason ?? ''}` : undefined,
      fields,
    });
  }
  const judged = previews.flatMap((site) => site.fields.filter((field) => field.expected !== null));
  return {
    organizationId: organization.id,
    ownerKey: created.key,
    campaignId: campaign.id,
    datasetId,
    datasetRows: version.stats.totalRows,
    groundTruthColumns: version.stats.groundTruth.map((entry) => entry.outputColumn),
    sites: previews,
    accuracy: judged.length === 0 ? 0 : judged.filter((field) => field.correct).length / judged.length,
  };
}

/** The demo as a newcomer reads it in the terminal. */
export function formatDemoReport(report: DemoReport, gatewayUrl: string): string {
  const lines = [
    '',
    `Demo campaign "${DEMO_CAMPAIGN}" (${report.campaignId}) with dataset ${report.datasetId}:`,
    `  ${report.datasetRows} sites; ground truth in ${report.groundTruthColumns.join(', ') || 'no columns'}`,
    '  Preview of each site (value, confidence; ✓ = matches the known-correct answer):',
  ];
  for (const site of report.sites) {
    lines.push(`  ${site.url}  ${site.status} (${site.mode}, ${site.strategy})${site.failure ? ` ${site.failure}` : ''}`);
    for (const field of site.fields) {
      const confidence = field.confidence === null ? '' : ` ${field.confidence.toFixed(2)}`;
      const mark = field.expected === null ? ' ' : field.correct ? '✓' : `✗ expected ${field.expected}`;
      lines.push(`      ${field.name.padEnd(18)} ${(field.value ?? '—').padEnd(24)}${confidence.padEnd(6)} ${mark}`);
    }
  }
  lines.push(
    `  Accuracy against ground truth: ${(report.accuracy * 100).toFixed(1)}%`,
    '',
    `Try it yourself (owner key of "${DEMO_ORGANIZATION}", shown once):`,
    `  export KEY=${report.ownerKey}`,
    `  curl -s ${gatewayUrl}/v1/campaigns/${report.campaignId} -H "Authorization: Bearer $KEY"`,
    `  curl -s -X POST ${gatewayUrl}/v1/campaigns/${report.campaignId}/preview -H "Authorization: Bearer $KEY" \\`,
    `       -H 'content-type: application/json' -d '{"url":"${report.sites[0]?.url ?? 'https://example.com/'}"}'`,
  );
  return lines.join('\n');
}
