import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { ProcessWorkers } from '../queue/process-workers';
import { QueueRegistry } from '../queue/queue-registry';
import { ProcessWorkersAdapter } from './process-workers-adapter';
import { DASHBOARD_PATH, QueueDashboardAccess } from './queue-dashboard-access';
import { QueueDashboardController } from './queue-dashboard.controller';

/** Bull Board at /admin/queues for admins, in processes that serve HTTP. */
@Module({ imports: [UsersModule], controllers: [QueueDashboardController], providers: [QueueDashboardAccess] })
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly workers: ProcessWorkers,
    private readonly queues: QueueRegistry,
    private readonly access: QueueDashboardAccess,
  ) {}

  onModuleInit(): void {
    // A worker process has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) {
      return;
    }
    const board = new FastifyAdapter();
    // On Redis, BullMQ lists the workers of every process; on its PostgreSQL backend (embedded mode) only this process's are known.
    const adapter = (queue: Queue) =>
      this.config.queue.backend === 'postgres'
        ? new ProcessWorkersAdapter(queue, this.workers)
        : new BullMQAdapter(queue, { readOnlyMode: false });
    createBullBoard({ queues: this.queues.all().map(adapter), serverAdapter: board });
    board.setBasePath(DASHBOARD_PATH);
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.access.check(request, reply));
      await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }
}
