import { Global, Module } from '@nestjs/common';
import { ACCOUNT_STATUS } from '@syn/auth';
import { PersistencePart } from '@syn/persistence';
import { Accounts1764100600000 } from './migrations/1764100600000-accounts';
import { PasswordHasher } from './passwords/password-hasher';
import { UserSeeder } from './seed/user-seeder';
import { RefreshTokenEntity } from './sessions/refresh-token.entity';
import { SessionController } from './sessions/session.controller';
import { SessionService } from './sessions/session.service';
import { AccountStatusService } from './users/account-status.service';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export const accountsPersistence: PersistencePart = {
  entities: [UserEntity, RefreshTokenEntity],
  migrations: [Accounts1764100600000],
};

/** Desk accounts of the centers this app hosts: login, refresh, and admin management of users. */
@Global()
@Module({
  controllers: [SessionController, UsersController],
  providers: [
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
    AccountStatusService,
    { provide: ACCOUNT_STATUS, useExisting: AccountStatusService },
    SessionService,
    UsersService,
    UserSeeder,
  ],
  exports: [ACCOUNT_STATUS, AccountStatusService, UsersService, SessionService],
})
export class AccountsModule {}
