/**
 * A message that will never apply however often it is retried (bad shape, forged origin,
 * wrong hash, unknown center). It goes to dead letters at once instead of being redelivered.
 */
export class PoisonMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PoisonMessageError';
  }
}
