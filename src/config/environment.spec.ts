import { EnvironmentError, parseEnvironment } from './environment';

describe('parseEnvironment', () => {
  const server = {
    DATABASE_URL: 'postgresql://samverkan@db:5432/samverkan',
    REDIS_URL: 'redis://redis:6379',
    JWT_SECRET: 'x'.repeat(32),
    REFERENCE_HMAC_KEY: 'y'.repeat(32),
  };

  const problemsOf = (raw: Record<string, string>) => {
    try {
      parseEnvironment(raw);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      return (error as EnvironmentError).problems;
    }
  };

  it('needs nothing in embedded mode and applies defaults', () => {
    const env = parseEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      MIGRATIONS_RUN: true,
      BODY_LIMIT_BYTES: 1048576,
      APP_ROLE: 'all',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('accepts a complete server-mode environment and converts types', () => {
    const env = parseEnvironment({ ...server, PORT: '8080', MIGRATIONS_RUN: 'false' });
    expect(env).toMatchObject({ PORT: 8080, MIGRATIONS_RUN: false });
  });

  it('in server mode requires REDIS_URL, JWT_SECRET and REFERENCE_HMAC_KEY of at least 32 characters, naming each', () => {
    const problems = problemsOf({ DATABASE_URL: server.DATABASE_URL, JWT_SECRET: 'short' });
    expect(problems.join('\n')).toMatch(/^REDIS_URL:/m);
    expect(problems.join('\n')).toMatch(/^JWT_SECRET: .*32/m);
    expect(problems.join('\n')).toMatch(/^REFERENCE_HMAC_KEY:/m);
  });

  it('names bad values', () => {
    expect(problemsOf({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' }).join('\n')).toMatch(/^DATABASE_URL:/m);
    expect(problemsOf({ APP_ROLE: 'everything' })[0]).toMatch(/^APP_ROLE:/);
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.org' })[0]).toMatch(/^ADMIN_PASSWORD:/);
    expect(problemsOf({ MIGRATIONS_RUN: 'perhaps' })[0]).toMatch(/^MIGRATIONS_RUN:/);
  });

  it('takes a migration URL only beside DATABASE_URL and for another user (the owner)', () => {
    const owner = 'postgresql://samverkan_owner@db:5432/samverkan';
    expect(parseEnvironment({ ...server, MIGRATION_DATABASE_URL: owner }).MIGRATION_DATABASE_URL).toBe(owner);
    expect(problemsOf({ MIGRATION_DATABASE_URL: owner }).join('\n')).toMatch(
      /^MIGRATION_DATABASE_URL: .*needs DATABASE_URL/m,
    );
    expect(problemsOf({ ...server, MIGRATION_DATABASE_URL: 'postgresql://samverkan@db:5432/samverkan' })[0]).toMatch(
      /^MIGRATION_DATABASE_URL: .*other than/,
    );
    expect(problemsOf({ ...server, MIGRATION_DATABASE_URL: 'mysql://root@db' })[0]).toMatch(/^MIGRATION_DATABASE_URL:/);
  });

  it('bounds the checkpoint settings: a signing key needs a directory, the schedule is off or 60 to 86400 s', () => {
    expect(parseEnvironment({}).AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(3600);
    expect(parseEnvironment({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }).AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(0);
    expect(problemsOf({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '30' })[0]).toMatch(
      /^AUDIT_CHECKPOINT_INTERVAL_SECONDS: .*0 \(off\) or 60/,
    );
    expect(problemsOf({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86401' })[0]).toMatch(
      /^AUDIT_CHECKPOINT_INTERVAL_SECONDS:/,
    );
    expect(problemsOf({ AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: '/keys/a.pem' })[0]).toMatch(
      /^AUDIT_CHECKPOINT_DIR: .*required with AUDIT_CHECKPOINT_PRIVATE_KEY_FILE/,
    );
    expect(
      parseEnvironment({ AUDIT_CHECKPOINT_DIR: '/cp', AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: '/keys/a.pem' }),
    ).toMatchObject({ AUDIT_CHECKPOINT_DIR: '/cp' });
  });

  it("takes the reports' minimum count from 2 to 100, default 5", () => {
    expect(parseEnvironment({}).REPORT_MIN_COUNT).toBe(5);
    expect(parseEnvironment({ REPORT_MIN_COUNT: '10' }).REPORT_MIN_COUNT).toBe(10);
    expect(problemsOf({ REPORT_MIN_COUNT: '1' })[0]).toMatch(/^REPORT_MIN_COUNT:/);
    expect(problemsOf({ REPORT_MIN_COUNT: '101' })[0]).toMatch(/^REPORT_MIN_COUNT:/);
  });
});
