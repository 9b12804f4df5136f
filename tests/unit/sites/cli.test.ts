/** `npm run extract` (lib/cli/extract.ts), run as a process the way a user runs it. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entry, FIXTURES, readExpected } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/extract.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run extract', () => {
  it('prints the papers as JSON Lines (PaperMeta fields), nothing on stderr for a clean page', () => {
    const page = entry('arxiv-list-cs-2301-monthly-show3-2024-06-new-markup-reindented.html');
    const r = cli(`${FIXTURES}${page.file}`, '--url', page.url);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(readExpected(page).papers);
    expect(Object.keys(JSON.parse(lines[0] ?? '{}'))).toEqual([
      'id',
      'title',
      'authors',
      'url',
      'pdfUrl',
      'categories',
      'site',
    ]);
  });

  it('prints warnings to stderr with a "warning: " prefix and exits 0', () => {
    const page = entry('truncated-response.html');
    const r = cli(`${FIXTURES}${page.file}`, `--url=${page.url}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'warning: arxiv-list: the page says "total of 93 entries" but has no entries (truncated or changed page?)\n',
    );
  });

  it('exits 2 with a clear message for a missing file, a missing --url or an unsupported URL', () => {
    const page = entry('arxiv-abs-2004.10162-2020-04.html');
    const missing = cli('no/such/page.html', '--url', page.url);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: no such file: no\/such\/page\.html\n/);
    const noUrl = cli(`${FIXTURES}${page.file}`);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/^error: --url is required/);
    const unsupported = cli(`${FIXTURES}${page.file}`, '--url', 'https://arxiv.org/pdf/2004.10162');
    expect(unsupported.code).toBe(2);
    expect(unsupported.stderr).toMatch(/^error: no adapter handles https:\/\/arxiv\.org\/pdf\/2004\.10162/);
    expect(unsupported.stdout).toBe('');
  });
});
