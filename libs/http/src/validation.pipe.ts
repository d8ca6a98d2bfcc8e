import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@syn/story';

/**
 * Unknown fields are refused (not silently dropped) and every message names its field, so an
 * editor's tool can point at the wrong input.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const messages = flattenValidationErrors(errors).map((m) => m.replace(/^([\w.[\]]+): (property \S+ should not exist)$/, '$1: $2'));
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: messages, fields: [...new Set(messages.map((m) => m.split(':')[0]))] });
    },
  });
}
