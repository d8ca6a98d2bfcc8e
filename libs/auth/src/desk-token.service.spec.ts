import { UnauthorizedException } from '@nestjs/common';
import type { AppEnv } from '@syn/config';
import { DeskTokenService } from './desk-token.service';

const service = (secret: string) => new DeskTokenService({ AUTH_TOKEN_SECRET: secret } as AppEnv);
const principal = { userId: 'u-liu', name: '刘敏', role: 'editor' as const, center: '360702' };

describe('DeskTokenService', () => {
  const tokens = service('a'.repeat(40));

  it('verifies what it signed', () => {
    expect(tokens.verify(tokens.sign(principal))).toMatchObject(principal);
  });

  it('refuses a token signed with another secret, a tampered one and an expired one', () => {
    expect(() => service('b'.repeat(40)).verify(tokens.sign(principal))).toThrow(UnauthorizedException);
    const [h, , s] = tokens.sign(principal).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', name: 'x', role: 'admin', center: '360702', iss: 'syndication' })).toString('base64url');
    expect(() => tokens.verify(`${h}.${forged}.${s}`)).toThrow(/invalid signature/);
    expect(() => tokens.verify(tokens.sign(principal, -10))).toThrow(/expired/);
  });

  it('remembers a verified token only until it expires, and hands out copies', () => {
    const t = service('c'.repeat(40));
    const token = t.sign(principal, 60);
    const first = t.verify(token);
    first.role = 'admin';
    expect(t.verify(token).role).toBe('editor');
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect(() => t.verify(token)).toThrow(/expired/);
    } finally {
      clock.mockRestore();
    }
  });

  it('still refuses a tampered copy of a token it has verified', () => {
    const token = tokens.sign(principal);
    tokens.verify(token);
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u-liu', name: '刘敏', role: 'admin', center: '360702', iss: 'syndication' })).toString('base64url');
    expect(() => tokens.verify(`${h}.${forged}.${s}`)).toThrow(/invalid signature/);
  });
});
