export * from './passwords/password-hasher';
export * from './users/user.entity';
export * from './users/user.dto';
export * from './users/users.service';
export * from './users/account-status.service';
export * from './sessions/refresh-token.entity';
export * from './sessions/session.service';
export * from './accounts.module';
