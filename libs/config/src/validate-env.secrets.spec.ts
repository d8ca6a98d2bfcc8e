import { AppEnv } from './app-env';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/syn_county',
  NETWORK_FILE: 'deploy/network/jiangxi.json',
  HOSTED_CENTERS: '360702',
  AUTH_TOKEN_SECRET: 'x'.repeat(32),
  GRPC_SHARED_SECRET: 'y'.repeat(16),
};

function problems(env: Record<string, string | undefined>): string {
  try {
    validateEnv(AppEnv, env);
  } catch (e) {
    if (e instanceof InvalidEnvironmentError) return e.message;
    throw e;
  }
  throw new Error('expected the environment to be refused');
}

describe('validateEnv never repeats a secret', () => {
  it('hides a too-short secret and a URL password, but still names the variable', () => {
    const text = problems({
      ...good,
      AUTH_TOKEN_SECRET: 'hunter2-short',
      GRPC_SHARED_SECRET: 'tiny-grpc',
      DATABASE_URL: 'mysql://app:s3cr3t-pw@db/x',
      NATS_PASSWORD: undefined,
    });
    expect(text).toMatch(/AUTH_TOKEN_SECRET: .*hidden value of 13 characters/);
    expect(text).toMatch(/GRPC_SHARED_SECRET: .*hidden value/);
    expect(text).toMatch(/DATABASE_URL: .*app:\*\*\*@db/);
    for (const secret of ['hunter2-short', 'tiny-grpc', 's3cr3t-pw']) expect(text).not.toContain(secret);
  });

  it('accepts a keys file instead of the shared gRPC secret, and refuses neither', () => {
    expect(validateEnv(AppEnv, { ...good, GRPC_SHARED_SECRET: undefined, GRPC_KEYS_FILE: '/etc/syn/grpc-keys.json' }).GRPC_KEYS_FILE).toBe(
      '/etc/syn/grpc-keys.json',
    );
    expect(problems({ ...good, GRPC_SHARED_SECRET: undefined })).toMatch(/GRPC_SHARED_SECRET: GRPC_SHARED_SECRET or GRPC_KEYS_FILE must be set/);
  });
});
