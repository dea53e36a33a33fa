import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap/create-app';
import type { AppConfig } from '../../src/config/app-config';
import { TEST_REDIS_URL } from './test-services';

export const TEST_ADMIN = { email: 'admin@test.samverkan.local', password: 'test-admin-password-1' };

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const url = process.env.SAMVERKAN_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'SAMVERKAN_TEST_DATABASE_URL is not set: run the tests through jest (global setup creates the database)',
    );
  }
  return {
    env: 'test',
    role: 'all',
    http: { port: 0, host: '127.0.0.1', bodyLimit: 1024 * 1024, corsOrigins: [], trustedProxyHops: 0 },
    database: { mode: 'server', url, poolSize: 10, migrationsRun: false },
    queue: { backend: 'redis', redisUrl: TEST_REDIS_URL, prefix: process.env.SAMVERKAN_TEST_QUEUE_PREFIX ?? 'test' },
    auth: {
      jwtSecret: 'test-jwt-secret-that-is-long-enough-000',
      jwtExpiresInSeconds: 3600,
      loginMaxFailures: 5,
      loginMaxFailuresPerAddress: 1000,
      loginWindowSeconds: 900,
    },
    referenceHmacKey: 'test-reference-hmac-key-that-is-long-enough',
    bootstrapAdmin: TEST_ADMIN,
    logLevel: 'silent',
    webhookAllowPrivateNetworks: true,
    workerShutdownGraceSeconds: 20,
    ...overrides,
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const app = await createApp(testConfig(overrides));
  return {
    app,
    dataSource: app.get(DataSource),
    http: request(app.getHttpServer()),
    close: () => app.close(),
  };
}

/**
 * A unique suffix, so each suite's organisations and users never collide with another's. Letters only: a random
 * run of digits can be a phone number (`04112209`) and then free text holding it is rightly refused.
 */
export const uniqueSuffix = () => [...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
