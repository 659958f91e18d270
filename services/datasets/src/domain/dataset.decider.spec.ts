// Given events, when a command, then events or an error: the dataset aggregate's rules.
import { ConflictError, NotFoundError, ValidationError, type EventMessage } from '@fieldwork/contracts';
import type { DecideContext, EventFacts } from '@fieldwork/eventstore';
import { datasetDecider, type DatasetCommand, type DatasetEvent, type VersionDraft } from './dataset.decider';
import type { SchemaSpec } from './dataset-schema';
import { schemaFromProto, statsFromProto, type VersionStats } from './version-facts';

const context: DecideContext = { now: new Date('2026-01-01T00:00:00Z'), newId: () => 'id-1', actor: { kind: 'user', id: 'u-1' } };
const facts = (version: number): EventFacts => ({ occurredAt: context.now, actor: context.actor, version });

function given(events: DatasetEvent[]) {
  const state = events.reduce((current, event, index) => datasetDecider.evolve(current, event, facts(index + 1)), datasetDecider.initialState());
  return {
    when: (command: DatasetCommand) => {
      const run = () => datasetDecider.decide(command, state, context);
      return {
        then: (expected: Record<string, unknown>[]) => {
          const events = run();
          expect(events.map((event) => event.$typeName)).toEqual(expected.map((event) => event.$typeName));
          events.forEach((event, index) => expect(event).toMatchObject(expected[index]));
          return events;
        },
        thenThrows: (type: new (...args: never[]) => Error, message?: RegExp) => {
          expect(run).toThrow(type);
          if (message) expect(run).toThrow(message);
        },
      };
    },
  };
}

const schema: SchemaSpec = {
  revision: 1,
  urlColumn: 'Website',
  columns: [
    { index: 0, name: 'Website', type: 'url', detectedType: 'url', detectedConfidence: 0.95 },
    { index: 1, name: 'Phone', type: 'phone', detectedType: 'phone', detectedConfidence: 0.9 },
  ],
};

const stats: VersionStats = {
  totalRows: 3,
  validRows: 2,
  invalidRows: 1,
  invalidByReason: { blocked_address: 1 },
  duplicateRows: 0,
  duplicateUrls: 0,
  exactDuplicateRows: 0,
  distinctDomains: 2,
  raggedRows: 0,
  formulaCells: 0,
  allowlistedRows: 0,
  groundTruth: [],
  rowsWithGroundTruth: 0,
  columnCount: 2,
};

const draft = (number: number, overrides: Partial<VersionDraft> = {}): VersionDraft => ({
  number,
  file: {
    fileName: 'sites.csv',
    contentType: 'text/csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    sheet: '',
    byteSize: 120,
    sha256: 'ab'.repeat(32),
    hadBom: false,
  },
  schema,
  stats,
  suggestions: [{ column: 'Phone', outputColumn: 'phone', score: 1, reason: 'same name' }],
  ...overrides,
});

const created = (): DatasetEvent[] =>
  datasetDecider.decide({ kind: 'create', campaignId: 'c-1', name: 'Sheriffs', version: draft(1) }, datasetDecider.initialState(), context);

