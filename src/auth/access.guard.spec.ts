import { ExecutionContext, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException } from '../common/http/domain.exception';
import { ProblemDetailsFilter } from '../common/http/problem-details.filter';
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

  it('hands a database outage to the problem filter (503 with Retry-After there), not a 401', () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(() => guard.handleRequest(outage, false, undefined, context('Bearer abc'))).toThrow(outage);
    const filter = new ProblemDetailsFilter();
    expect(filter.toProblem(outage)).toMatchObject({ status: 503, code: 'service.database_unavailable' });
  });

  it('answers 503, not 401, when the token check failed for another reason', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(() => guard.handleRequest(new Error('unexpected'), false, undefined, context('Bearer abc'))).toThrow(
      ServiceUnavailableException,
    );
    logged.mockRestore();
  });

  it('answers 401 with the challenge when the token is refused', () => {
    expect(() => guard.handleRequest(null, false, undefined, context('Bearer abc'))).toThrow(DomainException);
    expect(headers['www-authenticate']).toBe('Bearer realm="samverkan", error="invalid_token"');
  });
});
