// Live, step-by-step progress of attempts on plain NATS (not JetStream): for live views only,
// never the record. Subjects: `<prefix>.progress.attempt.<task>.<attempt>` for queued work,
// `<prefix>.progress.preview.<preview id>` for previews. Each message is JSON:
// {kind: started|step|finished, ...}.
import type { NatsConnection } from 'nats';
import type { Naming } from '@fieldwork/messaging';
import type { PlanStepRecord } from '../domain/attempt-result';

export type ProgressMessage =
  | { kind: 'started'; attemptId: string; siteUrl: string; workerId: string; at: string }
  | { kind: 'step'; attemptId: string; index: number; step: PlanStepRecord; at: string }
  | { kind: 'finished'; attemptId: string; status: string; failure?: { category: string; reason: string }; totalMs: number; at: string };

const encoder = new TextEncoder();

/** Subject tokens allow letters, digits, `_` and `-`; anything else becomes `_`. */
export function subjectToken(value: string): string {
  const token = value.replace(/[^A-Za-z0-9_-]/g, '_');
  return token.length > 0 ? token : '_';
}

export class ProgressPublisher {
  constructor(
    private readonly connection: NatsConnection,
    private readonly naming: Naming,
  ) {}

  attemptSubject(taskId: string, attemptNumber: number): string {
    return this.naming.progressSubject('attempt', subjectToken(taskId), String(attemptNumber));
  }

  previewSubject(previewId: string): string {
    return this.naming.progressSubject('preview', subjectToken(previewId));
  }

  publish(subject: string, message: ProgressMessage): void {
    if (this.connection.isClosed()) return;
    try {
      this.connection.publish(subject, encoder.encode(JSON.stringify(message)));
    } catch {
      // Progress is best effort: a draining connection must not fail an attempt.
    }
  }
}
