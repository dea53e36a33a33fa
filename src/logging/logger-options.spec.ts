import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { loggerOptions } from './logger-options';

describe('request log levels', () => {
  const { customLogLevel } = loggerOptions({ logLevel: 'info' } as AppConfig).pinoHttp as Options;
  const levelFor = (statusCode: number) =>
    customLogLevel?.({} as IncomingMessage, { statusCode } as ServerResponse, undefined);

  it('logs server errors as errors, but a 503 (the database restarting, warned once elsewhere) as a warning', () => {
    expect([200, 404, 500, 502, 503].map(levelFor)).toEqual(['info', 'warn', 'error', 'error', 'warn']);
  });
});
