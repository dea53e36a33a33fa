import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { findPersonalData } from '../privacy/personal-data-detector';

/** The path without its query string; a path a client stuffed with an identifier is not written at all. */
function loggablePath(url: string): string {
  const path = url.split('?')[0];
  return findPersonalData(decodeURIComponentSafe(path)) === null ? path : '[path withheld: personal data]';
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Structured JSON logs. Request bodies are never logged, and URLs are logged without their query string
 * (a lookup by external reference carries the reference there).
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request: IncomingMessage) => String((request as IncomingMessage & { id?: string }).id ?? request.headers['x-request-id']),
      customAttributeKeys: { reqId: 'requestId' },
      // Headers (tokens, access reasons) and bodies are left out entirely.
      serializers: {
        req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: request.id,
          method: request.method,
          path: loggablePath(request.url),
          remoteAddress: request.remoteAddress,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
    },
  };
}
