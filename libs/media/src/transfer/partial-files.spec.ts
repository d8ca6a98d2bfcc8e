import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaLibrary } from '../media-library';
import { PartialFiles } from './partial-files';

describe('PartialFiles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'partials-'));
  const library = { scratch, scratchPath: (name: string) => join(scratch, name) } as unknown as MediaLibrary;
  const partials = new PartialFiles(library);
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const files = () => readdirSync(scratch).sort();

  it('removes the partial files of objects at one center, from any neighbour and either direction, and nothing else', async () => {
    for (const p of [
      partials.incoming('360700', '360702', a),
      partials.incoming('360700', '360703', a),
      partials.pulled('360700', '360000', a),
      partials.incoming('360700', '360702', b),
      partials.incoming('360100', '360113', a),
    ])
      writeFileSync(p, 'x');
    writeFileSync(join(scratch, 'upload-1'), 'x');
    await partials.removeFor('360700', [a]);
    expect(files()).toEqual([`in-360100-360113-${a}.part`, `in-360700-360702-${b}.part`, 'upload-1']);
  });

  it('sweeps partial files nothing has appended to for a day, and only those', async () => {
    const old = Date.now() / 1000 - 25 * 3600;
    utimesSync(join(scratch, `in-360100-360113-${a}.part`), old, old);
    utimesSync(join(scratch, 'upload-1'), old, old);
    await partials.sweep();
    expect(files()).toEqual([`in-360700-360702-${b}.part`, 'upload-1']);
  });
});
