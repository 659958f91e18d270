import { ValidationError } from '@fieldwork/contracts';
import { applySchemaChange, groundTruthOf, type SchemaSpec } from './dataset-schema';

const schema: SchemaSpec = {
  revision: 1,
  urlColumn: 'Website',
  columns: [
    { index: 0, name: 'Website', type: 'url', detectedType: 'url', detectedConfidence: 0.9 },
    { index: 1, name: 'Phone', type: 'phone', detectedType: 'phone', detectedConfidence: 0.9 },
    { index: 2, name: 'Owner', type: 'text', detectedType: 'text', detectedConfidence: 0.8 },
  ],
};
const outputs = ['phone', 'owner_name'];

describe('applySchemaChange', () => {
  it('maps ground truth, bumps the revision and says what changed', () => {
    const { schema: next, changed } = applySchemaChange(schema, { groundTruth: [{ column: 'Phone', outputColumn: 'phone' }] }, outputs);
    expect(changed).toEqual(['ground_truth']);
    expect(next.revision).toBe(2);
    expect(groundTruthOf(next)).toEqual([{ column: 'Phone', outputColumn: 'phone' }]);
  });

  it('replaces the whole mapping, and an empty list clears it', () => {
    const mapped = applySchemaChange(schema, { groundTruth: [{ column: 'Phone', outputColumn: 'phone' }] }, outputs).schema;
    const replaced = applySchemaChange(mapped, { groundTruth: [{ column: 'Owner', outputColumn: 'owner_name' }] }, outputs).schema;
    expect(groundTruthOf(replaced)).toEqual([{ column: 'Owner', outputColumn: 'owner_name' }]);
    expect(groundTruthOf(applySchemaChange(replaced, { groundTruth: [] }, outputs).schema)).toEqual([]);
  });

  it('changes the URL column and types; no change keeps the revision', () => {
    expect(applySchemaChange(schema, { urlColumn: 'Owner', types: { Phone: 'text' } }, outputs)).toMatchObject({
      changed: ['url_column', 'types'],
      schema: { urlColumn: 'Owner', revision: 2 },
    });
    expect(applySchemaChange(schema, { urlColumn: 'Website', types: { Phone: 'phone' } }, outputs)).toMatchObject({ changed: [], schema: { revision: 1 } });
    expect(applySchemaChange(schema, { urlColumn: null }, outputs).schema.urlColumn).toBeNull();
  });

  it('names every bad field', () => {
    const attempt = () =>
      applySchemaChange(schema, { urlColumn: 'Nope', types: { Owner: 'colour', Ghost: 'text' }, groundTruth: [{ column: 'Ghost', outputColumn: 'phone' }] }, outputs);
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['types/Owner', 'types/Ghost', 'groundTruth/0/column']);
    }
    expect(() => applySchemaChange(schema, { urlColumn: 'Nope' }, outputs)).toThrow(/no column "Nope"/);
    expect(() => applySchemaChange(schema, { groundTruth: [{ column: 'Owner', outputColumn: 'price' }] }, outputs)).toThrow(/no output column "price"/);
  });

  it('does not re-check old mappings against a campaign that has since changed its columns', () => {
    const mapped = applySchemaChange(schema, { groundTruth: [{ column: 'Owner', outputColumn: 'owner_name' }] }, outputs).schema;
    expect(() => applySchemaChange(mapped, { urlColumn: null }, [])).not.toThrow();
  });
});
