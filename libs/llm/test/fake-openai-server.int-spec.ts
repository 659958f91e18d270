// The test double itself: real HTTP on 127.0.0.1, recorded requests, scripted replies.

import { chatCompletion, scripted, startFakeOpenAiServer } from '../src/testing';

describe('startFakeOpenAiServer', () => {
  it('listens on 127.0.0.1, records requests and answers in script order', async () => {
    const server = await startFakeOpenAiServer({ respond: scripted({ status: 500, body: 'boom' }, { json: chatCompletion('second') }) });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
      const post = (body: unknown) =>
        fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify(body) });
      const first = await post({ model: 'm', messages: [] });
      expect(first.status).toBe(500);
      expect(await first.text()).toBe('boom');
      const second = await post({ model: 'm2' });
      expect(((await second.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe('second');
      const third = await post({ model: 'm3' });
      expect(third.status).toBe(200);

      const models = await fetch(`${server.url}/models`);
      expect(((await models.json()) as { data: { id: string }[] }).data[0].id).toBe('fake-model');
      expect((await fetch(`${server.origin}/nope`)).status).toBe(404);

      expect(server.chatRequests.map((r) => (r.body as { model: string }).model)).toEqual(['m', 'm2', 'm3']);
      expect(server.chatRequests[0].headers.authorization).toBe('Bearer k');
      expect(server.requests).toHaveLength(5);
      server.reset();
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
