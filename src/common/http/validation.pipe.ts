import { ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';

/** Strict DTO validation: unknown properties are refused, values are transformed to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
  });
}
