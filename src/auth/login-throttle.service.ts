import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';

export interface LoginKeys {
  account: string;
  address: string;
}

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL (shared by every API replica)
 * and refuses further attempts with 429 once either passes its limit within the window.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static keysFor(email: string, clientAddress: string): LoginKeys {
    return { account: `account:${email.toLowerCase()}`, address: `address:${clientAddress}` };
  }

  async assertAllowed(keys: LoginKeys): Promise<void> {
    const { auth } = this.config;
    const [{ blocked }] = (await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM login_failure
          WHERE window_started_at > now() - make_interval(secs => $5)
            AND ((key = $1 AND failures >= $2) OR (key = $3 AND failures >= $4))) AS blocked`,
      [keys.account, auth.loginMaxFailures, keys.address, auth.loginMaxFailuresPerAddress, auth.loginWindowSeconds],
    )) as { blocked: boolean }[];
    if (blocked) {
      throw new DomainException(DomainErrorKind.TooManyRequests, 'auth.throttled', 'Too many failed sign-in attempts; try again later.');
    }
  }

  async recordFailure(keys: LoginKeys): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_failure (key, failures, window_started_at)
       SELECT key, 1, now() FROM unnest($1::varchar[]) AS key
       ON CONFLICT (key) DO UPDATE
         SET failures = CASE WHEN login_failure.window_started_at > now() - make_interval(secs => $2) THEN login_failure.failures + 1 ELSE 1 END,
             window_started_at = CASE WHEN login_failure.window_started_at > now() - make_interval(secs => $2) THEN login_failure.window_started_at ELSE now() END`,
      [[keys.account, keys.address], this.config.auth.loginWindowSeconds],
    );
  }

  async clearAccount(keys: LoginKeys): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE key = $1`, [keys.account]);
  }
}
