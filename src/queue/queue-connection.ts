import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { type ConnectionOptions, createPostgresBackend, runMigrations, setDefaultBackendFactory } from 'bullmq';
import { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from './redis-connection';

const BULLMQ_SCHEMA = 'bullmq';

/**
 * The connection every queue and worker shares: Redis in server mode; in embedded mode one pg pool on
 * BullMQ's PostgreSQL backend. PGlite's socket ignores start-up parameters, so the pool sets search_path
 * itself, and BullMQ's schema migrations run once here. PGlite has a single session behind all socket
 * connections, so the setting is shared with TypeORM's: `public` must stay first (current_schema()).
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private pool?: Pool;

  async open(config: AppConfig): Promise<ConnectionOptions> {
    if (config.queue.backend === 'redis') return redisConnectionOptions(config.queue.redisUrl as string);
    setDefaultBackendFactory(createPostgresBackend);
    const pool = new Pool({ connectionString: config.queue.postgresUrl, max: 4 });
    pool.on('connect', (client) => void client.query(`SET search_path TO public, ${BULLMQ_SCHEMA}`));
    const client = await pool.connect();
    try {
      await runMigrations(client, BULLMQ_SCHEMA);
    } finally {
      client.release();
    }
    this.pool = pool;
    return pool as unknown as ConnectionOptions;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}
