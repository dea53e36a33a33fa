import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './outbox-events';

/** An event not dispatched yet, as the webhook dispatcher reads it. */
export interface PendingEvent {
  id: string;
  type: string;
  organization_ids: string[];
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Records domain events in the caller's transaction; the worker dispatches them after commit. */
@Injectable()
export class OutboxRepository {
  /** All of one change's events in one statement. */
  async add(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO outbox_event (type, organization_ids, payload, created_at)
       SELECT type, ARRAY(SELECT jsonb_array_elements_text(organization_ids))::uuid[], payload, clock_timestamp()
         FROM jsonb_to_recordset($1::jsonb) AS m(type varchar, organization_ids jsonb, payload jsonb)`,
      [
        JSON.stringify(
          messages.map((message) => ({
            type: message.type,
            organization_ids: message.organizationIds,
            payload: message.payload,
          })),
        ),
      ],
    );
  }

  /** The oldest undispatched events, in the order they were written. */
  undispatched(manager: EntityManager, limit: number): Promise<PendingEvent[]> {
    return manager.query<PendingEvent[]>(
      `SELECT id, type, organization_ids, payload, created_at FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1`,
      [limit],
    );
  }

  async markDispatched(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
