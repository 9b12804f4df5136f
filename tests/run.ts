// `npm test`: builds the extension for Chrome and Firefox, runs every test (Vitest: unit and adapter tests on the
// real pages; Playwright: end to end in Chromium with the built extension), and closes with one line
// `N passed, N failed` counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'tests/.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;
let skipped = 0;

for (const args of [['build'], ['build', '-b', 'firefox']]) {
  if (run('npx', ['wxt', ...args]) !== 0) {
    console.error(`wxt ${args.join(' ')} failed`);
    failed++;
  }
}

const vitestJson = join(results, 'vitest.json');
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that fails to load has no assertion results: count it as a failure, not as nothing.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  console.error('vitest wrote no report');
  failed++;
}
if (vitestStatus !== 0 && failed === 0) failed++;

const pwJson = join(results, 'playwright.json');
const pwStatus = run(
  'npx',
  ['playwright', 'test', '--config', 'tests/playwright.config.ts', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  },
);
if (existsSync(pwJson)) {
  const r = JSON.parse(readFileSync(pwJson, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors: unknown[];
  };
  passed += r.stats.expected;
  failed += r.stats.unexpected + r.stats.flaky + r.errors.length;
  skipped += r.stats.skipped;
} else {
  console.error('playwright wrote no report');
  failed++;
}
if (pwStatus !== 0 && failed === 0) failed++;

// A skipped check is a defect: say so and fail.
if (skipped) console.error(`${skipped} tests were skipped`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || skipped ? 1 : 0);
