import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { Organization } from './entities/organization.entity';
import { OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async create(actor: AuditActor, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (manager) => OrganizationDto.from(await this.insert(manager, actor, dto)));
  }

  /** Inserts an organisation and its audit event in the caller's transaction (also used by the bootstrap and the demo seed). */
  async insert(manager: EntityManager, actor: AuditActor, dto: CreateOrganizationDto): Promise<Organization> {
    if (dto.parentId) {
      await this.requireParent(manager, dto.parentId);
    }
    const organization = await manager.save(manager.create(Organization, { ...dto, parentId: dto.parentId ?? null }));
    await this.audit.append(manager, actor, {
      action: 'organization.created',
      entity: { type: 'organization', id: organization.id },
      organizationIds: [organization.id],
      data: {
        type: organization.type,
        municipalityCode: organization.municipalityCode,
        parentId: organization.parentId,
      },
    });
    return organization;
  }

  async update(ctx: RequestContext, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organization) {
        throw notFound('organization');
      }
      if (dto.parentId !== undefined) {
        await this.requireAcyclicParent(manager, id, dto.parentId);
      }
      const changed = Object.keys(dto).filter(
        (key) => dto[key as keyof UpdateOrganizationDto] !== organization[key as keyof Organization],
      );
      Object.assign(organization, dto);
      const saved = await manager.save(organization);
      await this.audit.append(manager, ctx, {
        action: 'organization.updated',
        entity: { type: 'organization', id },
        organizationIds: [id],
        data: { changed, type: saved.type, municipalityCode: saved.municipalityCode, parentId: saved.parentId },
      });
      return OrganizationDto.from(saved);
    });
  }

  async get(id: string): Promise<OrganizationDto> {
    const organization = await this.dataSource.manager.findOneBy(Organization, { id });
    if (!organization) {
      throw notFound('organization');
    }
    return OrganizationDto.from(organization);
  }

  async list(query: OrganizationQueryDto): Promise<Page<OrganizationDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Organization, 'o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(query.limit + 1);
    if (query.type) {
      qb.andWhere('o.type = :type', { type: query.type });
    }
    if (query.municipalityCode) {
      qb.andWhere('o.municipality_code = :code', { code: query.municipalityCode });
    }
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    if (after) {
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name: after[0], id: after[1] });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (o) => [o.name, o.id],
      (row) => OrganizationDto.from(row),
    );
  }

  private async requireParent(manager: EntityManager, parentId: string): Promise<void> {
    if (!(await manager.existsBy(Organization, { id: parentId }))) {
      throw unprocessable('organization.unknown_parent', 'The parent organisation does not exist.', [
        { field: 'parentId', code: 'unknown' },
      ]);
    }
  }

  private async requireAcyclicParent(manager: EntityManager, id: string, parentId: string | undefined): Promise<void> {
    if (!parentId) {
      return;
    }
    await this.organizations.lockReparenting(manager);
    await this.requireParent(manager, parentId);
    const cyclic = await this.organizations.isSelfOrAncestor(manager, id, parentId);
    if (cyclic) {
      throw unprocessable('organization.parent_cycle', 'An organisation cannot be its own ancestor.', [
        { field: 'parentId', code: 'cycle' },
      ]);
    }
  }
}
