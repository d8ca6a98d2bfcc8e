import { AppEnv } from './app-env';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/syn_county',
  NETWORK_FILE: 'deploy/network/jiangxi.json',
  HOSTED_CENTERS: '360702, 360703',
  AUTH_TOKEN_SECRET: 'x'.repeat(32),
  GRPC_SHARED_SECRET: 'y'.repeat(16),
};

describe('validateEnv(AppEnv)', () => {
  it('parses lists and numbers and applies defaults', () => {
    const env = validateEnv(AppEnv, { ...good, HTTP_PORT: '3200' });
    expect(env.HOSTED_CENTERS).toEqual(['360702', '360703']);
    expect(env.HTTP_PORT).toBe(3200);
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names each missing or bad variable', () => {
    let error: InvalidEnvironmentError | undefined;
    try {
      validateEnv(AppEnv, { ...good, DATABASE_URL: undefined, HOSTED_CENTERS: '36070', HTTP_PORT: '70000', AUTH_TOKEN_SECRET: 'short' });
    } catch (e) {
      error = e as InvalidEnvironmentError;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const text = error!.problems.join('\n');
    expect(text).toMatch(/^DATABASE_URL: /m);
    expect(text).toMatch(/^HOSTED_CENTERS: .*six-digit/m);
    expect(text).toMatch(/^HTTP_PORT: /m);
    expect(text).toMatch(/^AUTH_TOKEN_SECRET: .*32/m);
  });
});