describe('dataset decider', () => {
  describe('create', () => {
    it('records the dataset and its first version with file checksum, schema and stats — never rows', () => {
      const [datasetCreated, versionCreated] = given([])
        .when({ kind: 'create', campaignId: 'c-1', name: '  Sheriffs ', version: draft(1) })
        .then([
          { $typeName: 'fieldwork.datasets.v1.DatasetCreated', campaignId: 'c-1', name: 'Sheriffs' },
          { $typeName: 'fieldwork.datasets.v1.DatasetVersionCreated', version: 1 },
        ]);
      expect(datasetCreated).toBeDefined();
      const version = versionCreated as Extract<DatasetEvent, { $typeName: 'fieldwork.datasets.v1.DatasetVersionCreated' }>;
      expect(version.file).toMatchObject({ sha256: 'ab'.repeat(32), byteSize: 120n, format: 'csv' });
      expect(schemaFromProto(version.schema)).toEqual(schema);
      expect(statsFromProto(version.stats)).toEqual(stats);
      expect(version.suggestions).toHaveLength(1);
      expect(Object.keys(version as EventMessage)).not.toContain('rows');
    });

    it('refuses an empty name, a missing campaign, a second creation and a bad schema', () => {
      given([]).when({ kind: 'create', campaignId: 'c-1', name: ' ', version: draft(1) }).thenThrows(ValidationError, /name/);
      given([]).when({ kind: 'create', campaignId: '', name: 'x', version: draft(1) }).thenThrows(ValidationError);
      given(created()).when({ kind: 'create', campaignId: 'c-1', name: 'x', version: draft(1) }).thenThrows(ConflictError);
      given([])
        .when({ kind: 'create', campaignId: 'c-1', name: 'x', version: draft(1, { schema: { ...schema, urlColumn: 'Nope' } }) })
        .thenThrows(ValidationError, /no column "Nope"/);
    });
  });

  describe('add_version', () => {
    it('numbers versions one after another', () => {
      given(created()).when({ kind: 'add_version', version: draft(2) }).then([{ $typeName: 'fieldwork.datasets.v1.DatasetVersionCreated', version: 2 }]);
      given(created()).when({ kind: 'add_version', version: draft(3) }).thenThrows(ConflictError, /cannot follow version 1/);
    });

    it('refuses unknown and archived datasets', () => {
      given([]).when({ kind: 'add_version', version: draft(1) }).thenThrows(NotFoundError);
      const archived = [...created(), ...given(created()).when({ kind: 'archive', reason: 'old' }).then([{ $typeName: 'fieldwork.datasets.v1.DatasetArchived' }])];
      given(archived).when({ kind: 'add_version', version: draft(2) }).thenThrows(ConflictError, /archived/);
    });
  });

  describe('update_schema', () => {
    const next: SchemaSpec = { ...schema, revision: 2, columns: schema.columns.map((c) => (c.name === 'Phone' ? { ...c, groundTruthFor: 'phone' } : c)) };

    it('records the new schema and stats with what changed', () => {
      given(created())
        .when({ kind: 'update_schema', version: 1, schema: next, stats: { ...stats, rowsWithGroundTruth: 2 }, changed: ['ground_truth'] })
        .then([{ $typeName: 'fieldwork.datasets.v1.DatasetSchemaUpdated', version: 1, changed: ['ground_truth'], stats: { rowsWithGroundTruth: 2 } }]);
    });

    it('is a no-op when nothing changed', () => {
      given(created()).when({ kind: 'update_schema', version: 1, schema, stats, changed: [] }).then([]);
    });

    it('refuses a stale revision, another column set, a mapping to the URL column and unknown versions', () => {
      given(created()).when({ kind: 'update_schema', version: 1, schema: { ...next, revision: 3 }, stats, changed: ['ground_truth'] }).thenThrows(ConflictError, /revision 1/);
      given(created())
        .when({ kind: 'update_schema', version: 1, schema: { ...next, columns: [next.columns[0]] }, stats, changed: ['types'] })
        .thenThrows(ValidationError, /fixed by its file/);
      const onUrl: SchemaSpec = { ...next, columns: next.columns.map((c) => ({ ...c, groundTruthFor: c.index === 0 ? 'website' : undefined })) };
      given(created()).when({ kind: 'update_schema', version: 1, schema: onUrl, stats, changed: ['ground_truth'] }).thenThrows(ValidationError, /URL column/);
      given(created()).when({ kind: 'update_schema', version: 7, schema: next, stats, changed: ['types'] }).thenThrows(NotFoundError);
    });

    it('follows revisions across updates', () => {
      const first = given(created()).when({ kind: 'update_schema', version: 1, schema: next, stats, changed: ['ground_truth'] }).then([
        { $typeName: 'fieldwork.datasets.v1.DatasetSchemaUpdated' },
      ]);
      given([...created(), ...first])
        .when({ kind: 'update_schema', version: 1, schema: { ...next, revision: 3, urlColumn: null }, stats, changed: ['url_column'] })
        .then([{ $typeName: 'fieldwork.datasets.v1.DatasetSchemaUpdated', schema: { revision: 3, urlColumn: '' } }]);
    });
  });

  describe('archive', () => {
    it('archives once; archiving again changes nothing', () => {
      const archived = given(created()).when({ kind: 'archive', reason: 'replaced' }).then([{ $typeName: 'fieldwork.datasets.v1.DatasetArchived', reason: 'replaced' }]);
      given([...created(), ...archived]).when({ kind: 'archive' }).then([]);
      given([]).when({ kind: 'archive' }).thenThrows(NotFoundError);
    });
  });
});
