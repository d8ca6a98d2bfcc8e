import { ConflictException } from '@nestjs/common';
import type { ApiErrorCode } from './api-error-codes';

/**
 * A 409 that names which state stopped the action, so the answer carries a specific `code` the
 * desk can translate; the message keeps the ids and centers for people and logs.
 */
export class StateConflict extends ConflictException {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super({ statusCode: 409, error: 'Conflict', code, message });
  }
}
