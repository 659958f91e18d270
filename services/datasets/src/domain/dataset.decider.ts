// The dataset aggregate: a named list of sites in a campaign, with immutable numbered versions.
// A version's rows are stored beside the events (never in them); its facts — file checksum,
// schema, statistics — are the events. Pure: no framework, no I/O.
import { ConflictError, create, datasetEvents, NotFoundError, ValidationError } from '@fieldwork/contracts';
import type { Decider } from '@fieldwork/eventstore';
import { schemaProblems, type GroundTruthSuggestionSpec, type SchemaChangeKind, type SchemaSpec } from './dataset-schema';
import {
  fileToProto,
  schemaToProto,
  statsToProto,
  suggestionsToProto,
  type SourceFileSpec,
  type VersionStats,
} from './version-facts';

export type DatasetEvent =
  | datasetEvents.DatasetCreated
  | datasetEvents.DatasetVersionCreated
  | datasetEvents.DatasetSchemaUpdated
  | datasetEvents.DatasetArchived;

export interface VersionDraft {
  number: number;
  file: SourceFileSpec;
  schema: SchemaSpec;
  stats: VersionStats;
  suggestions: GroundTruthSuggestionSpec[];
  note?: string;
}

export type DatasetCommand =
  | { kind: 'create'; campaignId: string; name: string; description?: string; version: VersionDraft }
  | { kind: 'add_version'; version: VersionDraft }
  | { kind: 'update_schema'; version: number; schema: SchemaSpec; stats: VersionStats; changed: SchemaChangeKind[] }
  | { kind: 'archive'; reason?: string };

export interface VersionState {
  schemaRevision: number;
  columns: string[];
}

export interface DatasetState {
  status: 'none' | 'active' | 'archived';
  campaignId: string;
  name: string;
  versions: Record<number, VersionState>;
  latestVersion: number;
}

export const MAX_NAME_LENGTH = 200;

function checkName(name: string): void {
  if (!name.trim()) throw ValidationError.single('name', 'a dataset needs a name');
  if (name.length > MAX_NAME_LENGTH) throw ValidationError.single('name', `at most ${MAX_NAME_LENGTH} characters`);
}

function checkDraft(draft: VersionDraft, expected: number): void {
  if (draft.number !== expected) {
    throw new ConflictError(`version ${draft.number} cannot follow version ${expected - 1}; retry the upload`, { expectedVersion: expected });
  }
  if (draft.schema.revision !== 1) throw ValidationError.single('schema/revision', 'a new version starts at schema revision 1');
  const problems = schemaProblems(draft.schema);
  if (problems.length > 0) throw new ValidationError(problems);
}

function versionCreated(draft: VersionDraft): datasetEvents.DatasetVersionCreated {
  return create(datasetEvents.DatasetVersionCreatedSchema, {
    version: draft.number,
    file: fileToProto(draft.file),
    schema: schemaToProto(draft.schema),
    stats: statsToProto(draft.stats),
    note: draft.note ?? '',
    suggestions: suggestionsToProto(draft.suggestions),
  });
}

export const datasetDecider: Decider<DatasetState, DatasetCommand, DatasetEvent> = {
  aggregateType: 'dataset',

  initialState: () => ({ status: 'none', campaignId: '', name: '', versions: {}, latestVersion: 0 }),

  decide(command, state) {
    switch (command.kind) {
      case 'create': {
        if (state.status !== 'none') throw new ConflictError('this dataset already exists');
        if (!command.campaignId) throw ValidationError.single('campaignId', 'a dataset belongs to a campaign');
        checkName(command.name);
        checkDraft(command.version, 1);
        return [
          create(datasetEvents.DatasetCreatedSchema, {
            campaignId: command.campaignId,
            name: command.name.trim(),
            description: command.description ?? '',
          }),
          versionCreated(command.version),
        ];
      }
      case 'add_version': {
        if (state.status === 'none') throw new NotFoundError('Dataset', '?');
        if (state.status === 'archived') throw new ConflictError('the dataset is archived; new versions cannot be added');
        checkDraft(command.version, state.latestVersion + 1);
        return [versionCreated(command.version)];
      }
      case 'update_schema': {
        if (state.status === 'none') throw new NotFoundError('Dataset', '?');
        const version = state.versions[command.version];
        if (!version) throw new NotFoundError('Dataset version', String(command.version));
        if (command.changed.length === 0) return [];
        if (command.schema.revision !== version.schemaRevision + 1) {
          throw new ConflictError(`the schema changed meanwhile (revision ${version.schemaRevision}); reload and retry`);
        }
        const names = command.schema.columns.map((column) => column.name);
        if (JSON.stringify(names) !== JSON.stringify(version.columns)) {
          throw ValidationError.single('columns', "a version's columns are fixed by its file; upload a new version to change them");
        }
        const problems = schemaProblems(command.schema);
        if (problems.length > 0) throw new ValidationError(problems);
        return [
          create(datasetEvents.DatasetSchemaUpdatedSchema, {
            version: command.version,
            schema: schemaToProto(command.schema),
            stats: statsToProto(command.stats),
            changed: command.changed,
          }),
        ];
      }
      case 'archive': {
        if (state.status === 'none') throw new NotFoundError('Dataset', '?');
        if (state.status === 'archived') return [];
        return [create(datasetEvents.DatasetArchivedSchema, { reason: command.reason ?? '' })];
      }
      default: {
        const never: never = command;
        throw new Error(`unknown command ${JSON.stringify(never)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.$typeName) {
      case 'fieldwork.datasets.v1.DatasetCreated':
        return { ...state, status: 'active', campaignId: event.campaignId, name: event.name };
      case 'fieldwork.datasets.v1.DatasetVersionCreated':
        return {
          ...state,
          latestVersion: Math.max(state.latestVersion, event.version),
          versions: {
            ...state.versions,
            [event.version]: { schemaRevision: event.schema?.revision ?? 1, columns: (event.schema?.columns ?? []).map((c) => c.name) },
          },
        };
      case 'fieldwork.datasets.v1.DatasetSchemaUpdated': {
        const previous = state.versions[event.version];
        if (!previous) return state;
        return {
          ...state,
          versions: { ...state.versions, [event.version]: { ...previous, schemaRevision: event.schema?.revision ?? previous.schemaRevision } },
        };
      }
      case 'fieldwork.datasets.v1.DatasetArchived':
        return { ...state, status: 'archived' };
      default: {
        const never: never = event;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  },
};
