import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { JsonBodyError } from '../../bootstrap/json-body';
import { DomainErrorKind, DomainException } from './domain.exception';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RequestValidationException } from './request-validation.exception';

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('maps domain exceptions to their status with the code', () => {
    const conflict = filter.toProblem(
      new DomainException(DomainErrorKind.Conflict, 'case_step.not_active', 'The step is not active.'),
    );
    expect(conflict).toMatchObject({ status: 409, code: 'case_step.not_active', detail: 'The step is not active.' });
    expect(conflict.type).toContain('case_step.not_active');
  });

  it('renders personal-data validation errors as 422 and other validation errors as 400', () => {
    expect(
      filter.toProblem(new RequestValidationException([{ field: 'note', code: 'personal_data', kind: 'email' }]))
        .status,
    ).toBe(422);
    expect(filter.toProblem(new RequestValidationException([{ field: 'title', code: 'is_string' }])).status).toBe(400);
  });

  it('keeps HTTP exceptions and fastify client errors as 4xx, with a code and a fixed text', () => {
    expect(filter.toProblem(new NotFoundException('Cannot GET /api/v1/x/19811228-9874'))).toMatchObject({
      status: 404,
      code: 'route.not_found',
      detail: 'There is no such resource.',
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(filter.toProblem(tooLarge)).toMatchObject({
      status: 413,
      code: 'body.too_large',
      detail: 'The request body is larger than the limit.',
    });
    expect(filter.toProblem(new JsonBodyError('FST_ERR_CTP_INVALID_JSON_BODY'))).toMatchObject({
      status: 400,
      code: 'body.invalid_json',
    });
    expect(filter.toProblem(new JsonBodyError('FST_ERR_CTP_JSON_TOO_DEEP'))).toMatchObject({
      status: 400,
      code: 'body.too_deep',
    });
  });

  it('turns an unexpected error into a 500 with an errorId that is logged with the stack', () => {
    const logged: unknown[] = [];
    const spy = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void logged.push(message));
    const body = filter.toProblem(new TypeError('cannot read properties of undefined'));
    spy.mockRestore();
    expect(body).toMatchObject({ status: 500 });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.detail).not.toContain('cannot read');
    expect(logged).toHaveLength(1);
    const [entry] = logged as { errorId: unknown; err: { name: unknown; stack: unknown } }[];
    expect(entry).toMatchObject({ errorId: body.errorId, err: { name: 'TypeError' } });
    expect(typeof entry.err.stack).toBe('string');
  });

  it("logs no request data carried by an error, such as a failed query's parameters", () => {
    const logged: unknown[] = [];
    const spy = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void logged.push(message));
    filter.toProblem(
      Object.assign(new Error('duplicate key'), { code: '23505', parameters: ['anna.andersson@example.se'] }),
    );
    spy.mockRestore();
    expect(JSON.stringify(logged)).not.toContain('anna.andersson');
    expect(JSON.stringify(logged)).toContain('23505');
  });

  it('answers 503 with Retry-After while the database is down, warning once per outage, with no stack', () => {
    const outageFilter = new ProblemDetailsFilter();
    const warned: unknown[] = [];
    const warn = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warned.push(message));
    const error = jest.spyOn(Logger.prototype, 'error');
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      hasHeader: (name: string) => name in sent.headers,
      header: (name: string, value: string) => ((sent.headers[name] = value), reply),
      status: (status: number) => ((sent.status = status), reply),
      send: (body: unknown) => ((sent.body = body), reply),
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    const shutdown = new QueryFailedError(
      'SELECT 1',
      ['anna.andersson@example.se'],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    outageFilter.catch(shutdown, host);
    outageFilter.catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    outageFilter.catch(new Error('Connection terminated unexpectedly'), host);
    warn.mockRestore();
    const logged = error.mock.calls.length;
    error.mockRestore();
    expect(sent.status).toBe(503);
    expect(sent.headers).toEqual({ 'retry-after': '5', 'content-type': 'application/problem+json' });
    expect(sent.body).toMatchObject({ status: 503, code: 'service.database_unavailable' });
    expect(warned).toEqual([expect.stringContaining('57P01')]);
    expect(logged).toBe(0);
  });
});
