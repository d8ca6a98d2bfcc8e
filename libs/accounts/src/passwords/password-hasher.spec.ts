import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores a salted scrypt hash that verifies only the right password', async () => {
    const a = await hasher.hash('章贡区-desk-2025');
    const b = await hasher.hash('章贡区-desk-2025');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('章贡区-desk-2025');
    await expect(hasher.verify('章贡区-desk-2025', a)).resolves.toBe(true);
    await expect(hasher.verify('章贡区-desk-2024', a)).resolves.toBe(false);
    await expect(hasher.verify('章贡区-desk-2025', 'plain$text')).resolves.toBe(false);
  });

  it('an unknown user costs a real check and never passes', async () => {
    const t = Date.now();
    await expect(hasher.verifyDecoy('anything')).resolves.toBe(false);
    expect(Date.now() - t).toBeGreaterThan(10);
  });
});
