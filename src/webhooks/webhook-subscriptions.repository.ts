import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';

/** A live subscription of one of the organisations an event concerns. */
export interface Subscriber {
  id: string;
  organization_id: string;
  events: string[];
}

/** The SQL of webhook subscriptions. Every method runs on the manager it is given. */
@Injectable()
export class WebhookSubscriptionsRepository {
  /** The sealed current secret (the entity never selects it). */
  async secretCiphertext(manager: EntityManager, id: string): Promise<string> {
    const { secretCiphertext } = await queryBuilder(manager)
      .selectFrom('webhook_subscription')
      .select('secretCiphertext')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return secretCiphertext;
  }

  /** The live subscriptions of these organisations. */
  subscribersOf(manager: EntityManager, organizationIds: string[]): Promise<Subscriber[]> {
    return manager.query<Subscriber[]>(
      `SELECT id, organization_id, events FROM webhook_subscription WHERE deleted_at IS NULL AND organization_id = ANY($1::uuid[])`,
      [organizationIds],
    );
  }

  /** Advances each subscription's sequence counter by its count; answers each one's last number after the update. */
  async advanceSequences(manager: EntityManager, counts: Map<string, number>): Promise<Map<string, number>> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await manager.query<[{ id: string; last: string }[], number]>(
      `UPDATE webhook_subscription s SET last_sequence = s.last_sequence + c.n
         FROM unnest($1::uuid[], $2::integer[]) AS c(id, n)
        WHERE s.id = c.id
       RETURNING s.id, s.last_sequence::text AS last`,
      [[...counts.keys()], [...counts.values()]],
    );
    return new Map(rows.map((row) => [row.id, Number(row.last)]));
  }
}
