import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { CreateIdentityProviderDto, IdentityProviderDto, UpdateIdentityProviderDto } from './dto/identity-provider.dto';
import { IdentityProvider } from './entities/identity-provider.entity';
import { OidcRelyingParty, ProviderEndpoint } from './oidc-relying-party';
import { SecretBox } from './secret-box';

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

/** Identity providers: registered, changed and disabled by admins; their client secrets encrypted at rest. */
@Injectable()
export class IdentityProvidersService {
  readonly relyingParty: OidcRelyingParty;
  readonly publicUrl: string;
  private readonly box: SecretBox;
  private readonly allowInsecureIssuers: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.allowInsecureIssuers = config.signIn?.allowInsecureIssuers ?? false;
    this.relyingParty = new OidcRelyingParty(this.allowInsecureIssuers);
    this.box = new SecretBox(config.signIn?.secretKey ?? config.referenceHmacKey);
    this.publicUrl = config.signIn?.publicUrl ?? '';
  }

  async create(ctx: RequestContext, dto: CreateIdentityProviderDto): Promise<IdentityProviderDto> {
    const { clientSecret, ...fields } = dto;
    const provider = this.dataSource.manager.create(IdentityProvider, {
      ...fields,
      issuer: dto.issuer.replace(/\/+$/, ''),
      scopes: withOpenId(dto.scopes ?? DEFAULT_SCOPES),
      requiredAcr: dto.requiredAcr ?? [],
      emailClaim: dto.emailClaim ?? 'email',
      nameClaim: dto.nameClaim ?? 'name',
      active: true,
      clientSecretEncrypted: this.box.seal(clientSecret),
    });
    await this.checkProvider(provider, clientSecret);
    return this.dataSource.transaction(async (manager) => {
      await this.requireOrganizations(manager, provider.organizations);
      const saved = await manager.save(provider);
      await this.audit.append(manager, ctx, {
        action: 'identity_provider.created',
        entity: { type: 'identity_provider', id: saved.id },
        organizationIds: mappedOrganizations(saved),
        data: {
          organizationIds: mappedOrganizations(saved),
          roles: mappedRoles(saved),
          requiredAcr: saved.requiredAcr,
        },
      });
      return this.toDto(saved);
    });
  }

  async list(query: PageQueryDto): Promise<Page<IdentityProviderDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(IdentityProvider, 'p')
      .orderBy('p.id', 'ASC')
      .limit(query.limit + 1);
    const after = decodeCursor(query.cursor, ['uuid']);
    if (after) {
      qb.andWhere('p.id > :id', { id: after[0] });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (p) => [p.id],
      (p) => this.toDto(p),
    );
  }

  async get(id: string): Promise<IdentityProviderDto> {
    const provider = await this.dataSource.manager.findOneBy(IdentityProvider, { id });
    if (!provider) {
      throw notFound('identity_provider');
    }
    return this.toDto(provider);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateIdentityProviderDto): Promise<IdentityProviderDto> {
    return this.dataSource.transaction(async (manager) => {
      const provider = await this.lockWithSecret(manager, id);
      const { clientSecret, ...fields } = dto;
      const changed = [...Object.keys(fields), ...(clientSecret !== undefined ? ['clientSecret'] : [])];
      Object.assign(provider, fields);
      if (dto.issuer !== undefined) {
        provider.issuer = dto.issuer.replace(/\/+$/, '');
      }
      if (dto.scopes !== undefined) {
        provider.scopes = withOpenId(dto.scopes);
      }
      if (clientSecret !== undefined) {
        provider.clientSecretEncrypted = this.box.seal(clientSecret);
      }
      if (dto.issuer !== undefined || dto.clientId !== undefined || clientSecret !== undefined) {
        await this.checkProvider(provider, clientSecret ?? this.box.open(provider.clientSecretEncrypted));
      }
      await this.requireOrganizations(manager, provider.organizations);
      const saved = await manager.save(provider);
      await this.audit.append(manager, ctx, {
        action: 'identity_provider.updated',
        entity: { type: 'identity_provider', id },
        organizationIds: mappedOrganizations(saved),
        data: { changed, organizationIds: mappedOrganizations(saved), roles: mappedRoles(saved) },
      });
      return this.toDto(saved);
    });
  }

  /** Disabled: no sign-in through it from now on (accounts it created stay, with their sessions). */
  async disable(ctx: RequestContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const provider = await this.lockWithSecret(manager, id);
      if (!provider.active) {
        return;
      }
      provider.active = false;
      await manager.save(provider);
      await this.audit.append(manager, ctx, {
        action: 'identity_provider.disabled',
        entity: { type: 'identity_provider', id },
        organizationIds: mappedOrganizations(provider),
      });
    });
  }

  /** An active provider and how to reach it, for signing in; null when unknown or disabled. */
  async activeProvider(id: string): Promise<{ provider: IdentityProvider; endpoint: ProviderEndpoint } | null> {
    const provider = await this.dataSource.manager
      .createQueryBuilder(IdentityProvider, 'p')
      .addSelect('p.clientSecretEncrypted')
      .where({ id, active: true })
      .getOne();
    return provider
      ? { provider, endpoint: this.endpoint(provider, this.box.open(provider.clientSecretEncrypted)) }
      : null;
  }

  private endpoint(provider: IdentityProvider, clientSecret: string): ProviderEndpoint {
    return {
      id: provider.id ?? 'new',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret,
      version: `${provider.issuer} ${provider.clientId} ${provider.updatedAt?.toISOString() ?? ''}`,
    };
  }

  /** The issuer's scheme, and discovery: a provider that cannot be discovered is refused before it is saved. */
  private async checkProvider(provider: IdentityProvider, clientSecret: string): Promise<void> {
    if (!provider.issuer.startsWith('https://') && !this.allowInsecureIssuers) {
      throw unprocessable('identity_provider.insecure_issuer', 'The issuer must be an https URL.', [
        { field: 'issuer', code: 'https_required' },
      ]);
    }
    try {
      await new OidcRelyingParty(this.allowInsecureIssuers).configuration(this.endpoint(provider, clientSecret));
    } catch {
      throw unprocessable(
        'identity_provider.discovery_failed',
        "The issuer's OpenID configuration could not be read, or names another issuer.",
        [{ field: 'issuer', code: 'discovery_failed' }],
      );
    }
  }

  private async requireOrganizations(manager: EntityManager, organizations: Record<string, string>): Promise<void> {
    const ids = [...new Set(Object.values(organizations))];
    if ((await manager.countBy(Organization, { id: In(ids) })) !== ids.length) {
      throw unprocessable('identity_provider.unknown_organization', 'An organisation in the mapping does not exist.', [
        { field: 'organizations', code: 'unknown' },
      ]);
    }
  }

  private async lockWithSecret(manager: EntityManager, id: string): Promise<IdentityProvider> {
    const provider = await manager
      .createQueryBuilder(IdentityProvider, 'p')
      .addSelect('p.clientSecretEncrypted')
      .where({ id })
      .setLock('pessimistic_write')
      .getOne();
    if (!provider) {
      throw notFound('identity_provider');
    }
    return provider;
  }

  private toDto(provider: IdentityProvider): IdentityProviderDto {
    return IdentityProviderDto.from(provider, this.publicUrl);
  }
}

const withOpenId = (scopes: string[]) => [...new Set(['openid', ...scopes])];
const mappedOrganizations = (provider: IdentityProvider) => [...new Set(Object.values(provider.organizations))].sort();
const mappedRoles = (provider: IdentityProvider) => [...new Set(Object.values(provider.roles))].sort();
