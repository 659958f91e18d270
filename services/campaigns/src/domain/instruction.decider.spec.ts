import { ConflictError, NotFoundError, ValidationError } from '@fieldwork/contracts';
import { instructionDecider, type InstructionCommand } from './instruction.decider';
import { activated, archived, created, decideContext, given, plain, versionCreated } from './testing';

function when(state: ReturnType<typeof given>, command: InstructionCommand) {
  return instructionDecider.decide(command, state, decideContext());
}

const newVersion = (extra: Partial<Extract<InstructionCommand, { kind: 'create-version' }>> = {}): InstructionCommand => ({
  kind: 'create-version',
  campaignId: 'c-1',
  promptText: 'Find the adult ticket price.',
  ...extra,
});

describe('instruction decider', () => {
  describe('creating a version', () => {
    it('makes 1.0 first, as a draft', () => {
      expect(plain(when(given(created()), newVersion({ changeDescription: 'first try' })))).toEqual([
        {
          type: 'InstructionVersionCreated',
          versionId: 'version-1',
          label: '1.0',
          number: 1000,
          promptText: 'Find the adult ticket price.',
          changeDescription: 'first try',
          status: 'draft',
        },
      ]);
    });

    it('labels the next minor version by default, after the highest one', () => {
      const state = given(created(), versionCreated('v1', '1.0'), versionCreated('v2', '2.0'), versionCreated('v3', '1.1'));
      expect(plain(when(state, newVersion()))[0]).toMatchObject({ label: '2.1', number: 2001 });
    });

    it('labels the next major version on request', () => {
      const state = given(created(), versionCreated('v1', '1.0'), versionCreated('v2', '1.1'));
      expect(plain(when(state, newVersion({ bump: 'major' })))[0]).toMatchObject({ label: '2.0', number: 2000 });
    });

    it('asks for a major bump when the minor numbers run out', () => {
      const state = given(created(), versionCreated('v1', '1.999'));
      expect(() => when(state, newVersion())).toThrow(ValidationError);
      expect(plain(when(state, newVersion({ bump: 'major' })))[0]).toMatchObject({ label: '2.0' });
    });

    it('can start in testing', () => {
      expect(plain(when(given(created()), newVersion({ status: 'testing' })))[0]).toMatchObject({ status: 'testing' });
    });

    it('can activate at once, deprecating the active version', () => {
      const state = given(created(), versionCreated('v1', '1.0'), activated('v1'));
      expect(plain(when(state, newVersion({ activate: true })))).toEqual([
        expect.objectContaining({ type: 'InstructionVersionCreated', versionId: 'version-1', label: '1.1' }),
        { type: 'InstructionVersionActivated', versionId: 'version-1', deprecatedVersionId: 'v1' },
      ]);
    });

    it('requires prompt text', () => {
      expect(() => when(given(created()), newVersion({ promptText: '  ' }))).toThrow(
        expect.objectContaining({ errors: [{ path: 'promptText', message: 'is required and must not be blank' }] }),
      );
    });

    it('never touches an existing version: no edit path, only a new version with a new id and the next label', () => {
      const history = [created(), versionCreated('v1', '1.0'), activated('v1'), versionCreated('v2', '1.1', 'testing')];
      const before = given(...history);
      for (const command of [newVersion(), newVersion({ bump: 'major' }), newVersion({ status: 'testing' }), newVersion({ promptText: 'prompt 1.0' })]) {
        const events = plain(when(before, command));
        expect(events).toEqual([expect.objectContaining({ type: 'InstructionVersionCreated', versionId: 'version-1' })]);
        expect(['v1', 'v2']).not.toContain(events[0].versionId);
        expect(['1.0', '1.1']).not.toContain(events[0].label);
        const after = given(...history, ...(when(before, command) as never[]));
        expect(after.versions.slice(0, 2)).toEqual(before.versions);
      }
      // Activating at once deprecates the active version (a status change), but still creates rather than edits.
      expect(plain(when(before, newVersion({ activate: true }))).map((event) => [event.type, event.versionId])).toEqual([
        ['InstructionVersionCreated', 'version-1'],
        ['InstructionVersionActivated', 'version-1'],
      ]);
    });

    it('refuses versions for an archived or unknown campaign', () => {
      expect(() => when(given(created(), archived()), newVersion())).toThrow(ConflictError);
      expect(() => when(given(), newVersion())).toThrow(NotFoundError);
    });
  });

  describe('activation', () => {
    const activate = (versionId: string): InstructionCommand => ({ kind: 'activate', campaignId: 'c-1', versionId });

    it('activates a draft when none is active', () => {
      expect(plain(when(given(created(), versionCreated('v1', '1.0')), activate('v1')))).toEqual([
        { type: 'InstructionVersionActivated', versionId: 'v1', deprecatedVersionId: '' },
      ]);
    });

    it('deprecates the previously active version: at most one is active', () => {
      const state = given(created(), versionCreated('v1', '1.0'), activated('v1'), versionCreated('v2', '1.1', 'testing'));
      const events = when(state, activate('v2'));
      expect(plain(events)).toEqual([{ type: 'InstructionVersionActivated', versionId: 'v2', deprecatedVersionId: 'v1' }]);
      const after = given(created(), versionCreated('v1', '1.0'), activated('v1'), versionCreated('v2', '1.1', 'testing'), ...(events as never[]));
      expect(after.versions.filter((version) => version.status === 'active').map((version) => version.versionId)).toEqual(['v2']);
      expect(after.versions.find((version) => version.versionId === 'v1')?.status).toBe('deprecated');
    });

    it('rolls back: a deprecated version can be activated again', () => {
      const state = given(created(), versionCreated('v1', '1.0'), activated('v1'), versionCreated('v2', '1.1'), activated('v2', 'v1'));
      expect(plain(when(state, activate('v1')))).toEqual([{ type: 'InstructionVersionActivated', versionId: 'v1', deprecatedVersionId: 'v2' }]);
    });

    it('is idempotent for the active version', () => {
      expect(when(given(created(), versionCreated('v1', '1.0'), activated('v1')), activate('v1'))).toEqual([]);
    });

    it('answers not found for a version of another campaign or none', () => {
      expect(() => when(given(created()), activate('v9'))).toThrow(NotFoundError);
    });

    it('refuses activation on an archived campaign', () => {
      expect(() => when(given(created(), versionCreated('v1', '1.0'), archived()), activate('v1'))).toThrow(ConflictError);
    });
  });

  describe('marking testing', () => {
    const markTesting = (versionId: string): InstructionCommand => ({ kind: 'mark-testing', campaignId: 'c-1', versionId });

    it('moves a draft to testing', () => {
      expect(plain(when(given(created(), versionCreated('v1', '1.0')), markTesting('v1')))).toEqual([
        { type: 'InstructionVersionMarkedTesting', versionId: 'v1' },
      ]);
    });

    it('is idempotent for a version already testing', () => {
      expect(when(given(created(), versionCreated('v1', '1.0', 'testing')), markTesting('v1'))).toEqual([]);
    });

    it('refuses to move an active version back to testing', () => {
      expect(() => when(given(created(), versionCreated('v1', '1.0'), activated('v1')), markTesting('v1'))).toThrow(
        /version 1.0 is active; only a draft version can be marked testing/,
      );
    });

    it('refuses to move a deprecated version back to testing', () => {
      const state = given(created(), versionCreated('v1', '1.0'), activated('v1'), versionCreated('v2', '1.1'), activated('v2', 'v1'));
      expect(state.versions.find((version) => version.versionId === 'v1')?.status).toBe('deprecated');
      expect(() => when(state, markTesting('v1'))).toThrow(ConflictError);
      expect(() => when(state, markTesting('v1'))).toThrow('version 1.0 is deprecated; only a draft version can be marked testing');
    });

    it('refuses marking testing on an archived campaign, even a draft', () => {
      const state = given(created(), versionCreated('v1', '1.0'), archived());
      expect(() => when(state, markTesting('v1'))).toThrow(ConflictError);
      expect(() => when(state, markTesting('v1'))).toThrow(/campaign c-1 is archived; archived campaigns take no changes/);
    });

    it('answers not found for an unknown version', () => {
      expect(() => when(given(created()), markTesting('v9'))).toThrow(NotFoundError);
    });
  });
});
