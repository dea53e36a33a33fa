import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^-?\d+$/.test(value)
      ? Number(value)
      : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

const roleOf = (url: string | undefined) => {
  try {
    return url === undefined ? undefined : decodeURIComponent(new URL(url).username);
  } catch {
    return undefined;
  }
};

/** The migration URL connects as the schema's owner: a role of its own, apart from the service's. */
@ValidatorConstraint({ name: 'ownerApartFromService' })
class OwnerApartFromService implements ValidatorConstraintInterface {
  validate(value: string, args: ValidationArguments): boolean {
    const serviceUrl = (args.object as Environment).DATABASE_URL;
    return serviceUrl !== undefined && roleOf(value) !== undefined && roleOf(value) !== roleOf(serviceUrl);
  }

  defaultMessage(): string {
    return "MIGRATION_DATABASE_URL needs DATABASE_URL and must name a user (the schema's owner) other than DATABASE_URL's";
  }
}

export const APP_ROLES = ['all', 'api', 'worker'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** Every environment variable the service reads. Nothing else reads process.env. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Runs migrations as the schema's owner, while DATABASE_URL's role owns nothing (docs/operations.md, "Database roles"). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  @Validate(OwnerApartFromService)
  MIGRATION_DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.DATABASE_URL !== undefined || env.REDIS_URL !== undefined)
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL and is required when DATABASE_URL is set' })
  REDIS_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.DATABASE_URL !== undefined || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (required when DATABASE_URL is set)' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.DATABASE_URL !== undefined || env.REFERENCE_HMAC_KEY !== undefined)
  @IsString()
  @MinLength(32, { message: 'REFERENCE_HMAC_KEY must be at least 32 characters (required when DATABASE_URL is set)' })
  REFERENCE_HMAC_KEY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address (required with ADMIN_PASSWORD)' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters (required with ADMIN_EMAIL)' })
  ADMIN_PASSWORD?: string;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (0: use the connection's address). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUSTED_PROXY_HOPS = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 characters of a-z, 0-9, _ or -' })
  QUEUE_PREFIX = 'samverkan';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  /** Higher than per account: many staff may sign in from behind one office address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_WINDOW_SECONDS = 900;

  /** How long a one-time password reset token works. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(86400)
  PASSWORD_RESET_TTL_SECONDS = 1800;

  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;

  /** Where signed checkpoints of the audit chain's head are written (docs/audit.md, "Checkpoints"). */
  @Transform(emptyToUndefined)
  @ValidateIf(
    (env: Environment) => env.AUDIT_CHECKPOINT_DIR !== undefined || env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE !== undefined,
  )
  @IsString({ message: 'AUDIT_CHECKPOINT_DIR must be a directory (required with AUDIT_CHECKPOINT_PRIVATE_KEY_FILE)' })
  AUDIT_CHECKPOINT_DIR?: string;

  /** PEM file of the Ed25519 private key that signs checkpoints; kept outside the database. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_PRIVATE_KEY_FILE?: string;

  /** PEM file of the matching public key, for `audit:verify -- --checkpoints` where the private key is not. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE?: string;

  /** How often the worker writes a checkpoint when the head moved (0: only `npm run audit:checkpoint`). */
  @Transform(toInt)
  @IsInt()
  @Max(86400)
  @ValidateIf((env: Environment) => env.AUDIT_CHECKPOINT_INTERVAL_SECONDS !== 0)
  @Min(60, { message: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS must be 0 (off) or 60 to 86400' })
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3600;

  /** How long a stopping worker waits for its active jobs before it exits and leaves them to be retried elsewhere. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_SHUTDOWN_GRACE_SECONDS = 20;

  /** Published statistics over cases show counts from 1 to this minus one as suppressed (docs/reports.md). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  REPORT_MIN_COUNT = 5;

  /** The service's external base URL: the OpenID Connect redirect URI is `${PUBLIC_URL}/api/v1/auth/oidc/callback`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL without query' })
  PUBLIC_URL?: string;

  /** Comma-separated URL prefixes (besides PUBLIC_URL) a sign-in may return the browser to: the web clients. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SIGN_IN_RETURN_URLS?: string;

  /** Allows identity providers with http issuers: development and tests only, never in production. */
  @Transform(toBoolean)
  @IsBoolean()
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production')
  @IsIn([false], { message: 'OIDC_ALLOW_INSECURE_ISSUERS must not be true in production' })
  OIDC_ALLOW_INSECURE_ISSUERS = false;

  /** Key (at least 32 characters) that encrypts identity providers' client secrets at rest; derived from REFERENCE_HMAC_KEY when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'IDP_SECRET_KEY must be at least 32 characters' })
  IDP_SECRET_KEY?: string;
}

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates the raw environment once, at boot. Throws an EnvironmentError naming every bad variable. */
export function parseEnvironment(raw: Record<string, string | undefined>): Environment {
  const env = plainToInstance(Environment, { ...raw }, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvironmentError(
      errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`),
    );
  }
  return env;
}
