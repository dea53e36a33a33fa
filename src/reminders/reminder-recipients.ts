import { Role } from '../common/auth/role';
import { ReminderKind } from './reminder-kind';

/** Which roles of the reminder's organisation a reminder of each kind goes to. */
export function recipientRoles(kind: ReminderKind): Role[] {
  switch (kind) {
    case ReminderKind.DueSoon:
    case ReminderKind.Overdue:
      return [Role.Caseworker, Role.Coordinator];
    case ReminderKind.Escalation:
      return [Role.Manager];
    case ReminderKind.ReviewDue:
      return [Role.Coordinator];
  }
}

export interface StaffMember {
  id: string;
  roles: Role[];
}

/** The active staff (already filtered to the organisation) a reminder of this kind notifies. */
export function recipientsOf(kind: ReminderKind, staff: StaffMember[]): string[] {
  const roles = recipientRoles(kind);
  return staff.filter((member) => member.roles.some((role) => roles.includes(role))).map((member) => member.id);
}
