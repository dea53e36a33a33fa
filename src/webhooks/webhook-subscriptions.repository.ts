import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';

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
}
