import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { type ConnectionOptions, createPostgresBackend, runMigrations, setDefaultBackendFactory } from 'bullmq';
import { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from './redis-connection';

const BULLMQ_SCHEMA = 'bullmq';

/**
 * The connection every queue and worker shares: Redis in server mode; in embedded mode one pg pool on
 * BullMQ's PostgreSQL backend. PGlite's socket ignores start-up parameters, so search_path is set with SET,
 * once: PGlite has a single session behind all connections, so the setting holds for every connection (TypeORM's
 * too), and `public` must stay first (current_schema()). BullMQ's schema migrations run once here.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private pool?: Pool;

  async open(config: AppConfig): Promise<ConnectionOptions> {
    if (config.queue.backend === 'redis') {
      return redisConnectionOptions(config.queue.redisUrl as string);
    }
    setDefaultBackendFactory(createPostgresBackend);
    const pool = new Pool({ connectionString: config.queue.postgresUrl, max: 4 });
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO public, ${BULLMQ_SCHEMA}`);
      await runMigrations(client, BULLMQ_SCHEMA);
    } finally {
      client.release();
    }
    this.pool = pool;
    return pool;
  }

  /** After the queues and workers (their modules' hooks run first): they still use the pool while they close. */
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }
}
