// Fieldwork's own NATS header names. Trace context uses the W3C names (traceparent/tracestate).
export const Headers = {
  eventType: 'fw-event-type',
  eventId: 'fw-event-id',
  aggregateId: 'fw-aggregate-id',
  organizationId: 'fw-organization-id',
  correlationId: 'fw-correlation-id',
  causationId: 'fw-causation-id',
  actor: 'fw-actor',
  deadLetterReason: 'fw-dlq-reason',
  deadLetterStream: 'fw-dlq-stream',
  deadLetterConsumer: 'fw-dlq-consumer',
  deadLetterSubject: 'fw-dlq-subject',
  deadLetterSequence: 'fw-dlq-stream-seq',
  deadLetterDeliveries: 'fw-dlq-deliveries',
} as const;
