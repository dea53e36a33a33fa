import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProcessWorkers } from './process-workers';
import { QueueConnection } from './queue-connection';
import { QueueMetrics } from './queue-metrics';
import { everyQueueOnce, MAINTENANCE_QUEUE, QueueOptions } from './queue-options';
import { QueueRegistry } from './queue-registry';
import { RowJobFeeder } from './row-jobs';

@Global()
@Module({ providers: [QueueConnection, ProcessWorkers], exports: [QueueConnection, ProcessWorkers] })
class QueueConnectionModule {}

/**
 * BullMQ on Redis (server mode) or on its PostgreSQL backend over the embedded database, with every queue: each
 * feature declares its queue's job options, the application lists them (the maintenance queue is this module's).
 */
@Module({})
export class QueueModule {
  static forRoot(featureQueues: QueueOptions[]): DynamicModule {
    return {
      module: QueueModule,
      global: true,
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
        ...everyQueueOnce([...featureQueues, MAINTENANCE_QUEUE]).map((queue) => BullModule.registerQueue(queue)),
      ],
      providers: [QueueRegistry, QueueMetrics, RowJobFeeder],
      exports: [BullModule, QueueRegistry, QueueMetrics, RowJobFeeder],
    };
  }
}
