/**
 * The rooms of the tree and what each may import (README, "Architecture"), checked by reading the imports, as
 * WXT and refined-github check their own conventions. Type-only imports are erased at build time and allowed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  /** As written. */
  spec: string;
  /** Project-relative path of a local module, else undefined (a package). */
  local: string | undefined;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(ROOT, f)).isFile());
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(ROOT, dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return relative(ROOT, c);
  }
  return relative(ROOT, base);
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[4] ?? m[5] ?? m[6]) as string;
    const clause = m[3] ?? '';
    // `import { type A, type B } from` is erased as well as `import type … from`.
    const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    const allTypes = !!named
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => s.startsWith('type '));
    out.push({ spec, local: resolveLocal(file, spec), typeOnly: !!m[2] || allTypes });
  }
  return out;
}

const valueImports = (file: string) => importsOf(file).filter((i) => !i.typeOnly);
const inRoom = (path: string | undefined, room: string) =>
  !!path && (path === room || path.startsWith(`${room}/`));

describe('architecture', () => {
  it('lib/ is the core: no extension API, no components, no entrypoints', () => {
    const bad: string[] = [];
    for (const f of sources('lib')) {
      for (const i of valueImports(f)) {
        const ext = /^(wxt|webextension-polyfill|@wxt-dev\/)/.test(i.spec);
        // The protocol's one binding to runtime messaging is used by entrypoints only (lib/messaging/index.ts).
        const messaging = i.spec === '@webext-core/messaging' && f !== 'lib/messaging/index.ts';
        if (ext || messaging || inRoom(i.local, 'components') || inRoom(i.local, 'entrypoints'))
          bad.push(`${f} imports ${i.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only lib/db opens Dexie', () => {
    const bad = [...sources('lib'), ...sources('components'), ...sources('entrypoints')].flatMap((f) =>
      valueImports(f)
        .filter((i) => i.spec === 'dexie' && !inRoom(f, 'lib/db'))
        .map((i) => `${f} imports ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('every transaction works through tables bound to it (lib/db/bound.ts): its scope takes the transaction', () => {
    // A scope that reaches tables through the database object runs outside its transaction once Dexie loses track
    // of it across awaits (two transactions interleaving).
    const bad = sources('lib/db').flatMap((f) =>
      [...readFileSync(join(ROOT, f), 'utf8').matchAll(/\.transaction\(([^;]*?)=>/g)]
        .filter((m) => !/\(tx\)\s*$/.test(m[1] ?? ''))
        .map((m) => `${f}: .transaction(${(m[1] ?? '').slice(0, 60)}…`),
    );
    expect(bad).toEqual([]);
  });

  it('site modules are pure: they import only lib/sites, lib/ids and lib/paper', () => {
    const bad = sources('lib/sites').flatMap((f) =>
      importsOf(f)
        .filter(
          (i) => !(inRoom(i.local, 'lib/sites') || i.local === 'lib/ids.ts' || i.local === 'lib/paper.ts'),
        )
        .map((i) => `${f} imports ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('the topic model stands alone: lib/classify imports only itself', () => {
    const bad = sources('lib/classify').flatMap((f) =>
      valueImports(f)
        .filter((i) => !inRoom(i.local, 'lib/classify'))
        .map((i) => `${f} imports ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('components are presentational: no database, no background, no messaging', () => {
    const bad = sources('components').flatMap((f) =>
      valueImports(f)
        .filter((i) => ['lib/db', 'lib/service', 'lib/messaging/index.ts'].some((r) => inRoom(i.local, r)))
        .map((i) => `${f} imports ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('the content script never reaches Dexie or lib/db (IndexedDB there is the site’s)', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of valueImports(file)) {
        if (i.local) {
          if (/\.tsx?$/.test(i.local)) walk(i.local);
        } else packages.add(i.spec);
      }
    };
    walk('entrypoints/content.ts');
    expect(seen.size).toBeGreaterThan(10);
    expect([...seen].filter((f) => inRoom(f, 'lib/db') || inRoom(f, 'lib/service'))).toEqual([]);
    expect([...packages].filter((p) => p === 'dexie')).toEqual([]);
  });
});
