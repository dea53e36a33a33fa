import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { normalizeEmail } from '../users/email-address';
import { loginFailuresRepository } from './login-failures.repository';

export interface LoginKeys {
  account: string;
  address: string;
}

/**
 * Counts sign-in attempts per account and per client address in PostgreSQL (shared by every API replica) and
 * refuses with 429 past the limit within the window. An attempt is counted before the password is checked, so
 * parallel guesses cannot slip past the limit; a successful sign-in takes its own attempt back. Keys are keyed
 * hashes: the table never holds an e-mail address or an IP address.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keysFor(email: string, clientAddress: string): LoginKeys {
    const hash = (value: string) => createHmac('sha256', this.config.auth.jwtSecret).update(value).digest('base64url');
    // The account key is the address in the same normal form as the stored one, so no spelling escapes the count.
    return { account: `account:${hash(normalizeEmail(email))}`, address: `address:${hash(clientAddress)}` };
  }

  /**
   * One password check under the limit: counted first (429 past the limit), then `check` runs; a success (non-null)
   * takes the attempt back, a failure (null) stays counted. Returns what `check` found.
   */
  async attempt<T>(email: string, clientAddress: string, check: () => Promise<T | null>): Promise<T | null> {
    const keys = this.keysFor(email, clientAddress);
    await this.countAttempt(keys);
    const found = await check();
    await (found === null ? this.forgetExpired() : this.succeeded(keys));
    return found;
  }

  /** Counts the attempt; throws 429 when either key is already past its limit. */
  private async countAttempt(keys: LoginKeys): Promise<void> {
    const { auth } = this.config;
    const rows = await loginFailuresRepository.count(
      this.dataSource,
      [keys.account, keys.address],
      auth.loginWindowSeconds,
    );
    const over = rows.some(
      ({ key, failures }) =>
        failures > (key === keys.account ? auth.loginMaxFailures : auth.loginMaxFailuresPerAddress),
    );
    if (over) {
      throw new DomainException(
        DomainErrorKind.TooManyRequests,
        'auth.throttled',
        'Too many failed sign-in attempts; try again later.',
      );
    }
  }

  /** A successful sign-in: the account starts afresh and the address gets its attempt back. */
  private async succeeded(keys: LoginKeys): Promise<void> {
    await loginFailuresRepository.succeeded(this.dataSource, keys.account, keys.address);
  }

  /** Counters whose window has passed are dropped, so the table holds only live throttling state. */
  private async forgetExpired(): Promise<void> {
    await loginFailuresRepository.forgetExpired(this.dataSource, this.config.auth.loginWindowSeconds);
  }
}
