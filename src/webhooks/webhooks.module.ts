import { Module } from '@nestjs/common';
import { WebhookSecretsModule } from './webhook-secrets.module';
import { WebhooksController } from './webhooks.controller';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [WebhookSecretsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookSubscriptionsRepository],
})
export class WebhooksModule {}
