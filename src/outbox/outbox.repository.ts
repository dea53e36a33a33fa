import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './outbox-events';

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
}
