import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProcessWorkers } from './process-workers';
import { QueueConnection } from './queue-connection';
import { QueueDashboardModule } from './dashboard/queue-dashboard.module';
import { QueueMetrics } from './queue-metrics';
import { QUEUE_JOB_OPTIONS, QUEUE_NAMES } from './queue-names';
import { QueueRegistry } from './queue-registry';

@Global()
@Module({ providers: [QueueConnection, ProcessWorkers], exports: [QueueConnection, ProcessWorkers] })
class QueueConnectionModule {}

/** BullMQ on Redis (server mode) or on its PostgreSQL backend over the embedded database. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [APP_CONFIG, QueueConnection],
      useFactory: async (config: AppConfig, connection: QueueConnection) => ({
        // Hash-tagged in Redis so every key of a queue lands on one Redis Cluster slot.
        prefix: config.queue.backend === 'redis' ? `{${config.queue.prefix}}` : config.queue.prefix,
        connection: await connection.open(config),
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name, defaultJobOptions: QUEUE_JOB_OPTIONS[name] })),
    QueueDashboardModule,
  ],
  providers: [QueueRegistry, QueueMetrics],
  exports: [BullModule, QueueRegistry, QueueMetrics],
})
export class QueueModule {}
