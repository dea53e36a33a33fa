import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { publicOperations, withProblemResponses } from './openapi-problems';

/**
 * Swagger UI at /docs, the OpenAPI document at /docs-json. Every operation's error responses are derived from its
 * route (openapi-problems.ts); test/e2e/openapi-document.e2e-spec.ts validates the document.
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Samverkan API')
        .setDescription(
          'Structured collaboration between authorities against violence: routines, adoption, collaboration cases, reminders and an append-only audit trail. ' +
            'No personal data about victims or perpetrators is ever stored; free-text fields that contain identifiers are refused with 422. ' +
            'Errors are application/problem+json (RFC 9457) with a stable `code`; a 503 comes with Retry-After.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build(),
    ),
    publicOperations(app),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
