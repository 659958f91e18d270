import { Naming } from '@fieldwork/messaging';
import type { NatsConnection } from 'nats';
import { ProgressPublisher, subjectToken } from './progress-publisher';

describe('progress subjects', () => {
  const publisher = new ProgressPublisher({} as NatsConnection, new Naming('fw'));

  it('puts each attempt on its own plain NATS subject', () => {
    expect(publisher.attemptSubject('0192f0c4-5b6e-7d2a-9c1e-3f4a5b6c7d8e', 2)).toBe('fw.progress.attempt.0192f0c4-5b6e-7d2a-9c1e-3f4a5b6c7d8e.2');
    expect(publisher.previewSubject('p-1')).toBe('fw.progress.preview.p-1');
  });

  it('keeps task ids that are not subject tokens from breaking the subject', () => {
    expect(subjectToken('a.b c>*')).toBe('a_b_c__');
    expect(subjectToken('')).toBe('_');
  });
});
