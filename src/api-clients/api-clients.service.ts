import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { API_AUDIENCE, ClientTokenPayload, TOKEN_ISSUER } from '../auth/token-claims';
import type { RequestContext } from '../common/auth/request-context';
import { isScope } from '../common/auth/scope';
import { notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { clientsPage, findClientForToken } from './api-client.repository';
import { ClientCredentials, grantedScopes, OAuthError } from './client-credentials';
import { ApiClientDto, ApiClientWithSecretDto, CreateApiClientDto } from './dto/api-client.dto';
import { ApiClient } from './entities/api-client.entity';

/** 256 random bits: a fast hash keeps the stored form useless, and the token endpoint fast. */
const secretHash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();
const newSecret = () => randomBytes(32).toString('base64url');
/** Letters only: a run of digits in an id could read as a phone number wherever the id is logged. */
const newClientId = () => `sv-${[...randomBytes(24)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;

export interface ClientToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** API clients: created, listed, disabled and given a new secret by admins; tokens by client credentials. */
@Injectable()
export class ApiClientsService {
  private readonly logger = new Logger('ApiClients');
  /** Compared against when the client id is unknown, so both failures cost the same. */
  private readonly unknownClientHash = secretHash(newSecret());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
  ) {}

  async create(ctx: RequestContext, dto: CreateApiClientDto): Promise<ApiClientWithSecretDto> {
    const clientSecret = newSecret();
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Organization, { id: dto.organizationId }))) {
        throw unprocessable('api_client.unknown_organization', 'The organisation does not exist.', [
          { field: 'organizationId', code: 'unknown' },
        ]);
      }
      const client = await manager.save(
        manager.create(ApiClient, {
          ...dto,
          clientId: newClientId(),
          secretHash: secretHash(clientSecret),
          active: true,
          disabledAt: null,
        }),
      );
      await this.audit.append(manager, ctx, {
        action: 'api_client.created',
        entity: { type: 'api_client', id: client.id },
        organizationIds: [client.organizationId],
        data: { organizationId: client.organizationId, scopes: client.scopes },
      });
      return { ...ApiClientDto.from(client), clientSecret };
    });
  }

  async list(query: PageQueryDto): Promise<Page<ApiClientDto>> {
    const after = decodeCursor(query.cursor, ['uuid']);
    const rows = await clientsPage(this.dataSource.manager, after ? String(after[0]) : undefined, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (c) => [c.id],
      (c) => ApiClientDto.from(c),
    );
  }

  async get(id: string): Promise<ApiClientDto> {
    const client = await this.dataSource.manager.findOneBy(ApiClient, { id });
    if (!client) {
      throw notFound('api_client');
    }
    return ApiClientDto.from(client);
  }

  /** Disabled for good: its tokens stop working at once (the per-request check), and it gets no new ones. */
  async disable(ctx: RequestContext, id: string): Promise<ApiClientDto> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.lock(manager, id);
      if (!client.active) {
        return ApiClientDto.from(client);
      }
      client.active = false;
      client.disabledAt = new Date();
      const saved = await manager.save(client);
      await this.audit.append(manager, ctx, {
        action: 'api_client.disabled',
        entity: { type: 'api_client', id },
        organizationIds: [saved.organizationId],
      });
      return ApiClientDto.from(saved);
    });
  }

  /** A new secret, shown once; the old one and every token issued with it stop working at once. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<ApiClientWithSecretDto> {
    const clientSecret = newSecret();
    return this.dataSource.transaction(async (manager) => {
      const client = await this.lock(manager, id);
      if (!client.active) {
        throw unprocessable('api_client.disabled', 'The client is disabled: create a new one.');
      }
      client.secretHash = secretHash(clientSecret);
      client.secretGeneration += 1;
      const saved = await manager.save(client);
      await this.audit.append(manager, ctx, {
        action: 'api_client.secret_rotated',
        entity: { type: 'api_client', id },
        organizationIds: [saved.organizationId],
        data: { secretGeneration: saved.secretGeneration },
      });
      return { ...ApiClientDto.from(saved), clientSecret };
    });
  }

  /** RFC 6749 §4.4: a bearer token for an authenticated, active client, with the scopes it asked for and holds. */
  async issueToken(credentials: ClientCredentials, requestedScope: string | undefined): Promise<ClientToken> {
    const client = await findClientForToken(this.dataSource.manager, credentials.clientId);
    const matches = timingSafeEqual(client?.secretHash ?? this.unknownClientHash, secretHash(credentials.clientSecret));
    if (!client || !matches || !client.active) {
      this.logger.warn(
        { event: 'client_authentication_failed', method: credentials.method },
        'Client authentication failed',
      );
      throw new OAuthError('invalid_client', 'Client authentication failed.');
    }
    const scopes = grantedScopes(requestedScope, client.scopes.filter(isScope));
    const scope = scopes.join(' ');
    const payload: ClientTokenPayload = { sub: client.id, gen: client.generation, client: true, scope };
    const expiresIn = this.config.auth.jwtExpiresInSeconds;
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn,
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
      algorithm: 'HS256',
    });
    this.logger.log({ event: 'client_token_issued', apiClientId: client.id, scope }, 'Client token issued');
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope };
  }

  private async lock(manager: EntityManager, id: string): Promise<ApiClient> {
    const client = await manager.findOne(ApiClient, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!client) {
      throw notFound('api_client');
    }
    return client;
  }
}
