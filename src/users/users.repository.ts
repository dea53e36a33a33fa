import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '../common/auth/role';

/** An active user of an organisation, with the roles that decide what reaches them. */
export interface StaffMember {
  id: string;
  organizationId: string;
  roles: Role[];
}

/** The SQL of the app_user table. Methods run on the manager they are given. */
@Injectable()
export class UsersRepository {
  /** The active users of these organisations, in id order. */
  activeStaffOf(manager: EntityManager, organizationIds: string[]): Promise<StaffMember[]> {
    return manager.query<StaffMember[]>(
      `SELECT id, organization_id AS "organizationId", roles FROM app_user
        WHERE organization_id = ANY($1::uuid[]) AND active ORDER BY id`,
      [organizationIds],
    );
  }

  /** The organisation of the first active admin account, by creation; undefined when there is none. */
  async firstAdminOrganization(manager: EntityManager): Promise<string | undefined> {
    const [row] = await manager.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM app_user WHERE active AND 'admin' = ANY(roles) ORDER BY created_at, id LIMIT 1`,
    );
    return row?.organization_id;
  }
}
