// The `llm` strategy wired into attempts, against a local server speaking the OpenAI
// chat-completions API (no network here): asked for, the model reads every page the attempt
// extracted and its answers are combined with the engine's; in auto mode it is asked only
// for what the engine missed; an endpoint that keeps failing leaves the engine's result.
import { chatCompletion, smartResponder, startFakeOpenAiServer, type FakeOpenAiServer } from '@fieldwork/llm/testing';
import { valuesEqual } from '@fieldwork/values';
import { columnType, outcomeLabel, startAgentKit, type AgentKit } from './support/agent-kit';

describe('llm strategy in attempts', () => {
  let model: FakeOpenAiServer;
  let kit: AgentKit;

  beforeAll(async () => {
    model = await startFakeOpenAiServer({ respond: smartResponder() });
    kit = await startAgentKit({ env: { FIELDWORK_LLM_BASE_URL: model.url, FIELDWORK_LLM_MODEL: 'fake-model', FIELDWORK_LLM_MAX_RETRIES: '1' } });
  });

  afterAll(async () => {
    await kit?.close();
    await model?.close();
  });

  beforeEach(() => {
    model.reset();
    model.setResponder(smartResponder());
  });

  const plain = (vertical: string) =>
    kit.site((site) => site.hostile === null && site.vertical === vertical && !site.markup.includes('subpage') && !site.markup.some((m) => m.startsWith('js-')));

  it('asks the model when the llm strategy is requested, and reports tokens, latency, cost and the model that answered', async () => {
    const site = plain('attractions');
    const result = await kit.run(site, { strategy: 'llm', mode: 'http' });
    expect(result.status).toBe('success');
    expect(result.strategy).toBe('llm');
    expect(result.model).toBe('fake-smart-model');
    expect(model.chatRequests.length).toBeGreaterThanOrEqual(1);
    const step = result.steps.find((s) => s.op === 'llm_extract');
    expect(step).toMatchObject({ outcome: 'ok', params: { model: 'fake-smart-model' } });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.timings.llmMs).toBeGreaterThan(0);
    for (const field of result.fields) expect(valuesEqual(columnType(field.name), site.fields[field.name], field.value)).toBe(true);
  });

  it('needs no model when the engine finds everything, and asks only for what it missed otherwise', async () => {
    const site = plain('county');
    const found = await kit.run(site, { mode: 'http' });
    expect(found).toMatchObject({ status: 'success', strategy: 'heuristic' });
    expect(model.chatRequests).toHaveLength(0);

    const prompts: string[] = [];
    model.setResponder((request) => {
      prompts.push(JSON.stringify(request.body));
      return { json: chatCompletion({ fields: { motto: { value: 'Where the river bends', confidence: 0.95, quote: 'Where the river bends' } } }) };
    });
    const columns = [
      { name: 'county_name', type: 'text' as const, required: true },
      { name: 'motto', type: 'text' as const, required: false, description: 'The county motto' },
    ];
    const missing = await kit.run(site, { mode: 'http', maxPages: 1, columns });
    // Only the column the engine missed went to the model.
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('motto');
    expect(prompts[0]).not.toContain('county_name');
    expect(missing.fields[0].value).toBe(site.fields.county_name);
    // Its quote is not on the page: the answer keeps little confidence.
    const motto = missing.fields[1];
    expect(motto.value === null || motto.confidence < 0.5).toBe(true);
    expect(missing.steps.filter((step) => step.op === 'llm_extract')).toHaveLength(1);
  });

  it('falls back to the engine when the endpoint keeps failing, and says so in the plan', async () => {
    model.setResponder(() => ({ status: 500, json: { error: { message: 'overloaded' } } }));
    const site = plain('products');
    const result = await kit.run(site, { strategy: 'llm', mode: 'http' });
    expect(outcomeLabel(result)).toBe('success');
    expect(result.strategy).toBe('heuristic');
    expect(result.steps.find((step) => step.op === 'llm_extract')).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/server_error/) });
  });
});
