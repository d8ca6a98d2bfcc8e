import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog, changedFields } from '@syn/audit';
import { Principal, Role, ROLE_LABELS, ROLE_LEVELS } from '@syn/auth';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PasswordHasher } from '../passwords/password-hasher';
import { SessionService } from '../sessions/session.service';
import { AccountStatusService } from './account-status.service';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UserEntity } from './user.entity';

export function userView(u: UserEntity) {
  return {
    id: u.id,
    center: u.centerCode,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    createdBy: u.createdBy,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** Admins manage the accounts of their own center and of the centers below it (the guard checks which). */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly directory: CenterDirectory,
    private readonly status: AccountStatusService,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  async list(center: string) {
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { centerCode: center }, order: { username: 'ASC' } });
    return { items: users.map(userView) };
  }

  async create(center: string, dto: CreateUserDto, by: Principal) {
    this.assertRoleFits(center, dto.role);
    const now = new Date();
    const user: UserEntity = {
      id: uuidv7(),
      centerCode: center,
      username: dto.username,
      displayName: dto.displayName.trim(),
      role: dto.role,
      passwordHash: await this.hasher.hash(dto.password),
      disabledAt: null,
      passwordChangedAt: now,
      createdBy: `${by.userId}@${by.center}`,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO users (id, center_code, username, display_name, role, password_hash, password_changed_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $7) ON CONFLICT (center_code, username) DO NOTHING RETURNING id`,
        [user.id, center, user.username, user.displayName, user.role, user.passwordHash, now, user.createdBy],
      );
      if (inserted.length === 0) throw new StateConflict(API_ERROR_CODES.alreadyExists, `user ${dto.username} already exists at center ${center}`);
      await this.audit.record(m, {
        center,
        storyId: null,
        subject: `user:${user.id}`,
        actor: actorOf(by),
        action: 'user.created',
        before: null,
        after: { username: user.username, displayName: user.displayName, role: user.role },
        at: now,
      });
    });
    this.logger.log({ msg: 'user created', center, userId: user.id, role: user.role, by: user.createdBy });
    return userView(user);
  }

  async update(center: string, userId: string, dto: UpdateUserDto, by: Principal) {
    if (dto.role) this.assertRoleFits(center, dto.role);
    if (dto.disabled === true && userId === by.userId)
      throw new UnprocessableEntityException(`user ${userId} of center ${center} cannot disable their own account`);
    const user = await this.dataSource.transaction(async (m) => {
      const u = await m.getRepository(UserEntity).findOne({ where: { id: userId, centerCode: center }, lock: { mode: 'pessimistic_write' } });
      if (!u) throw new NotFoundException(`user ${userId} not found at center ${center}`);
      const before = { displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null };
      if (dto.displayName !== undefined) u.displayName = dto.displayName.trim();
      if (dto.role !== undefined) u.role = dto.role;
      if (dto.disabled === true && !u.disabledAt) u.disabledAt = new Date();
      if (dto.disabled === false) u.disabledAt = null;
      u.updatedAt = new Date();
      await m.save(u);
      if (u.disabledAt) await this.sessions.revokeAll(m, u.id);
      const after = { displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null };
      const diff = changedFields(before, after, ['displayName', 'role', 'disabled']);
      await this.audit.record(m, { center, storyId: null, subject: `user:${u.id}`, actor: actorOf(by), action: 'user.updated', ...diff, at: u.updatedAt });
      return u;
    });
    // After the commit: the next request of this user reads the new state.
    this.status.forget(userId);
    this.logger.log({ msg: 'user changed', center, userId, role: user.role, disabled: user.disabledAt !== null, by: `${by.userId}@${by.center}` });
    return userView(user);
  }

  async setPassword(center: string, userId: string, password: string, by: Principal): Promise<void> {
    const hash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (m) => {
      const r = await m.update(UserEntity, { id: userId, centerCode: center }, { passwordHash: hash, passwordChangedAt: new Date(), updatedAt: new Date() });
      if (!r.affected) throw new NotFoundException(`user ${userId} not found at center ${center}`);
      await this.sessions.revokeAll(m, userId);
      // Never the password or its hash: only that it was set, and by whom.
      await this.audit.record(m, {
        center,
        storyId: null,
        subject: `user:${userId}`,
        actor: actorOf(by),
        action: 'user.password-set',
        before: null,
        after: null,
      });
    });
    this.status.forget(userId);
    this.logger.log({ msg: 'password reset', center, userId, by: `${by.userId}@${by.center}` });
  }

  private assertRoleFits(center: string, role: Role) {
    const level = this.directory.get(center).level;
    if (!ROLE_LEVELS[role].includes(level)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`role: ${role} is not a role at a ${level} center (${center})`],
        fields: ['role'],
      });
    }
  }
}
