import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxEvent } from './entities/outbox-event.entity';

export interface OutboxMessage {
  type: string;
  organizationIds: string[];
  payload: Record<string, unknown>;
}

/** Records domain events in the caller's transaction; the worker dispatches them after commit. */
@Injectable()
export class OutboxService {
  async add(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await manager.save(manager.create(OutboxEvent, { ...message, dispatchedAt: null }));
  }
}
