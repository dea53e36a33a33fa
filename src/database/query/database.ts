import type { Generated } from 'kysely';
import { Adoption } from '../../adoptions/entities/adoption.entity';
import { AdoptionFollowUp } from '../../adoptions/entities/adoption-follow-up.entity';
import { AdoptionPartner } from '../../adoptions/entities/adoption-partner.entity';
import { ApiClient } from '../../api-clients/entities/api-client.entity';
import { AssessmentMethod } from '../../assessment-methods/entities/assessment-method.entity';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import type { CaseNumberCounterTable } from '../../cases/entities/case-number-counter.table';
import { CaseParticipant } from '../../cases/entities/case-participant.entity';
import { CaseStep } from '../../cases/entities/case-step.entity';
import { CollaborationCase } from '../../cases/entities/collaboration-case.entity';
import { IdentityProvider } from '../../identity-providers/entities/identity-provider.entity';
import { Notification } from '../../notifications/entities/notification.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { OutboxEvent } from '../../outbox/entities/outbox-event.entity';
import { ReasonCode } from '../../reason-codes/entities/reason-code.entity';
import { Reminder } from '../../reminders/entities/reminder.entity';
import { Routine } from '../../routines/entities/routine.entity';
import { RoutineVersion } from '../../routines/entities/routine-version.entity';
import {
  StrategyGoalRow,
  StrategyMeasureMappingRow,
  StrategyMeasureRow,
  StrategyPeriodRow,
} from '../../strategy/entities/strategy.entities';
import { User } from '../../users/entities/user.entity';
import { WebhookDelivery } from '../../webhooks/entities/webhook-delivery.entity';
import { WebhookSubscription } from '../../webhooks/entities/webhook-subscription.entity';

interface EntityTable<Row, Defaulted extends keyof Row> {
  entity: new () => Row;
  /** Columns the database fills in when an insert leaves them out (generated ids, defaults, creation times). */
  defaulted: readonly Defaulted[];
}

const table = <Row, Defaulted extends keyof Row = never>(
  entity: new () => Row,
  defaulted: readonly Defaulted[] = [],
): EntityTable<Row, Defaulted> => ({ entity, defaulted });

/**
 * Every entity's table, by its SQL name. The entities are the one source of the columns: the query builder's
 * types come from their properties, and its compiler writes each property as the column TypeORM maps it to
 * (`caseNumber` → `case_number`; database.spec.ts holds every entity to that).
 */
export const ENTITY_TABLES = {
  organization: table(Organization, ['id', 'passwordSignIn', 'createdAt', 'updatedAt']),
  app_user: table(User, ['id', 'active', 'tokenGeneration', 'createdAt', 'updatedAt']),
  audit_event: table(AuditEvent),
  strategy_period: table(StrategyPeriodRow),
  strategy_goal: table(StrategyGoalRow),
  strategy_measure: table(StrategyMeasureRow),
  strategy_measure_mapping: table(StrategyMeasureMappingRow),
  reminder: table(Reminder, ['id', 'status', 'createdAt', 'updatedAt']),
  outbox_event: table(OutboxEvent, ['id', 'createdAt']),
  routine: table(Routine, ['id', 'createdAt', 'updatedAt']),
  routine_version: table(RoutineVersion),
  adoption: table(Adoption, ['id', 'createdAt', 'updatedAt']),
  adoption_partner: table(AdoptionPartner),
  adoption_follow_up: table(AdoptionFollowUp, ['id', 'createdAt']),
  collaboration_case: table(CollaborationCase, ['id']),
  case_participant: table(CaseParticipant),
  case_step: table(CaseStep),
  notification: table(Notification, ['id', 'createdAt']),
  webhook_subscription: table(WebhookSubscription, ['id', 'lastSequence', 'createdAt', 'updatedAt']),
  webhook_delivery: table(WebhookDelivery, ['id', 'status', 'attempts', 'createdAt', 'updatedAt']),
  reason_code: table(ReasonCode, ['systemOnly', 'createdAt']),
  assessment_method: table(AssessmentMethod, ['createdAt']),
  api_client: table(ApiClient, ['id', 'secretGeneration', 'active', 'createdAt', 'updatedAt']),
  identity_provider: table(IdentityProvider, [
    'id',
    'requiredAcr',
    'emailClaim',
    'nameClaim',
    'active',
    'createdAt',
    'updatedAt',
  ]),
};

type Columns<Spec> =
  Spec extends EntityTable<infer Row, infer Defaulted>
    ? { [Column in keyof Row]-?: Column extends Defaulted ? Generated<Row[Column]> : Row[Column] }
    : never;

/** The schema the query builder is typed with: the entities' tables, and the few tables that have no entity. */
export type Database = { [Name in keyof typeof ENTITY_TABLES]: Columns<(typeof ENTITY_TABLES)[Name]> } & {
  case_number_counter: CaseNumberCounterTable;
};
