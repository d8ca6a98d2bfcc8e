import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { ACCOUNT_STATUS, type AccountStatusChecker } from './account-status';
import { accessRuleFor, AccessScope } from './access/access-matrix';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { DeskTokenService } from './desk-token.service';
import { Principal } from './principal';
import { Role } from './roles';

/**
 * Every desk request carries a signed token naming user, role and center. The route's entry in
 * ACCESS_MATRIX decides which roles may call it and for which centers: the caller's own center,
 * or (for `own-or-below` actions) any center below it. A route outside the matrix falls back to
 * its @Roles and the own-center rule, so nothing is ever open by omission.
 */
@Injectable()
export class DeskAuthGuard implements CanActivate {
  private readonly logger = new Logger('DeskAuth');
  private readonly unlisted = new Set<string>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: DeskTokenService,
    private readonly hosted: HostedCenters,
    private readonly directory: CenterDirectory,
    @Optional() @Inject(ACCOUNT_STATUS) private readonly accounts?: AccountStatusChecker,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest();
    const routePath: string | undefined = req.route?.path;
    const rule = routePath ? accessRuleFor(req.method, routePath) : undefined;
    if (rule?.scope === 'public' || this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!rule && routePath) this.warnUnlisted(req.method, routePath);

    const principal = await this.authenticate(req.headers['authorization']);
    req.principal = principal;

    const center: string | undefined = req.params?.center;
    const scope: AccessScope = rule?.scope ?? (center === undefined ? 'authenticated' : 'own');
    if (center !== undefined) {
      if (!this.actsFor(principal, center, scope)) {
        throw new ForbiddenException(`user ${principal.userId} of center ${principal.center} may not act for center ${center}`);
      }
      if (!this.hosted.has(center)) throw new NotFoundException(`center ${center} is not served here`);
    }
    const roles = rule?.roles ?? this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not do this (needs one of ${roles.join(', ')}) at center ${principal.center}`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('missing bearer token');
    const principal = this.tokens.verify(token);
    // Only the app hosting the user's center holds the account; elsewhere the token's expiry bounds it.
    if (principal.kind === 'account' && this.accounts && this.hosted.has(principal.center)) {
      const refusal = await this.accounts.refusal(principal);
      if (refusal) throw new UnauthorizedException(`user ${principal.userId} of center ${principal.center}: ${refusal}`);
    }
    return principal;
  }

  private actsFor(p: Principal, center: string, scope: AccessScope): boolean {
    if (center === p.center) return true;
    return scope === 'own-or-below' && this.directory.has(center) && this.directory.isSelfOrAncestor(p.center, center);
  }

  private warnUnlisted(method: string, path: string) {
    const key = `${method} ${path}`;
    if (this.unlisted.has(key)) return;
    this.unlisted.add(key);
    this.logger.warn({ msg: 'route is not in the access matrix; enforcing @Roles and own center only', route: key });
  }
}
