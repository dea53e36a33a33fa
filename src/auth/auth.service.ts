import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { DomainErrorKind, DomainException, notFound } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { hashPassword, UsersService } from '../users/users.service';
import { LoginDto, MeDto, TokenDto } from './dto/login.dto';
import { LoginThrottleService } from './login-throttle.service';
import { API_AUDIENCE, TOKEN_ISSUER } from './token-claims';

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
    const keys = this.throttle.keysFor(dto.email, clientAddress);
    await this.throttle.countAttempt(keys);
    const user = await this.users.findForLogin(dto.email);
    const passwordMatches = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !user.active || !passwordMatches) {
      await this.throttle.forgetExpired();
      throw new DomainException(DomainErrorKind.Unauthorized, 'auth.invalid_credentials', 'Invalid e-mail or password.');
    }
    await this.throttle.succeeded(keys);
    return this.issueToken(user.id);
  }

  async issueToken(userId: string): Promise<TokenDto> {
    const accessToken = await this.jwt.signAsync(
      { sub: userId },
      { expiresIn: this.config.auth.jwtExpiresInSeconds, issuer: TOKEN_ISSUER, audience: API_AUDIENCE, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtExpiresInSeconds };
  }

  async me(identity: AuthenticatedUser): Promise<MeDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id: identity.id });
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: identity.organizationId });
    if (!user || !organization) throw notFound('user');
    const { id, name, type, municipalityCode } = organization;
    return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, organization: { id, name, type, municipalityCode } };
  }
}
