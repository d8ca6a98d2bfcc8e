import { PassThrough } from 'node:stream';
import { JsonLogger } from './json-logger';
import { redact } from './redact';

describe('redact', () => {
  it('masks secret-named fields, URL passwords and bearer tokens, and leaves the rest', () => {
    expect(
      redact({
        msg: 'connect to postgres://syn:pg-s3cret@db:5432/county failed',
        password: 'hunter2-hunter2',
        nested: { refreshToken: 'abc.def', center: '360702' },
        header: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
        count: 3,
      }),
    ).toEqual({
      msg: 'connect to postgres://syn:***@db:5432/county failed',
      password: '***',
      nested: { refreshToken: '***', center: '360702' },
      header: 'Bearer ***',
      count: 3,
    });
  });

  it('is applied by JsonLogger to every line', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    new JsonLogger('county', 'info', out).log({ msg: 'nats://app:nats-pw@127.0.0.1:4222 lost', NATS_PASSWORD: 'nats-pw' });
    expect(text).not.toContain('nats-pw');
    expect(JSON.parse(text)).toMatchObject({ msg: 'nats://app:***@127.0.0.1:4222 lost', NATS_PASSWORD: '***', service: 'county' });
  });
});
