import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type Role, ROLE_LEVELS, ROLES } from '@syn/auth';
import { AppEnv } from '@syn/config';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { validateObject } from '@syn/story';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PasswordHasher } from '../passwords/password-hasher';
import { USERNAME } from '../users/user.dto';

export class SeedUser {
  @Matches(/^\d{6}$/) center!: string;
  @Matches(USERNAME) username!: string;
  @IsString() @MinLength(1) @MaxLength(50) displayName!: string;
  @IsIn(ROLES) role!: Role;
  @IsString() @MinLength(10) @MaxLength(128) password!: string;
}

export class SeedFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => SeedUser) users!: SeedUser[];
}

/** Reads and checks a seed file: shape, known centers, roles that fit each center's level. */
export async function readSeedFile(path: string, directory: CenterDirectory): Promise<SeedFile> {
  const file = await validateObject(SeedFile, JSON.parse(readFileSync(path, 'utf8')));
  for (const u of file.users) {
    const level = directory.get(u.center).level;
    if (!ROLE_LEVELS[u.role].includes(level)) throw new Error(`${path}: ${u.username}@${u.center} cannot be ${u.role} at a ${level} center`);
  }
  return file;
}

/**
 * First-boot accounts from SEED_USERS_FILE (the demo's deploy/demo/users.json): for the centers
 * this process hosts, a user is created only if its username is free, so a restart or a changed
 * password is never overwritten.
 */
@Injectable()
export class UserSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('UserSeeder');

  constructor(
    private readonly env: AppEnv,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly hosted: HostedCenters,
    private readonly directory: CenterDirectory,
  ) {}

  async onApplicationBootstrap() {
    if (!this.env.SEED_USERS_FILE) return;
    const file = await readSeedFile(this.env.SEED_USERS_FILE, this.directory);
    let created = 0;
    for (const u of file.users.filter((x) => this.hosted.has(x.center))) {
      const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE center_code = $1 AND username = $2`, [u.center, u.username]);
      if (exists.length) continue;
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO users (id, center_code, username, display_name, role, password_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'seed') ON CONFLICT (center_code, username) DO NOTHING RETURNING id`,
        [uuidv7(), u.center, u.username, u.displayName, u.role, await this.hasher.hash(u.password)],
      );
      created += rows.length;
    }
    this.logger.log({ msg: 'seed users checked', file: this.env.SEED_USERS_FILE, created });
  }
}
