import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a browser loads before the desk's first page shows: the entry script of
 * dist/desk/index.html and every chunk it preloads, gzipped. The budget is 300 KB.
 * Run after `npm run build`: node dist/scripts/desk/initial-js-size.js
 */
const BUDGET_KB = 300;
const root = join(process.cwd(), 'dist', 'desk');
const html = readFileSync(join(root, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/desk\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
let total = 0;
for (const f of files) {
  const kb = gzipSync(readFileSync(join(root, f))).length / 1024;
  total += kb;
  process.stdout.write(`${kb.toFixed(1).padStart(8)} KB  ${f}\n`);
}
process.stdout.write(`${total.toFixed(1).padStart(8)} KB  initial JS, gzipped (budget ${BUDGET_KB} KB)\n`);
if (total > BUDGET_KB) process.exitCode = 1;
