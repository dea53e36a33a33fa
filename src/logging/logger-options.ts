import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { frameworkLinesAtDebug } from './framework-logs';
import { routePatternOf } from './route-pattern';

/**
 * Structured JSON logs. Request bodies, headers, raw paths and query strings are never logged: a request is
 * written as its method and route pattern (a lookup by external reference carries the reference in its query).
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      hooks: { logMethod: frameworkLinesAtDebug },
      // The id Fastify assigned (server-made, or the caller's once checked); never the raw header.
      genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id?: string }).id ?? randomUUID(),
      customAttributeKeys: { reqId: 'requestId' },
      // Headers (tokens, access reasons) and bodies are left out entirely.
      serializers: {
        req: (request: { id: string; method: string; raw?: IncomingMessage; remoteAddress?: string }) => ({
          id: request.id,
          method: request.method,
          route: routePatternOf(request.raw),
          remoteAddress: request.remoteAddress,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      // A 503 (the database restarting) is expected and said once by the problem filter: no error line per request.
      customLogLevel: (_request, response, error) =>
        error || (response.statusCode >= 500 && response.statusCode !== 503)
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
    },
  };
}
