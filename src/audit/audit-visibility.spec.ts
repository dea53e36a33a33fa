import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';
import { auditVisibilityOf } from './audit-visibility';

const user = (organizationType: OrganizationType, ...roles: Role[]): AuthenticatedUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  organizationId: '00000000-0000-4000-8000-0000000000aa',
  organizationType,
  roles,
});

describe('auditVisibilityOf', () => {
  it.each([
    ['an admin', user(OrganizationType.Other, Role.Admin)],
    ['an auditor of the county board', user(OrganizationType.CountyBoard, Role.Auditor)],
  ])('lets %s see the whole trail', (_, reader) => {
    expect(auditVisibilityOf(reader)).toEqual({ everything: true });
  });

  it.each([
    ['an auditor of social services', user(OrganizationType.SocialServices, Role.Auditor)],
    ['an auditor of the police', user(OrganizationType.Police, Role.Auditor)],
    ['a county-board coordinator who is not its auditor', user(OrganizationType.CountyBoard, Role.Coordinator)],
  ])('limits %s to events concerning their organisation', (_, reader) => {
    expect(auditVisibilityOf(reader)).toEqual({ everything: false, organizationIds: [reader.organizationId] });
  });
});
