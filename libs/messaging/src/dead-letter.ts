// Moves a message that cannot be processed to the dead-letter stream, with why, from where,
// and after how many deliveries, so an operator can inspect and replay it.
import { headers as natsHeaders, type JetStreamClient, type JsMsg } from 'nats';
import { lazyCounter, type Logger } from '@fieldwork/telemetry';
import { Headers } from './headers';
import type { Naming } from './naming';

const deadLettered = lazyCounter('fieldwork.messages.dead_lettered', 'Messages moved to the dead-letter stream');

export class DeadLetters {
  constructor(
    private readonly js: JetStreamClient,
    private readonly naming: Naming,
    private readonly logger: Logger,
  ) {}

  /** Publishes a copy to the DLQ, then terminates the original so it is never redelivered. */
  async bury(message: JsMsg, consumer: string, reason: string): Promise<void> {
    const copy = natsHeaders();
    for (const key of message.headers?.keys() ?? []) copy.set(key, message.headers!.get(key));
    copy.set(Headers.deadLetterReason, truncate(reason, 1_000));
    copy.set(Headers.deadLetterStream, message.info.stream);
    copy.set(Headers.deadLetterConsumer, consumer);
    copy.set(Headers.deadLetterSubject, message.subject);
    copy.set(Headers.deadLetterSequence, String(message.info.streamSequence));
    copy.set(Headers.deadLetterDeliveries, String(message.info.redeliveryCount));
    await this.js.publish(this.naming.deadLetterSubject(message.info.stream, consumer), message.data, {
      headers: copy,
      msgID: `dlq:${message.info.stream}:${message.info.streamSequence}:${consumer}`,
    });
    // Plain TERM: a reason string needs NATS 2.10.4+, and older servers ignore "+TERM <reason>".
    message.term();
    deadLettered().add(1, { stream: message.info.stream, consumer });
    this.logger.error(
      {
        alert: 'dead_letter',
        stream: message.info.stream,
        consumer,
        subject: message.subject,
        streamSequence: message.info.streamSequence,
        deliveries: message.info.redeliveryCount,
        reason,
      },
      `message moved to the dead-letter stream: ${reason}`,
    );
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
