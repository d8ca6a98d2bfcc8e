import { DeskTokenService, ROLES, Role } from '@syn/auth';
import { AppEnv } from '@syn/config';

/** Prints a desk token: node dist/scripts/demo/issue-token.js <center> <role> [user] [name] */
const [center, role, user, name] = process.argv.slice(2);
if (!/^\d{6}$/.test(center ?? '') || !ROLES.includes(role as Role)) {
  process.stderr.write(`usage: issue-token <center code> <${ROLES.join('|')}> [user id] [display name]\n`);
  process.exit(2);
}
const secret = process.env.AUTH_TOKEN_SECRET;
if (!secret || secret.length < 32) {
  process.stderr.write('AUTH_TOKEN_SECRET (32+ characters) must be set to the secret the apps use\n');
  process.exit(2);
}
const tokens = new DeskTokenService({ AUTH_TOKEN_SECRET: secret } as AppEnv);
process.stdout.write(tokens.sign({ userId: user ?? `${role}@${center}`, name: name ?? `${role}@${center}`, role: role as Role, center }) + '\n');
