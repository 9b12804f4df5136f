// `npm start` (after the build): opens Chromium with the extension loaded on arXiv's cs.LG /new listing where a
// display exists; without one (a server, CI, this sandbox) it runs the headless demo instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, DIST, OUT, ROOT } from '../e2e/browser';

if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const profile = join(OUT, 'profile');
  mkdirSync(profile, { recursive: true });
  console.log(`Starting Chromium with PaperSift (${DIST}), profile ${profile}`);
  spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-first-run',
      'https://arxiv.org/list/cs.LG/new',
      'https://huggingface.co/papers',
    ],
    { stdio: 'inherit', detached: true },
  ).unref();
} else {
  console.log('No display: running the headless demo (npm run demo).');
  process.exit(spawnSync('npx', ['tsx', join(ROOT, 'tests/demo/demo.ts')], { stdio: 'inherit' }).status ?? 1);
}
