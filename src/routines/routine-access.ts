import type { EntityManager } from 'typeorm';
import { notVisible } from '../auth/not-visible.exception';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, notFound } from '../common/http/domain.exception';
import { Routine } from './entities/routine.entity';
import { RoutineVersion } from './entities/routine-version.entity';

/** Published routines are shared practice, seen by every signed-in user; a routine never published is seen by its owner only. */
export const canSeeRoutine = (
  user: AuthenticatedUser,
  routine: Pick<Routine, 'ownerOrganizationId' | 'latestVersion'>,
) => routine.latestVersion !== null || routine.ownerOrganizationId === user.organizationId;

/** The routine if the user may see it; 404 otherwise, so that unpublished routines of others are not revealed. */
export async function findVisibleRoutine(
  manager: EntityManager,
  user: AuthenticatedUser,
  id: string,
  lock?: 'pessimistic_read' | 'pessimistic_write',
): Promise<Routine> {
  const routine = await manager.findOne(Routine, { where: { id }, ...(lock ? { lock: { mode: lock } } : {}) });
  if (!routine) {
    throw notFound('routine');
  }
  if (!canSeeRoutine(user, routine)) {
    throw notVisible('routine');
  }
  return routine;
}

/** The routine, locked for change, if it belongs to the user's organisation (403 for others' published routines). */
export async function findOwnRoutineForChange(
  manager: EntityManager,
  user: AuthenticatedUser,
  id: string,
): Promise<Routine> {
  const routine = await findVisibleRoutine(manager, user, id, 'pessimistic_write');
  if (routine.ownerOrganizationId !== user.organizationId) {
    throw forbidden('routine.not_owner', "Only the owner organisation's coordinators change a routine.");
  }
  return routine;
}

export async function findLatestVersion(manager: EntityManager, routine: Routine): Promise<RoutineVersion | null> {
  if (routine.latestVersion === null) {
    return null;
  }
  return manager.findOneByOrFail(RoutineVersion, { routineId: routine.id, version: routine.latestVersion });
}
