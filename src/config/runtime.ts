import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AppConfig } from './app-config';
import { startEmbeddedDatabase } from '../database/embedded/embedded-database';
import { lockDataDir } from './data-dir-lock';
import type { Environment } from './environment';

export interface Runtime {
  config: AppConfig;
  /** Stops what the runtime started itself (the embedded database). */
  close(): Promise<void>;
  /** Explains the mode in the start-up log. */
  banner: string;
}

interface EmbeddedSecrets {
  jwtSecret: string;
  referenceHmacKey: string;
}

const EMBEDDED_MAX_CONNECTIONS = 32;

/** Turns the validated environment into a runnable configuration, starting the embedded database when DATABASE_URL is unset. */
export async function resolveRuntime(env: Environment): Promise<Runtime> {
  const base = {
    env: env.NODE_ENV,
    role: env.APP_ROLE,
    http: {
      port: env.PORT,
      host: env.HOST,
      bodyLimit: env.BODY_LIMIT_BYTES,
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    },
    bootstrapAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    logLevel: env.LOG_LEVEL,
    webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    workerShutdownGraceSeconds: env.WORKER_SHUTDOWN_GRACE_SECONDS,
    reports: { minCount: env.REPORT_MIN_COUNT },
    signIn: {
      publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
      returnUrls: (env.SIGN_IN_RETURN_URLS ?? '')
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
      allowInsecureIssuers: env.OIDC_ALLOW_INSECURE_ISSUERS,
      secretKey: env.IDP_SECRET_KEY,
    },
    auditCheckpoints: {
      dir: env.AUDIT_CHECKPOINT_DIR,
      privateKeyFile: env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE,
      publicKeyFile: env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE,
      intervalSeconds: env.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    },
  };
  const authBase = {
    jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
    passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
  };

  if (env.DATABASE_URL) {
    return {
      config: {
        ...base,
        database: {
          mode: 'server',
          url: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          migrationsRun: env.MIGRATIONS_RUN,
          migrationUrl: env.MIGRATION_DATABASE_URL,
        },
        queue: { backend: 'redis', redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX },
        auth: { ...authBase, jwtSecret: env.JWT_SECRET as string },
        referenceHmacKey: env.REFERENCE_HMAC_KEY as string,
      },
      close: () => Promise.resolve(),
      banner: 'Server mode: PostgreSQL from DATABASE_URL, queues on Redis from REDIS_URL.',
    };
  }

  const dataDir = resolve(env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  const secrets = await loadOrCreateSecrets(dataDir);
  let closing: Promise<void> | undefined;
  const logger = new Logger('EmbeddedDatabase');
  const embedded = await startEmbeddedDatabase(join(dataDir, 'pgdata'), {
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
    onError: (error) => logger.error(error instanceof Error ? error.message : String(error)),
    onWarning: (message) => logger.warn(message),
  });
  return {
    config: {
      ...base,
      database: {
        mode: 'embedded',
        url: embedded.url,
        poolSize: Math.min(env.DATABASE_POOL_SIZE, 6),
        migrationsRun: true,
      },
      queue: env.REDIS_URL
        ? { backend: 'redis', redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX }
        : { backend: 'postgres', postgresUrl: embedded.url, prefix: env.QUEUE_PREFIX },
      auth: { ...authBase, jwtSecret: env.JWT_SECRET ?? secrets.jwtSecret },
      referenceHmacKey: env.REFERENCE_HMAC_KEY ?? secrets.referenceHmacKey,
    },
    // Once, however many callers ask (the shutdown, and the worker's deadline if jobs outlast it).
    close: () => (closing ??= embedded.close().then(unlock)),
    banner:
      `Embedded mode: data and generated secrets in ${dataDir} (PGlite${env.REDIS_URL ? ', queues on Redis' : ', queues in the same database'}), ` +
      'for trying the service out and small single-machine use. For production set DATABASE_URL, REDIS_URL, JWT_SECRET and REFERENCE_HMAC_KEY (see .env.example).',
  };
}

async function loadOrCreateSecrets(dataDir: string): Promise<EmbeddedSecrets> {
  const file = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const secrets: EmbeddedSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    referenceHmacKey: randomBytes(48).toString('base64url'),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
