import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { API_ERROR_CODES, fieldErrors } from '@syn/api-errors';
import { flattenValidationErrors } from '@syn/story';

/**
 * Unknown fields are refused (not silently dropped) and every message names its field, so an
 * editor's tool can point at the wrong input; `errors[]` gives each failure's constraint and its
 * arguments so a desk can word it in its own language (docs/api-errors.md).
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets errors[] find each rule's arguments in the validators' metadata; it is never sent.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const messages = flattenValidationErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: API_ERROR_CODES.invalidInput,
        message: messages,
        fields: [...new Set(messages.map((m) => m.split(':')[0]))],
        errors: fieldErrors(errors),
      });
    },
  });
}
