/**
 * `npm run extract -- <page.html> --url <url>`: runs the extension's own site adapters (`extractPage`) on a saved
 * page parsed with jsdom at its real URL. Papers go to stdout as JSON Lines (PaperMeta fields), warnings to stderr.
 * The URL is required: the adapters are chosen by URL, and nothing is guessed from the file.
 * Exit codes: 0 done (even with warnings), 2 usage error, missing file or unsupported URL.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { paperMeta } from '../sites/found';
import { extractPage, findAdapter } from '../sites/index';

const USAGE = 'usage: npm run extract -- <page.html> --url <url of the page>';

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { file: string; url: string } {
  let file: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--url') {
      url = argv[++i];
      if (url === undefined) fail('--url needs a value');
    } else if (arg.startsWith('--url=')) url = arg.slice(6);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (file === undefined) fail('no page file given');
  if (url === undefined) fail('--url is required (the adapter is chosen by the page URL)');
  return { file, url };
}

function main(): void {
  const { file, url } = parseArgs(process.argv.slice(2));
  if (!existsSync(file) || !statSync(file).isFile()) fail(`no such file: ${file}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`not a URL: ${url}`);
  }
  if (!findAdapter(parsed)) fail(`no adapter handles ${url} (unsupported page)`);

  const dom = new JSDOM(readFileSync(file, 'utf8'), { url: parsed.href });
  const result = extractPage(dom.window.document, parsed);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  const out = result.papers.map((p) => JSON.stringify(paperMeta(p))).join('\n');
  process.stdout.write(out ? `${out}\n` : '');
  dom.window.close();
}

main();
