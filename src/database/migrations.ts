import { Foundation1764130000000 } from '../../migrations/1764130000000-Foundation';
import { RemindersAndOutbox1764131000000 } from '../../migrations/1764131000000-RemindersAndOutbox';
import { Routines1764132000000 } from '../../migrations/1764132000000-Routines';
import { Adoptions1764140000000 } from '../../migrations/1764140000000-Adoptions';
import { Cases1764150000000 } from '../../migrations/1764150000000-Cases';
import { NotificationsAndWebhooks1764160000000 } from '../../migrations/1764160000000-NotificationsAndWebhooks';
import { ReasonCodes1764600000000 } from '../../migrations/1764600000000-ReasonCodes';
import { UserCredentials1764820000000 } from '../../migrations/1764820000000-UserCredentials';
import { ErasureAndRedaction1764900000000 } from '../../migrations/1764900000000-ErasureAndRedaction';
import { DatesDeadlinesAndMessageOrder1765100000000 } from '../../migrations/1765100000000-DatesDeadlinesAndMessageOrder';
import { AuditAppendFunctions1765200000000 } from '../../migrations/1765200000000-AuditAppendFunctions';
import { AssessmentMethodsAndConditions1765300000000 } from '../../migrations/1765300000000-AssessmentMethodsAndConditions';
import { SignInSessionsAndApiClients1765400000000 } from '../../migrations/1765400000000-SignInSessionsAndApiClients';
import { FollowUpReportIndexes1765560000000 } from '../../migrations/1765560000000-FollowUpReportIndexes';
import { StrategyPeriodSuccession1765610000000 } from '../../migrations/1765610000000-StrategyPeriodSuccession';
import { OpenCasesByNumber1765700000000 } from '../../migrations/1765700000000-OpenCasesByNumber';
import { FollowUpRollups1765800000000 } from '../../migrations/1765800000000-FollowUpRollups';

/** Every migration, in order, listed by class. */
export const MIGRATIONS = [
  Foundation1764130000000,
  RemindersAndOutbox1764131000000,
  Routines1764132000000,
  Adoptions1764140000000,
  Cases1764150000000,
  NotificationsAndWebhooks1764160000000,
  ReasonCodes1764600000000,
  UserCredentials1764820000000,
  ErasureAndRedaction1764900000000,
  DatesDeadlinesAndMessageOrder1765100000000,
  AuditAppendFunctions1765200000000,
  AssessmentMethodsAndConditions1765300000000,
  SignInSessionsAndApiClients1765400000000,
  FollowUpReportIndexes1765560000000,
  StrategyPeriodSuccession1765610000000,
  OpenCasesByNumber1765700000000,
  FollowUpRollups1765800000000,
];
