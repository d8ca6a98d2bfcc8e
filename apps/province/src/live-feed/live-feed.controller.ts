import { Controller, ForbiddenException, Get, Headers, Inject, NotFoundException, Optional, Param, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_STATUS, accessRuleFor, DeskTokenService, Public } from '@syn/auth';
import type { AccountStatusChecker } from '@syn/auth';
import { HostedCenters } from '@syn/network';
import type { Request, Response } from 'express';
import { LiveFeedService } from './live-feed.service';

/** The roles come from the access matrix like every other route's; only the token's transport differs. */
const WATCH_ROLES: readonly string[] = accessRuleFor('GET', '/api/v1/centers/:center/live-feed')?.roles ?? [];
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for the provincial desk: every story that lands in any pool of the province,
 * as it is committed. A browser's EventSource cannot set headers, so the desk token may also come
 * as ?access_token=; it is checked exactly as the desk guard checks a bearer token (signature,
 * own center, center served here, the account still enabled, the role the matrix allows).
 */
@ApiTags('live feed (实时稿件流)')
@Controller('api/v1/centers/:center/live-feed')
export class LiveFeedController {
  constructor(
    private readonly feed: LiveFeedService,
    private readonly tokens: DeskTokenService,
    private readonly hosted: HostedCenters,
    @Optional() @Inject(ACCOUNT_STATUS) private readonly accounts?: AccountStatusChecker,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'text/event-stream of stories pooled anywhere in the province (event: pooled | recommended)' })
  @ApiQuery({ name: 'access_token', required: false, description: 'desk token, for EventSource clients that cannot send Authorization' })
  async stream(
    @Param('center') center: string,
    @Query('access_token') queryToken: string | undefined,
    @Headers('authorization') header: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : queryToken;
    if (!token) throw new UnauthorizedException('missing desk token (Authorization: Bearer … or ?access_token=)');
    const p = this.tokens.verify(token);
    const refusal = p.kind === 'account' && this.accounts && this.hosted.has(p.center) ? await this.accounts.refusal(p) : null;
    if (refusal) throw new UnauthorizedException(`user ${p.userId} of center ${p.center}: ${refusal}`);
    if (p.center !== center) throw new ForbiddenException(`user ${p.userId} of center ${p.center} may not watch center ${center}`);
    if (!this.hosted.has(center)) throw new NotFoundException(`center ${center} is not served here`);
    if (!WATCH_ROLES.includes(p.role)) throw new ForbiddenException(`role ${p.role} may not watch the live feed at center ${center}`);

    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ center, watching: p.userId })}\n\n`);
    this.feed.watching(1);
    const sub = this.feed.watch(center).subscribe({
      next: (e) => res.write(`id: ${e.storyId}:${e.kind}:${e.version ?? ''}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`),
      complete: () => res.end(),
    });
    const heartbeat = setInterval(() => res.write(`: ping\n\n`), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      sub.unsubscribe();
      this.feed.watching(-1);
    });
  }
}
