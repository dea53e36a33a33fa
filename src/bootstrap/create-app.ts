import helmet from '@fastify/helmet';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { readAccessReason } from '../common/auth/request-context';
import { ProblemDetailsFilter } from '../common/http/problem-details.filter';
import { createValidationPipe } from '../common/http/validation.pipe';
import type { AppConfig } from '../config/app-config';
import { runMigrations } from '../database/database.module';
import { MetricsService } from '../metrics/metrics.service';
import { BootstrapAdminService } from '../users/bootstrap-admin.service';
import { findPersonalData } from '../privacy/personal-data-detector';
import { recordRoutePatterns } from '../logging/route-pattern';
import { clientErrorHandler, frameworkErrors } from './framework-errors';
import { acceptJsonOnly } from './json-body';
import { acceptFormForTokenEndpoint, isTokenRequest } from '../api-clients/token-form-body';
import { setupOpenApi } from './openapi';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Builds the HTTP application (also used by the e2e tests), migrated and ready, but not yet listening. The caller owns the process's signals. */
export async function createApp(config: AppConfig, extraModules: Type[] = []): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimit,
    // Client addresses (sign-in throttling) come from X-Forwarded-For only through this many trusted proxies.
    trustProxy: config.http.trustedProxyHops > 0 ? config.http.trustedProxyHops : false,
    frameworkErrors,
    clientErrorHandler,
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      // A caller's id is kept for tracing, unless it could carry an identifier (it goes into logs and the audit trail).
      const id =
        typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) && findPersonalData(incoming) === null
          ? incoming
          : randomUUID();
      (request as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  // Before Nest's middleware (the request logger) is hooked in, which reads the pattern.
  recordRoutePatterns(adapter.getInstance());
  const root = AppModule.forRoot(config);
  // Fastify's own JSON parser only: Nest would add a form parser, whose field names are whole bodies sent without
  // a JSON content type. Anything but JSON gets 415.
  const app = await NestFactory.create<NestFastifyApplication>(
    { ...root, imports: [...(root.imports ?? []), ...extraModules] },
    adapter,
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready', 'health/live', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, exposedHeaders: ['x-request-id'] });
  }

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonOnly(fastify, isTokenRequest);
  acceptFormForTokenEndpoint(fastify);
  fastify.addHook('onRequest', (request, _reply, done) => {
    readAccessReason(request);
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Case data, staff accounts and audit events must not linger in a browser's or a proxy's cache.
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  setupOpenApi(app);

  if (config.database.migrationsRun) {
    await runMigrations(app.get(DataSource), config.database.migrationUrl);
  }
  await app.get(BootstrapAdminService).ensureAdmin();
  await app.init();
  await fastify.ready();
  return app;
}
