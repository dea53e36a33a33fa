import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WebhookSecretBox } from './webhook-secret';

/** The box keyed by this deployment's REFERENCE_HMAC_KEY, for the API (sealing) and the worker (opening). */
@Module({
  providers: [
    {
      provide: WebhookSecretBox,
      useFactory: (config: AppConfig) => new WebhookSecretBox(config.referenceHmacKey),
      inject: [APP_CONFIG],
    },
  ],
  exports: [WebhookSecretBox],
})
export class WebhookSecretsModule {}
