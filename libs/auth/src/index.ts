export * from './roles';
export * from './principal';
export * from './desk-token.service';
export * from './auth.decorators';
export * from './desk-auth.guard';
export * from './auth.module';
