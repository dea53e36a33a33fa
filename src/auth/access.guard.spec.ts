import { ExecutionContext, ServiceUnavailableException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException } from '../common/http/domain.exception';
import { MetricsService } from '../metrics/metrics.service';
import { AccessDeniedService } from './access-denied.service';
import { AccessGuard } from './access.guard';

describe('AccessGuard.handleRequest', () => {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) };
  const context = (authorization?: string) =>
    ({
      switchToHttp: () => ({
        getRequest: () => ({ headers: { authorization }, method: 'GET', routeOptions: { url: '/api/v1/auth/me' } }),
        getResponse: () => reply,
      }),
    }) as unknown as ExecutionContext;
  const guard = new AccessGuard(new Reflector(), new AccessDeniedService(new MetricsService()));

  it('answers 503 with Retry-After, not 401, when the token could not be checked (the account lookup failed)', () => {
    expect(() =>
      guard.handleRequest(new Error('connect ECONNREFUSED'), false, undefined, context('Bearer abc')),
    ).toThrow(ServiceUnavailableException);
    expect(headers['retry-after']).toBe('5');
  });

  it('answers 401 with the challenge when the token is refused', () => {
    expect(() => guard.handleRequest(null, false, undefined, context('Bearer abc'))).toThrow(DomainException);
    expect(headers['www-authenticate']).toBe('Bearer realm="samverkan", error="invalid_token"');
  });
});
