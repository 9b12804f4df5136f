import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_MATCHES } from '../../lib/sites/registry';
import { DIST, FIREFOX_DIST } from './browser';

// These read the builds that `npm test` makes first (`wxt build`, `wxt build -b firefox`): they belong with the
// end-to-end tier, which needs the builds anyway; the unit tier runs without one.
const root = resolve(import.meta.dirname, '../..');
const chromeDir = DIST;
const firefoxDir = FIREFOX_DIST;

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
}

const readManifest = (dir: string): Manifest => {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build first (npm run build, npm run build:firefox)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
};

/**
 * The one host outside the supported sites: the Zotero desktop app's connector server on this machine, which the
 * background calls to send papers to Zotero (lib/zotero). Exactly its port on 127.0.0.1; no content script there.
 */
const ZOTERO = 'http://127.0.0.1:23119/*';

test.describe('built manifests', () => {
  for (const [name, dir] of [
    ['chrome', chromeDir],
    ['firefox', firefoxDir],
  ] as const)
    test(`${name}: host access only to the supported sites and Zotero on this machine`, () => {
      const m = readManifest(dir);
      const hosts = [
        ...(m.host_permissions ?? []),
        ...(m.permissions ?? []).filter((p) => p.includes('://')),
      ];
      const scripts = (m.content_scripts ?? []).flatMap((c) => c.matches);
      expect(hosts.filter((p) => p === ZOTERO)).toEqual([ZOTERO]);
      const patterns = [...hosts.filter((p) => p !== ZOTERO), ...scripts];
      expect(patterns.length).toBeGreaterThan(0);
      // Host access is exactly the sites' paper pages, as the site modules declare them (lib/sites/registry.ts).
      for (const p of patterns) expect(CONTENT_MATCHES).toContain(p);
      expect(scripts.sort()).toEqual([...CONTENT_MATCHES].sort());
    });

  test('the Firefox build passes web-ext lint with 0 errors', () => {
    readManifest(firefoxDir);
    const run = spawnSync(
      'npx',
      ['web-ext', 'lint', '--source-dir', firefoxDir, '--output', 'json', '--no-config-discovery'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    const start = run.stdout.indexOf('{');
    expect(start, run.stderr || run.stdout).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(run.stdout.slice(start)) as {
      summary: { errors: number; warnings: number };
      errors: { code: string; message: string; file?: string }[];
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message} (${e.file ?? ''})`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
