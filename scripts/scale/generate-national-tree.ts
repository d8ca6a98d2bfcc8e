import { writeFileSync } from 'node:fs';
import { nationalTree } from './national-tree';

/**
 * Writes the national tree as a network file (docs/scale.md):
 *   node dist/scripts/scale/generate-national-tree.js deploy/network/national.json
 */
const out = process.argv[2] ?? 'deploy/network/national.json';
const centers = nationalTree();
// One center a line, as prettier leaves short objects: the file diffs well when the tree changes.
writeFileSync(out, `{\n  "centers": [\n${centers.map((c) => `    ${JSON.stringify(c).replace(/":/g, '": ').replace(/,"/g, ', "')}`).join(',\n')}\n  ]\n}\n`);
const count = (level: string) => centers.filter((c) => c.level === level).length;
process.stdout.write(`wrote ${out}: ${count('province')} provinces, ${count('city')} cities, ${count('county')} counties\n`);
