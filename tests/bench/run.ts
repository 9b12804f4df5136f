// `npm run bench`: builds the extension, then runs every benchmark (tests/bench/*.bench.ts) in turn and prints
// their figures. Speed targets live here, as numbers, not in the tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const only = process.argv.slice(2);
if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' }).status !== 0) {
  console.error('wxt build failed');
  process.exit(1);
}
let failed = 0;
for (const file of readdirSync(join(root, 'tests/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  console.log(`\n### ${file}`);
  const r = spawnSync('npx', ['tsx', join('tests/bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
