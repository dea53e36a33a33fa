import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Role } from '../common/auth/role';
import type { RequestContext } from '../common/auth/request-context';
import { RequestValidationException } from '../common/http/request-validation.exception';
import { Organization } from '../organizations/entities/organization.entity';
import { StrategyService } from '../strategy/strategy.service';
import { User } from '../users/entities/user.entity';
import { toRoutineDefinition } from './dto/routine-definition.dto';
import { RoutineDocumentDto } from './dto/routine-document.dto';
import socialServicesAndPolice from './library/01-samverkan-socialtjanst-polis.json';
import perpetratorRiskAssessment from './library/02-riskbedomning-valdsutovare.json';
import partnerContact from './library/03-partnerkontakt.json';
import routineQuestions from './library/04-rutinfragor-om-vald.json';
import earlyInterview from './library/05-tidigt-forhor-och-malsagandebitrade.json';
import interventionFollowUp from './library/06-uppfoljning-av-beslutade-insatser.json';
import type { RoutineDefinition } from './routine-definition';
import { definitionChecksum } from './routine-document';
import { RoutinesService } from './routines.service';

/** The starter library: exchange documents (samverkan.routine/v1) kept in src/routines/library. */
export const ROUTINE_LIBRARY: readonly unknown[] = [
  socialServicesAndPolice,
  perpetratorRiskAssessment,
  partnerContact,
  routineQuestions,
  earlyInterview,
  interventionFollowUp,
];

export interface RoutineLibraryTarget {
  organizationId: string;
  /** The coordinator or admin the routines are created and published by; default: the organisation's first active one. */
  userId?: string;
}

export interface RoutineLibraryResult {
  published: { routineId: string; title: string; version: number }[];
  /** Titles the organisation already had a routine for. */
  skipped: string[];
}

/** Validates a document exactly as POST /routines/import does (DTO, privacy guard); the rules run on import. */
export async function parseRoutineDocument(raw: unknown): Promise<RoutineDocumentDto> {
  const document = plainToInstance(RoutineDocumentDto, raw);
  const errors = await validate(document, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    const fields = RequestValidationException.fromValidationErrors(errors).errors.map((error) => `${error.field} (${error.code})`);
    throw new Error(`Invalid routine document: ${fields.join(', ')}`);
  }
  return document;
}

/**
 * Imports and publishes the starter library for one organisation, audited as that organisation's user.
 * Idempotent: a document whose title the organisation already uses (draft or published) is skipped, except the
 * library's own leftover (a never-published draft identical to the document, left when an earlier run stopped
 * between import and publish), which is published now.
 */
export async function loadRoutineLibrary(dataSource: DataSource, target: RoutineLibraryTarget): Promise<RoutineLibraryResult> {
  const ctx = await libraryContext(dataSource, target);
  const routines = new RoutinesService(dataSource, new AuditService(dataSource), new StrategyService(dataSource));
  const existing = await routinesByTitle(dataSource, target.organizationId);
  const result: RoutineLibraryResult = { published: [], skipped: [] };
  for (const raw of ROUTINE_LIBRARY) {
    const document = await parseRoutineDocument(raw);
    const title = document.routine.title;
    const same = existing.get(title);
    if (same && !isLeftoverOf(same, document)) {
      result.skipped.push(title);
      continue;
    }
    const draftId = same?.id ?? (await routines.importDocument(ctx, document)).id;
    const published = await routines.publish(ctx, draftId);
    result.published.push({ routineId: published.id, title, version: published.latestVersion ?? 0 });
    existing.set(title, { id: published.id, draft: null, latestVersion: published.latestVersion });
  }
  return result;
}

interface ExistingRoutine {
  id: string;
  draft: RoutineDefinition | null;
  latestVersion: number | null;
}

const isLeftoverOf = (routine: ExistingRoutine, document: RoutineDocumentDto) =>
  routine.latestVersion === null && routine.draft !== null && definitionChecksum(routine.draft) === definitionChecksum(toRoutineDefinition(document.routine));

async function libraryContext(dataSource: DataSource, { organizationId, userId }: RoutineLibraryTarget): Promise<RequestContext> {
  const organization = await dataSource.manager.findOneBy(Organization, { id: organizationId });
  if (!organization) throw new Error(`No organisation ${organizationId}`);
  const user = await dataSource.manager
    .createQueryBuilder(User, 'u')
    .where('u.organization_id = :organizationId AND u.active', { organizationId })
    .andWhere('u.roles && CAST(:roles AS text[])', { roles: [Role.Coordinator, Role.Admin] })
    .andWhere(userId ? 'u.id = :userId' : 'TRUE', { userId })
    .orderBy('u.created_at', 'ASC')
    .addOrderBy('u.id', 'ASC')
    .getOne();
  if (!user) throw new Error(`No active coordinator or admin ${userId ? `${userId} ` : ''}in organisation ${organizationId}`);
  return {
    user: { id: user.id, organizationId, organizationType: organization.type, roles: user.roles },
    requestId: 'routine-library',
  };
}

/** The organisation's routines by title (draft and published title alike). */
async function routinesByTitle(dataSource: DataSource, organizationId: string): Promise<Map<string, ExistingRoutine>> {
  const rows = (await dataSource.query(
    `SELECT r.id, r.draft, r.latest_version AS "latestVersion", v.definition ->> 'title' AS published_title
       FROM routine r LEFT JOIN routine_version v ON v.routine_id = r.id AND v.version = r.latest_version
      WHERE r.owner_organization_id = $1`,
    [organizationId],
  )) as (ExistingRoutine & { published_title: string | null })[];
  const byTitle = new Map<string, ExistingRoutine>();
  for (const { published_title: publishedTitle, ...routine } of rows) {
    for (const title of [routine.draft?.title, publishedTitle]) if (title) byTitle.set(title, routine);
  }
  return byTitle;
}
