import type { AppRole } from './environment';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The typed, resolved configuration every module receives. Built once at boot from the validated environment. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  role: AppRole;
  http: { port: number; host: string; bodyLimit: number; corsOrigins: string[]; trustedProxyHops: number };
  /** `migrationUrl`: the schema owner's connection, for migrations only, when `url`'s role owns nothing. */
  database: {
    mode: 'server' | 'embedded';
    url: string;
    poolSize: number;
    migrationsRun: boolean;
    migrationUrl?: string;
  };
  queue: { backend: 'redis' | 'postgres'; redisUrl?: string; postgresUrl?: string; prefix: string };
  auth: {
    jwtSecret: string;
    jwtExpiresInSeconds: number;
    loginMaxFailures: number;
    loginMaxFailuresPerAddress: number;
    loginWindowSeconds: number;
    passwordResetTtlSeconds?: number;
  };
  referenceHmacKey: string;
  bootstrapAdmin?: { email: string; password: string };
  logLevel: string;
  webhookAllowPrivateNetworks: boolean;
  workerShutdownGraceSeconds: number;
  /** Follow-up reports: counts from 1 to minCount − 1 are suppressed (default 5). */
  reports?: { minCount: number };
  /**
   * Sign-in through identity providers (docs/sign-in.md): the external base URL, the URL prefixes a sign-in may
   * return to, whether http issuers are allowed (tests), and the key that encrypts IdP client secrets.
   */
  signIn?: { publicUrl?: string; returnUrls: string[]; allowInsecureIssuers: boolean; secretKey?: string };
  /** Signed checkpoints of the audit chain's head, written outside the database (docs/audit.md, "Checkpoints"). */
  auditCheckpoints?: { dir?: string; privateKeyFile?: string; publicKeyFile?: string; intervalSeconds: number };
}
