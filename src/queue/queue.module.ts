import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUE_JOB_OPTIONS, QUEUE_NAMES } from './queue-names';
import { redisConnectionOptions } from './redis-connection';

/** BullMQ on Redis (server mode) or on its PostgreSQL backend over the embedded database. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.queue.backend === 'postgres') {
          setDefaultBackendFactory(createPostgresBackend);
          return { prefix: config.queue.prefix, connection: { connectionString: config.queue.postgresUrl, schema: 'bullmq', max: 2 } as never };
        }
        return { prefix: `{${config.queue.prefix}}`, connection: redisConnectionOptions(config.queue.redisUrl as string) };
      },
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name, defaultJobOptions: QUEUE_JOB_OPTIONS[name] })),
  ],
  exports: [BullModule],
})
export class QueueModule {}
