import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { UsersModule } from '../../users/users.module';
import { QueueRegistry } from '../queue-registry';
import { DASHBOARD_PATH, QueueDashboardAccess } from './queue-dashboard-access';
import { QueueDashboardController } from './queue-dashboard.controller';

/** Bull Board at /admin/queues for admins, in processes that serve HTTP. */
@Module({ imports: [UsersModule], controllers: [QueueDashboardController], providers: [QueueDashboardAccess] })
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly access: QueueDashboardAccess,
  ) {}

  onModuleInit(): void {
    // A worker process has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const board = new FastifyAdapter();
    createBullBoard({ queues: this.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter: board });
    board.setBasePath(DASHBOARD_PATH);
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.access.check(request, reply));
      await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }
}
