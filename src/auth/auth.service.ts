import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { RequestContext } from '../common/auth/request-context';
import { DomainErrorKind, DomainException, notFound, unprocessable } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { hashPassword, UsersService } from '../users/users.service';
import { LoginDto, MeDto, TokenDto } from './dto/login.dto';
import { ChangePasswordDto } from './dto/password.dto';
import { LoginThrottleService } from './login-throttle.service';
import { API_AUDIENCE, TokenPayload, TOKEN_ISSUER } from './token-claims';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash = hashPassword('samverkan-timing-equaliser');

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, clientAddress: string): Promise<TokenDto> {
    const user = await this.throttle.attempt(dto.email, clientAddress, async () => {
      const found = await this.users.findForLogin(dto.email);
      const passwordMatches = await argon2.verify(found?.passwordHash ?? (await this.dummyHash), dto.password);
      return found && found.active && passwordMatches ? found : null;
    });
    if (!user) {
      throw new DomainException(
        DomainErrorKind.Unauthorized,
        'auth.invalid_credentials',
        'Invalid e-mail or password.',
      );
    }
    return this.sign(user.id, user.tokenGeneration);
  }

  /**
   * The signed-in user's own password, proven by the current one (guesses count against the account's sign-in
   * limit, as at login). Every earlier token ends, this one's included: the answer carries a fresh token.
   */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto, clientAddress: string): Promise<TokenDto> {
    const user = await this.users.findWithPasswordHash({ id: ctx.user.id });
    if (!user) {
      throw notFound('user');
    }
    const verified = await this.throttle.attempt(user.email, clientAddress, async () =>
      (await argon2.verify(user.passwordHash, dto.currentPassword)) ? user : null,
    );
    if (!verified) {
      throw unprocessable('auth.current_password_wrong', 'The current password is wrong.', [
        { field: 'currentPassword', code: 'mismatch' },
      ]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const generation = await this.dataSource.transaction((manager) =>
      this.users.replacePassword(manager, ctx, ctx.user, passwordHash, { action: 'user.password_changed' }),
    );
    return this.sign(user.id, generation);
  }

  /** A token for the account as it is now (its current token generation). */
  async issueToken(userId: string): Promise<TokenDto> {
    return this.sign(userId, await this.users.tokenGenerationOf(userId));
  }

  private async sign(userId: string, generation: number): Promise<TokenDto> {
    const payload: TokenPayload = { sub: userId, gen: generation };
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn: this.config.auth.jwtExpiresInSeconds,
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtExpiresInSeconds };
  }

  async me(identity: AuthenticatedUser): Promise<MeDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id: identity.id });
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: identity.organizationId });
    if (!user || !organization) {
      throw notFound('user');
    }
    const { id, name, type, municipalityCode } = organization;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      organization: { id, name, type, municipalityCode },
    };
  }
}
