import type { EntityManager } from 'typeorm';
import { NotVisibleException } from '../auth/not-visible.exception';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ALL_ROLES, Role } from '../common/auth/role';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { OrganizationType } from '../organizations/organization-type';
import { eachCase } from '../../test/support/each-case';

/** A table row typed as a tuple, so that `eachCase` hands each cell to its own parameter. */
const row = <Cells extends unknown[]>(...cells: Cells) => cells;
import { Routine } from './entities/routine.entity';
import { RoutineVersion } from './entities/routine-version.entity';
import { canSeeRoutine, findLatestVersion, findOwnRoutineForChange, findVisibleRoutine } from './routine-access';

const OWN = 'org-own';
const OTHER = 'org-other';
type State = 'published' | 'never published';
const STATES: State[] = ['published', 'never published'];
const OWNERS = [OWN, OTHER] as const;

const user = (role: Role): AuthenticatedUser => ({
  id: 'u',
  organizationId: OWN,
  organizationType: OrganizationType.Police,
  roles: [role],
});
const routine = (owner: string, state: State): Routine =>
  Object.assign(new Routine(), {
    id: 'r1',
    ownerOrganizationId: owner,
    latestVersion: state === 'published' ? 3 : null,
  });

/** The lookups' only use of the manager: one row by id (with the lock asked for), one version by key. */
function managerHolding(row: Routine | null) {
  const findOne = jest.fn((_entity: unknown, _options: unknown) => Promise.resolve(row));
  const findOneByOrFail = jest.fn((_entity: unknown, where: object) => Promise.resolve({ ...where } as RoutineVersion));
  return { manager: { findOne, findOneByOrFail } as unknown as EntityManager, findOne, findOneByOrFail };
}

/** What a lookup ended in: the routine, or the kind and code of the error, and whether it was a denied access. */
async function outcome(lookup: Promise<Routine>) {
  try {
    return { routine: (await lookup).id };
  } catch (error) {
    if (!(error instanceof DomainException)) {
      throw error;
    }
    return { kind: error.kind, code: error.code, denied: error instanceof NotVisibleException };
  }
}
const FOUND = { routine: 'r1' };
const NOT_FOUND = { kind: DomainErrorKind.NotFound, code: 'routine.not_found', denied: false };
const NOT_VISIBLE = { kind: DomainErrorKind.NotFound, code: 'routine.not_found', denied: true };
const NOT_OWNER = { kind: DomainErrorKind.Forbidden, code: 'routine.not_owner', denied: false };

// Every role × own or other organisation × published or not. Roles make no difference to seeing a routine: the
// routes decide who may change one.
const CASES = ALL_ROLES.flatMap((role) => OWNERS.flatMap((owner) => STATES.map((state) => row(role, owner, state))));

describe('canSeeRoutine', () => {
  it('shows published routines to everyone and an unpublished one to its owner organisation only', () => {
    eachCase(CASES, (role, owner, state) =>
      expect(canSeeRoutine(user(role), routine(owner, state))).toBe(state === 'published' || owner === OWN),
    );
  });
});

describe('findVisibleRoutine', () => {
  it('answers a routine of another organisation never published exactly as a missing one, counted as denied', async () => {
    for (const [role, owner, state] of CASES) {
      const { manager } = managerHolding(routine(owner, state));
      const expected = state === 'published' || owner === OWN ? FOUND : NOT_VISIBLE;
      expect([role, owner, state, await outcome(findVisibleRoutine(manager, user(role), 'r1'))]).toEqual([
        role,
        owner,
        state,
        expected,
      ]);
    }
  });

  it('answers 404, not a denied access, when there is no such routine', async () => {
    const { manager } = managerHolding(null);
    expect(await outcome(findVisibleRoutine(manager, user(Role.Admin), 'r1'))).toEqual(NOT_FOUND);
  });

  it('looks the routine up by id, locked only when a lock is asked for', async () => {
    const { manager, findOne } = managerHolding(routine(OWN, 'published'));
    await findVisibleRoutine(manager, user(Role.Caseworker), 'r1');
    await findVisibleRoutine(manager, user(Role.Caseworker), 'r1', 'pessimistic_read');
    expect(findOne.mock.calls).toEqual([
      [Routine, { where: { id: 'r1' } }],
      [Routine, { where: { id: 'r1' }, lock: { mode: 'pessimistic_read' } }],
    ]);
  });
});

describe('findOwnRoutineForChange', () => {
  it('hands out only the own organisation’s routines: 403 for others’ published ones, 404 for the rest', async () => {
    for (const [role, owner, state] of CASES) {
      const { manager } = managerHolding(routine(owner, state));
      const expected = owner === OWN ? FOUND : state === 'published' ? NOT_OWNER : NOT_VISIBLE;
      expect([role, owner, state, await outcome(findOwnRoutineForChange(manager, user(role), 'r1'))]).toEqual([
        role,
        owner,
        state,
        expected,
      ]);
    }
  });

  it('locks the routine for writing', async () => {
    const { manager, findOne } = managerHolding(routine(OWN, 'never published'));
    await findOwnRoutineForChange(manager, user(Role.Coordinator), 'r1');
    expect(findOne).toHaveBeenCalledWith(Routine, { where: { id: 'r1' }, lock: { mode: 'pessimistic_write' } });
  });
});

describe('findLatestVersion', () => {
  it('reads the published version the routine points at', async () => {
    const { manager, findOneByOrFail } = managerHolding(null);
    expect(await findLatestVersion(manager, routine(OWN, 'published'))).toEqual({ routineId: 'r1', version: 3 });
    expect(findOneByOrFail).toHaveBeenCalledWith(RoutineVersion, { routineId: 'r1', version: 3 });
  });

  it('is null, without a query, for a routine never published', async () => {
    const { manager, findOneByOrFail } = managerHolding(null);
    expect(await findLatestVersion(manager, routine(OWN, 'never published'))).toBeNull();
    expect(findOneByOrFail).not.toHaveBeenCalled();
  });
});
