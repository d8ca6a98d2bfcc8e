import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DeskAuthGuard } from './desk-auth.guard';
import { DeskTokenService } from './desk-token.service';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter.service';

@Global()
@Module({
  providers: [DeskTokenService, RateLimiter, RateLimitGuard, { provide: APP_GUARD, useClass: DeskAuthGuard }],
  exports: [DeskTokenService, RateLimiter, RateLimitGuard],
})
export class AuthModule {}
