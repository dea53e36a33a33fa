import type { EntityManager } from 'typeorm';
import { notVisible } from '../auth/not-visible.exception';
import { type AuthenticatedUser, hasRole } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';
import { DomainException, forbidden, notFound } from '../common/http/domain.exception';
import type { CaseRef } from './case-ref';
import type { CasesRepository } from './cases.repository';
import type { CaseStep } from './entities/case-step.entity';

/**
 * Who may do what with a case, in one place. Seeing a case is being a participant (the repository reads only
 * visible cases); the checks here come after that one.
 */

/**
 * The 404 for a case the caller cannot see: the same answer whether it is missing or another organisation's, but
 * the latter is denied access, logged and counted. Asked only on this failure path.
 */
export async function caseNotFound(
  cases: CasesRepository,
  manager: EntityManager,
  ref: CaseRef,
): Promise<DomainException> {
  return (await cases.exists(manager, ref)) ? notVisible('case') : notFound('case');
}

/** Only the staff of the participant that owns a step complete or skip it. */
export function assertStepOwner(user: AuthenticatedUser, step: Pick<CaseStep, 'key' | 'ownerOrganizationId'>): void {
  if (step.ownerOrganizationId !== user.organizationId) {
    throw forbidden(
      'case_step.not_owner',
      `Step "${step.key}" is owned by another participant: only its staff complete or skip it.`,
    );
  }
}

/** Only coordinators close a case whose steps are still open (`force`). */
export function assertMayForceClose(user: AuthenticatedUser): void {
  if (!hasRole(user, Role.Coordinator)) {
    throw forbidden('case.force_close', 'Only coordinators may close a case whose steps are still open.');
  }
}
