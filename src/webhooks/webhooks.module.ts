import { Module } from '@nestjs/common';
import { webhookSecretBoxProvider } from './webhook-secret';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({ controllers: [WebhooksController], providers: [WebhooksService, webhookSecretBoxProvider] })
export class WebhooksModule {}
