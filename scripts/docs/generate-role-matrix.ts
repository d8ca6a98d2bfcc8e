import { renderRoleMatrixMarkdown } from '@syn/auth';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rewrites docs/roles.md from the access matrix: node dist/scripts/docs/generate-role-matrix.js */
const target = join(process.cwd(), 'docs', 'roles.md');
writeFileSync(target, renderRoleMatrixMarkdown());
process.stdout.write(`wrote ${target}\n`);
