import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actionsFor, CurrentPrincipal, type Principal, Public, ROLE_LABELS, TooManyRequestsError } from '@syn/auth';
import { CenterDirectory } from '@syn/network';
import type { Response } from 'express';
import { LoginDto, RefreshDto } from './session.dto';
import { SessionService } from './session.service';

@ApiTags('auth (登录)')
@Controller('api/v1/auth')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly directory: CenterDirectory,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '登录: center, username and password for an access token (15 min) and a refresh token' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    try {
      return await this.sessions.login(dto);
    } catch (e) {
      if (e instanceof TooManyRequestsError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token and refresh token for a refresh token (which is then void)' })
  refresh(@Body() dto: RefreshDto) {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Voids the refresh token' })
  async logout(@Body() dto: RefreshDto) {
    await this.sessions.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token speaks for, their center (level, name, parent) and the actions (access-matrix names) their role may call there' })
  me(@CurrentPrincipal() p: Principal) {
    const c = this.directory.get(p.center);
    return {
      userId: p.userId,
      name: p.name,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      center: p.center,
      kind: p.kind,
      centerInfo: { code: c.code, name: c.name, level: c.level, parent: c.parent },
      actions: actionsFor(p.role, c.level),
    };
  }
}
