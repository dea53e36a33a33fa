import { AssessmentMethod } from '../assessment-methods/entities/assessment-method.entity';
import { Adoption } from '../adoptions/entities/adoption.entity';
import { AdoptionFollowUp } from '../adoptions/entities/adoption-follow-up.entity';
import { AdoptionPartner } from '../adoptions/entities/adoption-partner.entity';
import { ApiClient } from '../api-clients/entities/api-client.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { IdentityProvider } from '../identity-providers/entities/identity-provider.entity';
import { CaseParticipant } from '../cases/entities/case-participant.entity';
import { CaseStep } from '../cases/entities/case-step.entity';
import { CollaborationCase } from '../cases/entities/collaboration-case.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { OutboxEvent } from '../outbox/entities/outbox-event.entity';
import { ReasonCode } from '../reason-codes/entities/reason-code.entity';
import { Reminder } from '../reminders/entities/reminder.entity';
import { Routine } from '../routines/entities/routine.entity';
import { RoutineVersion } from '../routines/entities/routine-version.entity';
import {
  StrategyGoalRow,
  StrategyMeasureMappingRow,
  StrategyMeasureRow,
  StrategyPeriodRow,
} from '../strategy/entities/strategy.entities';
import { User } from '../users/entities/user.entity';
import { WebhookDelivery } from '../webhooks/entities/webhook-delivery.entity';
import { WebhookSubscription } from '../webhooks/entities/webhook-subscription.entity';

/** Every entity, listed by class so the same code runs under ts-jest and from dist. */
export const ENTITIES = [
  Organization,
  User,
  AuditEvent,
  StrategyPeriodRow,
  StrategyGoalRow,
  StrategyMeasureRow,
  StrategyMeasureMappingRow,
  Reminder,
  OutboxEvent,
  Routine,
  RoutineVersion,
  Adoption,
  AdoptionPartner,
  AdoptionFollowUp,
  CollaborationCase,
  CaseParticipant,
  CaseStep,
  Notification,
  WebhookSubscription,
  WebhookDelivery,
  ReasonCode,
  AssessmentMethod,
  ApiClient,
  IdentityProvider,
];
