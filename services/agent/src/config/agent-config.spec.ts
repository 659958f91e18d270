// The agent's configuration: the recipe file is read once at start and a bad one stops the
// worker with every problem named; the work consumer's MaxAckPending is a pool-level setting.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentConfigError, DEFAULT_POOL_MAX_ACK_PENDING, loadAgentConfig } from './agent-config';

describe('agent configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-agent-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads knowledge-base recipes from FIELDWORK_AGENT_RECIPES', () => {
    const path = file('ok.json', JSON.stringify([{ id: 'shop', version: 4, match: { hosts: ['*.shop.example'] }, fields: { price: '.price' } }]));
    expect(loadAgentConfig({ FIELDWORK_AGENT_RECIPES: path }).recipes).toEqual([
      { id: 'shop', version: 4, match: { hosts: ['*.shop.example'] }, fields: { price: [{ selector: '.price' }] }, description: undefined, subpages: undefined, confidence: undefined },
    ]);
    expect(loadAgentConfig({}).recipes).toEqual([]);
  });

  it('rejects a bad recipe file with a precise message', () => {
    const bad = file('bad.json', JSON.stringify([{ id: 'shop', version: 1, match: { hosts: ['*.shop.example'] }, fields: { price: { selector: 'div[[' } } }]));
    expect(() => loadAgentConfig({ FIELDWORK_AGENT_RECIPES: bad })).toThrow(AgentConfigError);
    expect(() => loadAgentConfig({ FIELDWORK_AGENT_RECIPES: bad })).toThrow(
      `invalid agent configuration: FIELDWORK_AGENT_RECIPES (${bad}): invalid recipe: recipes[0].fields.price.selector: "div[[" is not a valid CSS selector (Expected name, found [)`,
    );
    const notJson = file('broken.json', '[{');
    expect(() => loadAgentConfig({ FIELDWORK_AGENT_RECIPES: notJson })).toThrow(`FIELDWORK_AGENT_RECIPES: ${notJson} is not JSON`);
    expect(() => loadAgentConfig({ FIELDWORK_AGENT_RECIPES: join(dir, 'missing.json') })).toThrow(/FIELDWORK_AGENT_RECIPES: cannot read/);
  });

  it("sizes the pool's MaxAckPending for many workers by default, and takes an explicit value", () => {
    expect(loadAgentConfig({}).poolMaxAckPending).toBe(DEFAULT_POOL_MAX_ACK_PENDING);
    expect(DEFAULT_POOL_MAX_ACK_PENDING).toBeGreaterThanOrEqual(100 * 8);
    expect(loadAgentConfig({ FIELDWORK_AGENT_POOL_MAX_ACK_PENDING: '64' }).poolMaxAckPending).toBe(64);
    expect(() => loadAgentConfig({ FIELDWORK_AGENT_POOL_MAX_ACK_PENDING: '-1' })).toThrow(/FIELDWORK_AGENT_POOL_MAX_ACK_PENDING/);
  });
});
