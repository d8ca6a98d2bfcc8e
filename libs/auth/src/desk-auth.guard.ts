import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HostedCenters } from '@syn/network';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { DeskTokenService } from './desk-token.service';
import { Role } from './roles';

/**
 * Every desk request carries a signed token naming user, role and center. A route with a
 * :center parameter is only for users of that center, and only if this process hosts it.
 */
@Injectable()
export class DeskAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: DeskTokenService,
    private readonly hosted: HostedCenters,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers['authorization'];
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('missing bearer token');
    const principal = this.tokens.verify(token);
    req.principal = principal;

    const center: string | undefined = req.params?.center;
    if (center !== undefined) {
      if (center !== principal.center) {
        throw new ForbiddenException(`user ${principal.userId} of center ${principal.center} may not act for center ${center}`);
      }
      if (!this.hosted.has(center)) throw new ForbiddenException(`center ${center} is not served here`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (needs one of ${roles.join(', ')}) at center ${principal.center}`);
    }
    return true;
  }
}
