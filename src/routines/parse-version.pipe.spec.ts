import { RequestValidationException } from '../common/http/request-validation.exception';
import { MAX_VERSION, ParseVersionPipe } from './parse-version.pipe';

describe('ParseVersionPipe', () => {
  const pipe = new ParseVersionPipe();

  it.each(['1', '7', String(MAX_VERSION)])('reads %s', (value) => {
    expect(pipe.transform(value)).toBe(Number(value));
  });

  it.each(['0', '-1', '01', '1.5', '1e3', 'x', '', String(MAX_VERSION + 1), '99999999999999999999'])(
    'refuses %j with a validation error',
    (value) => {
      expect(() => pipe.transform(value)).toThrow(RequestValidationException);
    },
  );
});
