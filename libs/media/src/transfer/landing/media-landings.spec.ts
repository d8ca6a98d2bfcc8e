import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaLandings } from './media-landings';

describe('MediaLandings', () => {
  const landings = new MediaLandings();
  const dir = mkdtempSync(join(tmpdir(), 'landing-'));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  afterAll(async () => {
    await landings.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends pieces of every size in order and hashes the whole file, the bytes it found there included', async () => {
    const before = randomBytes(300_000);
    const after = randomBytes(9 * 1024 * 1024 + 17);
    const path = join(dir, 'resumed.part');
    writeFileSync(path, before);
    const landing = await landings.land(path);
    expect(landing.startSize).toBe(before.length);
    // Socket-sized pieces, one larger than the ring, and empty ones.
    for (let off = 0, turn = 0; off < after.length; turn++) {
      const n = [65_536, 0, 1, 5 * 1024 * 1024, 12_345][turn % 5]!;
      await landing.write(Buffer.from(after.subarray(off, off + n)));
      off += n;
    }
    const landed = await landing.close({ sync: true });
    const whole = Buffer.concat([before, after]);
    expect(landed).toEqual({ size: whole.length, sha256: sha(whole) });
    expect(readFileSync(path).equals(whole)).toBe(true);
  });

  it('serves several files at once, each with its own hash', async () => {
    const datas = [randomBytes(2_000_000), randomBytes(3_000_000)];
    const ls = await Promise.all(datas.map((_, i) => landings.land(join(dir, `parallel-${i}.part`))));
    for (let off = 0; off < 3_000_000; off += 100_000) for (const [i, l] of ls.entries()) await l.write(datas[i]!.subarray(off, off + 100_000));
    const landed = await Promise.all(ls.map((l) => l.close({ sync: false })));
    expect(landed.map((l) => l.sha256)).toEqual(datas.map(sha));
  });

  it('fails a file it cannot open, naming why, and goes on serving the others', async () => {
    await expect(landings.land(join(dir, 'no-such-folder', 'x.part'))).rejects.toThrow(/ENOENT/);
    const ok = await landings.land(join(dir, 'after-failure.part'));
    await ok.write(Buffer.from('赣州'));
    expect((await ok.close({ sync: false })).size).toBe(Buffer.byteLength('赣州'));
  });
});
