import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { AssessmentMethodsService } from '../assessment-methods/assessment-methods.service';
import { AuditService } from '../audit/audit.service';
import { Role } from '../common/auth/role';
import type { RequestContext } from '../common/auth/request-context';
import { RequestValidationException } from '../common/http/request-validation.exception';
import { Organization } from '../organizations/entities/organization.entity';
import { StrategyService } from '../strategy/strategy.service';
import { User } from '../users/entities/user.entity';
import { RoutineDocumentDto } from './dto/routine-document.dto';
import socialServicesAndPolice from './library/01-samverkan-socialtjanst-polis.json';
import perpetratorRiskAssessment from './library/02-riskbedomning-valdsutovare.json';
import partnerContact from './library/03-partnerkontakt.json';
import routineQuestions from './library/04-rutinfragor-om-vald.json';
import earlyInterview from './library/05-tidigt-forhor-och-malsagandebitrade.json';
import interventionFollowUp from './library/06-uppfoljning-av-beslutade-insatser.json';
import { RoutinesRepository } from './routines.repository';
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
  const errors = await validate(document, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const fields = RequestValidationException.fromValidationErrors(errors).errors.map(
      (error) => `${error.field} (${error.code})`,
    );
    throw new Error(`Invalid routine document: ${fields.join(', ')}`);
  }
  return document;
}

/**
 * Imports and publishes the starter library for one organisation, audited as that organisation's user. Each
 * document is imported and published in one transaction, so an interrupted run leaves nothing half done.
 * Idempotent: a document whose title the organisation already uses (draft or published) is skipped.
 */
export async function loadRoutineLibrary(
  dataSource: DataSource,
  target: RoutineLibraryTarget,
): Promise<RoutineLibraryResult> {
  const ctx = await libraryContext(dataSource, target);
  const audit = new AuditService(dataSource);
  const strategy = new StrategyService(dataSource);
  const methods = new AssessmentMethodsService(dataSource, audit, strategy);
  const routines = new RoutinesService(dataSource, audit, strategy, methods);
  const existing = new Set(await new RoutinesRepository().titlesOwnedBy(dataSource.manager, target.organizationId));
  const result: RoutineLibraryResult = { published: [], skipped: [] };
  for (const raw of ROUTINE_LIBRARY) {
    const document = await parseRoutineDocument(raw);
    const title = document.routine.title;
    if (existing.has(title)) {
      result.skipped.push(title);
      continue;
    }
    const published = await routines.importDocument(ctx, document, { publish: true });
    result.published.push({ routineId: published.id, title, version: published.latestVersion ?? 0 });
    existing.add(title);
  }
  return result;
}

async function libraryContext(
  dataSource: DataSource,
  { organizationId, userId }: RoutineLibraryTarget,
): Promise<RequestContext> {
  const organization = await dataSource.manager.findOneBy(Organization, { id: organizationId });
  if (!organization) {
    throw new Error(`No organisation ${organizationId}`);
  }
  const user = await dataSource.manager
    .createQueryBuilder(User, 'u')
    .where('u.organization_id = :organizationId AND u.active', { organizationId })
    .andWhere('u.roles && CAST(:roles AS text[])', { roles: [Role.Coordinator, Role.Admin] })
    .andWhere(userId ? 'u.id = :userId' : 'TRUE', { userId })
    .orderBy('u.created_at', 'ASC')
    .addOrderBy('u.id', 'ASC')
    .getOne();
  if (!user) {
    throw new Error(`No active coordinator or admin ${userId ? `${userId} ` : ''}in organisation ${organizationId}`);
  }
  return {
    user: { id: user.id, organizationId, organizationType: organization.type, roles: user.roles },
    requestId: 'routine-library',
  };
}
