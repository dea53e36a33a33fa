import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AssessmentMethodsModule } from './assessment-methods/assessment-methods.module';
import { AdoptionsModule } from './adoptions/adoptions.module';
import { ApiClientsModule } from './api-clients/api-clients.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { ErasureModule } from './erasure/erasure.module';
import { HealthModule } from './health/health.module';
import { IdentityProvidersModule } from './identity-providers/identity-providers.module';
import { loggerOptions } from './logging/logger-options';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { REMINDER_QUEUE } from './reminders/reminder-queue';
import { ReasonCodesModule } from './reason-codes/reason-codes.module';
import { ReportsModule } from './reports/reports.module';
import { RoutinesModule } from './routines/routines.module';
import { StrategyModule } from './strategy/strategy.module';
import { BootstrapAdminService } from './users/bootstrap-admin.service';
import { UsersModule } from './users/users.module';
import { WEBHOOK_QUEUE } from './webhooks/webhook-queue';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkerModule } from './worker/worker.module';

@Module({})
export class AppModule {
  /** The API (and, with role "all", the queue worker) for one resolved configuration. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        QueueModule.forRoot([REMINDER_QUEUE, WEBHOOK_QUEUE]),
        QueueDashboardModule,
        MetricsModule,
        AuditModule,
        OutboxModule,
        AuthModule,
        ApiClientsModule,
        IdentityProvidersModule,
        UsersModule,
        OrganizationsModule,
        StrategyModule,
        RoutinesModule,
        ReasonCodesModule,
        AssessmentMethodsModule,
        AdoptionsModule,
        ReportsModule,
        CasesModule,
        HealthModule,
        NotificationsModule,
        WebhooksModule,
        ErasureModule,
        ...(config.role === 'api' ? [] : [WorkerModule]),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, BootstrapAdminService],
      exports: [APP_CONFIG],
    };
  }
}
