import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../principal';
import { RateLimitedAction, RateLimiter, TooManyRequestsError } from './rate-limiter.service';

const RATE_LIMIT_KEY = 'syn:rate-limit';

/** Runs after DeskAuthGuard, so only authorised calls spend the caller's budget. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const action = this.reflector.get<RateLimitedAction | undefined>(RATE_LIMIT_KEY, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest();
    const p: Principal | undefined = req.principal;
    if (!action || !p) return true;
    try {
      this.limiter.consume(action, req.params?.center ?? p.center, `${p.center}/${p.userId}`);
    } catch (e) {
      if (e instanceof TooManyRequestsError) ctx.switchToHttp().getResponse().setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    return true;
  }
}

/** Limits the route per user and per center (policies from AppEnv RATE_*). */
export const RateLimited = (action: RateLimitedAction) => applyDecorators(SetMetadata(RATE_LIMIT_KEY, action), UseGuards(RateLimitGuard));
