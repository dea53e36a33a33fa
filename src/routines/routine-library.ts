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

/** The request id the library's imports and publications are audited under: how a rerun knows its own drafts. */
const LIBRARY_REQUEST_ID = 'routine-library';

/**
 * Imports and publishes the starter library for one organisation, audited as that organisation's user.
 * Idempotent: a document whose title the organisation already uses (draft or published) is skipped, except the
 * library's own leftover: the title's only routine is a never-published, unretired draft that an earlier library
 * run imported (audited under LIBRARY_REQUEST_ID) and left identical to the document, because that run stopped
 * between import and publish. That draft is published now.
 */
export async function loadRoutineLibrary(dataSource: DataSource, target: RoutineLibraryTarget): Promise<RoutineLibraryResult> {
  const ctx = await libraryContext(dataSource, target);
  const routines = new RoutinesService(dataSource, new AuditService(dataSource), new StrategyService(dataSource));
  const existing = await routinesByTitle(dataSource, target.organizationId);
  const result: RoutineLibraryResult = { published: [], skipped: [] };
  for (const raw of ROUTINE_LIBRARY) {
    const document = await parseRoutineDocument(raw);
    const title = document.routine.title;
    const same = existing.get(title) ?? [];
    const leftover = same.length === 1 && isLeftoverOf(same[0], document) ? same[0] : undefined;
    if (same.length > 0 && !leftover) {
      result.skipped.push(title);
      continue;
    }
    const draftId = leftover?.id ?? (await routines.importDocument(ctx, document)).id;
    const published = await routines.publish(ctx, draftId);
    result.published.push({ routineId: published.id, title, version: published.latestVersion ?? 0 });
    existing.set(title, [{ id: published.id, draft: null, latestVersion: published.latestVersion, retired: false, importedByLibrary: true }]);
  }
  return result;
}

interface ExistingRoutine {
  id: string;
  draft: RoutineDefinition | null;
  latestVersion: number | null;
  retired: boolean;
  importedByLibrary: boolean;
}

const isLeftoverOf = (routine: ExistingRoutine, document: RoutineDocumentDto) =>
  routine.importedByLibrary &&
  !routine.retired &&
  routine.latestVersion === null &&
  routine.draft !== null &&
  definitionChecksum(routine.draft) === definitionChecksum(toRoutineDefinition(document.routine));

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
    requestId: LIBRARY_REQUEST_ID,
  };
}

/** The organisation's routines under each title (draft and published title alike; titles need not be unique). */
async function routinesByTitle(dataSource: DataSource, organizationId: string): Promise<Map<string, ExistingRoutine[]>> {
  const rows = (await dataSource.query(
    `SELECT r.id, r.draft, r.latest_version AS "latestVersion", r.retired_at IS NOT NULL AS retired,
            v.definition ->> 'title' AS "publishedTitle",
            EXISTS (SELECT 1 FROM audit_event a
                     WHERE a.entity_type = 'routine' AND a.entity_id = r.id::text AND a.action = 'routine.imported' AND a.request_id = $2) AS "importedByLibrary"
       FROM routine r LEFT JOIN routine_version v ON v.routine_id = r.id AND v.version = r.latest_version
      WHERE r.owner_organization_id = $1`,
    [organizationId, LIBRARY_REQUEST_ID],
  )) as (ExistingRoutine & { publishedTitle: string | null })[];
  const byTitle = new Map<string, ExistingRoutine[]>();
  for (const { publishedTitle, ...routine } of rows) {
    for (const title of new Set([routine.draft?.title, publishedTitle])) if (title) byTitle.set(title, [...(byTitle.get(title) ?? []), routine]);
  }
  return byTitle;
}
