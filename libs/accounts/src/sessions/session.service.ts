import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DeskTokenService, RateLimiter, ROLE_LABELS } from '@syn/auth';
import { HostedCenters } from '@syn/network';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { PasswordHasher } from '../passwords/password-hasher';
import { USERNAME } from '../users/user.dto';
import { UserEntity } from '../users/user.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { LoginDto } from './session.dto';

/** A desk shift; after that the user signs in again. */
export const REFRESH_TOKEN_TTL_SECONDS = 12 * 3600;
/**
 * A token rotated this recently, whose successor nobody has used yet, is taken as the same client
 * asking again: a page reloaded or a connection dropped while the answer was on its way, so the
 * client never stored the successor. Refusing it would sign the editor out everywhere for a reload.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;
const WRONG = 'wrong username or password (用户名或密码错误)';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; center: string; username: string; displayName: string; role: string; roleLabel: string };
}

/**
 * Password login and refresh-token rotation. A refresh token is `<id>.<secret>`; only the
 * secret's sha256 is stored. Using one revokes it and issues the next; presenting a revoked one
 * again means it was copied, so every live token of that user is revoked, unless it is the lost
 * answer of a rotation a moment ago (REFRESH_REUSE_GRACE_SECONDS).
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: DeskTokenService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly hosted: HostedCenters,
  ) {}

  async login(dto: LoginDto): Promise<Session> {
    if (!this.hosted.has(dto.center)) throw new NotFoundException(`center ${dto.center} is not served here`);
    this.limiter.consume('login', dto.center, dto.username);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ centerCode: dto.center, username: dto.username });
    const ok = user ? await this.hasher.verify(dto.password, user.passwordHash) : await this.hasher.verifyDecoy(dto.password);
    if (!user || !ok) {
      // A password typed into the username box must not reach the log: log only names that look like names.
      this.logger.warn({
        msg: 'login refused',
        center: dto.center,
        username: USERNAME.test(dto.username) ? dto.username : '(not a username)',
        reason: user ? 'wrong password' : 'unknown user',
      });
      throw new UnauthorizedException(WRONG);
    }
    if (user.disabledAt) throw new UnauthorizedException(`account ${dto.username} of center ${dto.center} is disabled`);
    this.logger.log({ msg: 'signed in', center: user.centerCode, userId: user.id, role: user.role });
    return this.dataSource.transaction((m) => this.issue(m, user));
  }

  async refresh(presented: string): Promise<Session> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new UnauthorizedException('invalid refresh token');
    const result = await this.dataSource.transaction(async (m) => {
      const row = await m.getRepository(RefreshTokenEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(secret)))) return 'invalid refresh token' as const;
      const retried = row.revokedAt !== null && (await this.isRetriedRotation(m, row));
      if (row.revokedAt && !retried) {
        await this.revokeAll(m, row.userId);
        return { reuse: row.userId };
      }
      if (row.expiresAt.getTime() <= Date.now()) return 'refresh token expired; sign in again' as const;
      const user = await m.getRepository(UserEntity).findOneBy({ id: row.userId });
      if (!user || user.disabledAt) return 'account is disabled' as const;
      const session = await this.issue(m, user);
      if (retried) {
        // The successor stays live (another tab may hold it); it expires with its own TTL.
        this.logger.log({
          msg: 'refresh token presented again within the grace window; a new session issued',
          center: user.centerCode,
          userId: user.id,
          tokenId: id,
        });
      } else {
        await m.update(RefreshTokenEntity, { id }, { revokedAt: new Date(), replacedBy: session.refreshToken.split('.')[0] });
      }
      return session;
    });
    if (typeof result === 'string') throw new UnauthorizedException(result);
    if ('reuse' in result) {
      this.logger.warn({ msg: 'revoked refresh token presented again; all sessions of the user revoked', userId: result.reuse });
      throw new UnauthorizedException('refresh token was already used; every session of this account has been signed out');
    }
    return result;
  }

  async logout(presented: string): Promise<void> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return;
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1 AND token_hash = $2 AND revoked_at IS NULL`, [id, sha256(secret)]);
  }

  /** Rotated (not signed out) within the grace window, and the token it was rotated into is still unused. */
  private async isRetriedRotation(m: EntityManager, row: RefreshTokenEntity): Promise<boolean> {
    if (!row.revokedAt || !row.replacedBy) return false;
    if (Date.now() - row.revokedAt.getTime() > REFRESH_REUSE_GRACE_SECONDS * 1000) return false;
    const successor = await m.getRepository(RefreshTokenEntity).findOneBy({ id: row.replacedBy });
    return successor !== null && successor.revokedAt === null;
  }

  async revokeAll(m: EntityManager, userId: string): Promise<void> {
    await m.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issue(m: EntityManager, user: UserEntity): Promise<Session> {
    const id = uuidv4();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    await m.insert(RefreshTokenEntity, {
      id,
      userId: user.id,
      tokenHash: sha256(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
      revokedAt: null,
      replacedBy: null,
    });
    return {
      accessToken: this.tokens.signAccess({ userId: user.id, name: user.displayName, role: user.role, center: user.centerCode }),
      refreshToken: `${id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTtlSeconds,
      user: {
        id: user.id,
        center: user.centerCode,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        roleLabel: ROLE_LABELS[user.role],
      },
    };
  }
}
