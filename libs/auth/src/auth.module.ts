import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DeskAuthGuard } from './desk-auth.guard';
import { DeskTokenService } from './desk-token.service';

@Global()
@Module({
  providers: [DeskTokenService, { provide: APP_GUARD, useClass: DeskAuthGuard }],
  exports: [DeskTokenService],
})
export class AuthModule {}
