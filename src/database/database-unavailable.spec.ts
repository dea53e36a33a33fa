import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { databaseUnavailableReason, isDatabaseUnavailable, OutageNotice } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('databaseUnavailableReason', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'ECONNREFUSED'],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET'), 'ECONNRESET'],
    [
      'an administrator shutdown (fast stop)',
      withCode('terminating connection due to administrator command', '57P01'),
      '57P01',
    ],
    [
      'a crash shutdown (immediate stop)',
      withCode('terminating connection because of crash of another server process', '57P02'),
      '57P02',
    ],
    ['a server starting up or shutting down', withCode('the database system is shutting down', '57P03'), '57P03'],
    ['too many connections', withCode('sorry, too many clients already', '53300'), '53300'],
    ['a connection exception of class 08', withCode('connection failure', '08006'), '08006'],
    ['a protocol connection exception', withCode('could not connect', '08001'), '08001'],
    ['pg cut off mid-query', new Error('Connection terminated unexpectedly'), 'connection.terminated'],
    ['pg ended while querying', new Error('Connection terminated'), 'connection.terminated'],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect'), 'connection.terminated'],
    [
      'a client that already failed',
      new Error('Client has encountered a connection error and is not queryable'),
      'connection.terminated',
    ],
  ])('recognises %s', (_, error, reason) => {
    expect(databaseUnavailableReason(error)).toBe(reason);
    expect(databaseUnavailableReason(wrapped(error))).toBe(reason);
  });

  it.each([
    ['a query on a runner TypeORM released when its connection failed', new QueryRunnerAlreadyReleasedError()],
    ['a query through such a runner', new QueryRunnerProviderAlreadyReleasedError()],
  ])('recognises %s', (_, error) => {
    expect(databaseUnavailableReason(error)).toBe('connection.released');
  });

  it('recognises errors made by Node itself, which are no instance of the Error a test sandbox sees', () => {
    expect(databaseUnavailableReason({ name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' })).toBe(
      'ECONNREFUSED',
    );
  });

  it('looks into a cause and into the errors of an AggregateError (a host with two addresses)', () => {
    const aggregate = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect');
    expect(databaseUnavailableReason(aggregate)).toBe('ECONNREFUSED');
    const timeout = new Error('Connection terminated due to connection timeout', { cause: new Error('x') });
    expect(databaseUnavailableReason(new Error('outer', { cause: timeout }))).toBe('connection.terminated');
  });

  it.each([
    ['a duplicate key', wrapped(withCode('duplicate key value violates unique constraint', '23505'))],
    ['a malformed value', wrapped(withCode('invalid input syntax for type uuid', '22P02'))],
    ['a serialization failure', wrapped(withCode('could not serialize access', '40001'))],
    ['a statement timeout', wrapped(withCode('canceling statement due to statement timeout', '57014'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const error = new Error('outer') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('OutageNotice', () => {
  it('reports the first failure of an outage only, and a failure after a quiet spell as a new outage', () => {
    const notice = new OutageNotice(10_000);
    expect(notice.failed(1_000)).toBe(true);
    expect(notice.failed(2_000)).toBe(false);
    expect(notice.failed(11_500)).toBe(false);
    expect(notice.failed(21_499)).toBe(false);
    expect(notice.failed(31_499)).toBe(true);
  });
});
