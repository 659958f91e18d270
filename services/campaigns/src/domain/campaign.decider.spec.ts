import { ConflictError, NotFoundError, ValidationError } from '@fieldwork/contracts';
import { campaignDecider, type CampaignCommand } from './campaign.decider';
import { evolveCampaign } from './campaign.state';
import { activated, archived, created, decideContext, given, plain, versionCreated } from './testing';

const columns = [
  { name: 'attraction_name', type: 'text', description: 'Name', required: true },
  { name: 'adult_price', type: 'money', description: 'Adult ticket' },
];

function when(state: ReturnType<typeof given>, command: CampaignCommand) {
  return campaignDecider.decide(command, state, decideContext());
}

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const create = (details: Partial<Extract<CampaignCommand, { kind: 'create' }>['details']> = {}, extra = {}): CampaignCommand => ({
  kind: 'create',
  campaignId: 'c-1',
  details: { name: 'Competitor pricing', purpose: 'Monitor prices', columns, tags: ['pricing'], ...details },
  ...extra,
});

describe('campaign decider', () => {
  describe('create', () => {
    it('records the campaign, active, with normalised columns and tags', () => {
      const events = when(given(), create({ name: '  Competitor pricing ', tags: ['pricing', ' Pricing', '', 'travel'] }));
      expect(plain(events)).toEqual([
        {
          type: 'CampaignCreated',
          name: 'Competitor pricing',
          purpose: 'Monitor prices',
          description: '',
          columns: [
            { $typeName: 'fieldwork.campaigns.v1.OutputColumn', name: 'attraction_name', type: 'text', description: 'Name', required: true, enumValues: [] },
            { $typeName: 'fieldwork.campaigns.v1.OutputColumn', name: 'adult_price', type: 'money', description: 'Adult ticket', required: false, enumValues: [] },
          ],
          tags: ['pricing', 'travel'],
          templateId: '',
          status: 'active',
        },
      ]);
    });

    it('with instructions also creates version 1.0 and activates it', () => {
      const events = when(given(), create({}, { instructions: { promptText: 'Find the adult price.' } }));
      expect(plain(events).map((event) => event.type)).toEqual(['CampaignCreated', 'InstructionVersionCreated', 'InstructionVersionActivated']);
      expect(plain(events)[1]).toMatchObject({ versionId: 'version-1', label: '1.0', number: 1000, promptText: 'Find the adult price.', status: 'draft' });
      expect(plain(events)[2]).toMatchObject({ versionId: 'version-1', deprecatedVersionId: '' });
    });

    it('records the template it came from', () => {
      expect(plain(when(given(), create({}, { templateId: 'product-catalogue' })))[0]).toMatchObject({ templateId: 'product-catalogue' });
    });

    it('refuses a campaign id that already exists', () => {
      expect(() => when(given(created()), create())).toThrow(ConflictError);
    });

    it('requires a name that is not blank and not too long', () => {
      expect(issuesOf(() => when(given(), create({ name: '   ' })))).toEqual([{ path: 'name', message: 'is required and must not be blank' }]);
      expect(issuesOf(() => when(given(), create({ name: 'x'.repeat(201) })))[0]).toMatchObject({ path: 'name' });
    });

    it('requires at least one column', () => {
      expect(issuesOf(() => when(given(), create({ columns: [] })))).toEqual([{ path: 'columns', message: 'add at least one output column' }]);
    });

    it('requires column names to be unique', () => {
      const issues = issuesOf(() => when(given(), create({ columns: [...columns, { name: 'adult_price', type: 'number' }] })));
      expect(issues).toEqual([{ path: 'columns/2/name', message: 'must be unique; "adult_price" is already column 1' }]);
    });

    it('requires column names to be safe identifiers', () => {
      for (const name of ['Adult Price', '1st_price', 'price-usd', 'prix_€', '']) {
        const issues = issuesOf(() => when(given(), create({ columns: [{ name, type: 'text' }] })));
        expect(issues[0]).toMatchObject({ path: 'columns/0/name' });
        expect(issues[0].message).toMatch(/safe identifier/);
      }
    });

    it('requires a known column type', () => {
      const issues = issuesOf(() => when(given(), create({ columns: [{ name: 'price', type: 'currency' }] })));
      expect(issues).toEqual([
        { path: 'columns/0/type', message: 'unknown type "currency"; use one of text, number, money, url, email, phone, date, boolean, enum' },
      ]);
    });

    it('requires allowed values for an enum column, unique ones', () => {
      expect(issuesOf(() => when(given(), create({ columns: [{ name: 'pos_system', type: 'enum' }] })))[0]).toMatchObject({
        path: 'columns/0/enumValues',
        message: expect.stringMatching(/needs its allowed values/),
      });
      expect(
        issuesOf(() => when(given(), create({ columns: [{ name: 'pos_system', type: 'enum', enumValues: ['Toast', 'toast'] }] }))),
      ).toEqual([{ path: 'columns/0/enumValues/1', message: '"toast" is listed twice' }]);
    });

    it('refuses allowed values on a column that is not an enum', () => {
      const issues = issuesOf(() => when(given(), create({ columns: [{ name: 'price', type: 'money', enumValues: ['1'] }] })));
      expect(issues).toEqual([{ path: 'columns/0/enumValues', message: 'only enum columns have allowed values; "price" is of type money' }]);
    });

    it('reports every problem at once', () => {
      const issues = issuesOf(() => when(given(), create({ name: '', columns: [{ name: 'A', type: 'nope' }], tags: ['x'.repeat(51)] })));
      expect(issues.map((issue) => issue.path)).toEqual(['name', 'columns/0/name', 'columns/0/type', 'tags/0']);
    });

    it('limits the number of tags', () => {
      const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
      expect(issuesOf(() => when(given(), create({ tags })))).toEqual([{ path: 'tags', message: 'at most 20 tags (got 21)' }]);
    });
  });

  describe('update', () => {
    const update = (changes: object): CampaignCommand => ({ kind: 'update', campaignId: 'c-1', changes });

    it('records only the fields that changed', () => {
      const events = when(given(created()), update({ name: 'Competitor pricing', purpose: 'Track prices weekly', tags: ['pricing'] }));
      expect(plain(events)).toEqual([
        expect.objectContaining({ type: 'CampaignUpdated', changedFields: ['purpose'], purpose: 'Track prices weekly' }),
      ]);
    });

    it('replaces the column list, with the same rules as creation', () => {
      const events = when(given(created()), update({ columns: [...columns, { name: 'child_price', type: 'money' }] }));
      expect(plain(events)[0]).toMatchObject({ changedFields: ['columns'] });
      expect(() => when(given(created()), update({ columns: [{ name: 'a', type: 'enum' }] }))).toThrow(ValidationError);
    });

    it('records nothing when nothing changes', () => {
      expect(when(given(created()), update({ name: 'Competitor pricing', status: 'active' }))).toEqual([]);
    });

    it('moves between active, paused and completed', () => {
      expect(plain(when(given(created()), update({ status: 'paused' })))).toEqual([
        { type: 'CampaignStatusChanged', from: 'active', to: 'paused' },
      ]);
      const paused = evolveCampaign(given(created()), when(given(created()), update({ status: 'paused' }))[0]);
      expect(plain(when(paused, update({ status: 'completed' })))).toEqual([{ type: 'CampaignStatusChanged', from: 'paused', to: 'completed' }]);
    });

    it('refuses an unknown status, and archiving through an update', () => {
      expect(issuesOf(() => when(given(created()), update({ status: 'done' })))[0].message).toMatch(/unknown status "done"/);
      expect(issuesOf(() => when(given(created()), update({ status: 'archived' })))[0].message).toMatch(/archive/);
    });

    it('answers not found for a campaign that does not exist', () => {
      expect(() => when(given(), update({ name: 'x' }))).toThrow(NotFoundError);
    });

    it('refuses any change to an archived campaign', () => {
      expect(() => when(given(created(), archived()), update({ name: 'New name' }))).toThrow(ConflictError);
      expect(() => when(given(created(), archived()), update({ name: 'New name' }))).toThrow(/archived campaigns take no changes/);
    });
  });

  describe('archive', () => {
    const archive: CampaignCommand = { kind: 'archive', campaignId: 'c-1', reason: 'season over' };

    it('archives, remembering the status it had', () => {
      expect(plain(when(given(created(), versionCreated('v1', '1.0'), activated('v1')), archive))).toEqual([
        { type: 'CampaignArchived', reason: 'season over', previousStatus: 'active' },
      ]);
    });

    it('is idempotent: archiving an archived campaign records nothing', () => {
      expect(when(given(created(), archived()), archive)).toEqual([]);
    });

    it('answers not found for a campaign that does not exist', () => {
      expect(() => when(given(), archive)).toThrow(NotFoundError);
    });
  });
});
