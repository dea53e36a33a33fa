import type { EntityManager } from 'typeorm';
import { notVisible } from '../auth/not-visible.exception';
import { DomainException, notFound } from '../common/http/domain.exception';
import type { CaseRef } from './case-ref';
import type { CasesRepository } from './cases.repository';

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
