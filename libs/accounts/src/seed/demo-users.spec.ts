import { CenterDirectory } from '@syn/network';
import { join } from 'node:path';
import { readSeedFile } from './user-seeder';

describe('deploy/demo/users.json', () => {
  it('is a valid seed file for the demo tree: every center known, every role fits its level', async () => {
    const root = join(__dirname, '../../../..');
    const file = await readSeedFile(join(root, 'deploy/demo/users.json'), CenterDirectory.fromFile(join(root, 'deploy/network/jiangxi.json')));
    expect(file.users.length).toBeGreaterThan(10);
    expect(file.users.filter((u) => u.role === 'admin').map((u) => u.center)).toEqual(expect.arrayContaining(['360000', '360700', '360702']));
  });
});
