import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_MATRIX } from './access-matrix';
import { AUDITED_ACTIONS } from './audited-actions';

/** Every .ts file under the apps and libs, tests left out: where audit entries are written. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'desk') sources(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

const ROOT = join(__dirname, '../../../..');
const code = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].map((f) => readFileSync(f, 'utf8')).join('\n');

/** `action: 'story.corrected'`, or a template whose fixed part names it (`review.${step}`), or a ternary's branch. */
function written(action: string): boolean {
  if (new RegExp(`action: (?:[^,\\n]*[?:] )?'${action.replace(/[.-]/g, (c) => `\\${c}`)}'`).test(code)) return true;
  const prefix = action.slice(0, action.lastIndexOf('.') + 1);
  return code.includes(`action: \`${prefix}\${`) || code.includes(`?? \`${prefix}\${`);
}

describe('audit completeness: every state-changing endpoint of the access matrix is audited', () => {
  const changing = ACCESS_MATRIX.filter((r) => r.method !== 'GET');

  it('names what every POST/PATCH/PUT/DELETE endpoint writes to the audit log, or why it writes nothing', () => {
    const missing = changing.filter((r) => !AUDITED_ACTIONS[r.action]).map((r) => `${r.action} (${r.method} ${r.path})`);
    expect(missing).toEqual([]);
  });

  it('lists no endpoint that is not in the matrix, or that only reads', () => {
    const known = new Set(changing.map((r) => r.action));
    expect(Object.keys(AUDITED_ACTIONS).filter((a) => !known.has(a))).toEqual([]);
  });

  it('every audit action it names is written somewhere in the code, and every exemption says why', () => {
    const unwritten: string[] = [];
    for (const [endpoint, duty] of Object.entries(AUDITED_ACTIONS)) {
      if ('exempt' in duty) {
        expect(duty.exempt.length).toBeGreaterThan(10);
        continue;
      }
      expect(duty.audit.length).toBeGreaterThan(0);
      for (const a of duty.audit) if (!written(a)) unwritten.push(`${endpoint}: ${a}`);
    }
    expect(unwritten).toEqual([]);
  });

  it('the check itself finds a name no code writes', () => {
    expect(written('story.corrected')).toBe(true);
    expect(written('review.second')).toBe(true);
    expect(written('story.teleported')).toBe(false);
  });
});
