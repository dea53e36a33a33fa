/**
 * The outbox event catalogue: every event type with its payload (ids and codes only). Each feature adds its own
 * events to this interface from its module (`declare module '../outbox/outbox-events'`, e.g. cases/case-events.ts),
 * so the writer is typed by the catalogue without the outbox importing any feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxEvents {}

export type OutboxEventType = keyof OutboxEvents;

/** One event to record: its type, the organisations it concerns, and the payload of that type. */
export type OutboxMessage = {
  [Type in OutboxEventType]: { type: Type; organizationIds: string[]; payload: OutboxEvents[Type] };
}[OutboxEventType];

/**
 * The features' event lists as one, in their order; compiles only if it names every event type of the catalogue,
 * so a new event cannot be left out of what webhooks offer (and of the OpenAPI enum derived from it).
 */
export function everyEventType<const Types extends readonly OutboxEventType[]>(
  types: Types & ([Exclude<OutboxEventType, Types[number]>] extends [never] ? unknown : never),
): Types {
  return types;
}
