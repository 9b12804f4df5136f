import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageViews } from '../../../components/PageViews';
import type { Classification, PaperText, TopicClassifier } from '../../../lib/classify/types';
import { PaperSiftDb } from '../../../lib/db/schema';
import { type PageApi, PageController } from '../../../lib/page/controller';
import { ModelCache, PageService } from '../../../lib/service/page';

// The controller on a real page (the generated cs.LG /new listing, 112 entries) in jsdom, talking to the real
// PageService over a fake IndexedDB. The classifier is a transparent stand-in (this is about the page code).
const root = resolve(import.meta.dirname, '../../..');
const html = readFileSync(join(root, 'tests/fixtures/generated/arxiv-cs.LG-new-2026-07-24.html'), 'utf8');
const URL_NEW = 'https://arxiv.org/list/cs.LG/new';

const probe: TopicClassifier = {
  topics: ['gnn', 'rl'],
  classify(p: PaperText): Classification {
    const text = `${p.title} ${p.abstract ?? ''}`;
    const labels = [/graph neural/i.test(text) && 'gnn', /reinforcement learning/i.test(text) && 'rl'].filter(
      (x): x is string => !!x,
    );
    return {
      labels,
      scores: { gnn: labels.includes('gnn') ? 0.9 : 0.1, rl: labels.includes('rl') ? 0.8 : 0.1 },
      evidence: Object.fromEntries(labels.map((l) => [l, [l]])),
    };
  },
};

let dom: JSDOM;
let doc: Document;
let controller: PageController;
let badges: number[];
let warnings: string[];
let original: string;

const until = async (what: () => boolean, ms = 10_000) => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeEach(async () => {
  dom = new JSDOM(html, { url: URL_NEW, pretendToBeVisual: true });
  doc = dom.window.document;
  dom.window.Element.prototype.scrollIntoView = () => undefined;
  // Preact creates nodes through the global document, as in the content script.
  vi.stubGlobal('document', doc);
  const db = new PaperSiftDb('controller-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  const service = new PageService(db, new ModelCache(db, () => probe));
  badges = [];
  warnings = [];
  const api: PageApi = {
    pageSeen: (r) => service.pageSeen(r),
    pageState: (r) => service.pageState(r),
    setSaved: (r) => service.setSaved(r),
    setDismissed: (r) => service.setDismissed(r),
    setMark: (r) => service.setMark(r),
    setFilter: (r) => service.setFilter(r),
    pageDone: () => service.flush(),
    pageViewed: (r) => service.pageViewed(r),
    zoteroSave: async () => ({ error: 'Zotero is not running', kind: 'not-running' as const }),
    setBadge: async (r) => {
      badges.push(r.count);
      return { ok: true };
    },
  };
  original = doc.documentElement.outerHTML;
  controller = new PageController(doc, api, {
    css: ':host{}',
    views: pageViews,
    visitStartedAt: Date.now(),
    warn: (w) => warnings.push(w),
  });
  await controller.start();
});

afterEach(() => {
  controller.stop();
  dom.window.close();
  vi.unstubAllGlobals();
});

const hosts = () => doc.querySelectorAll('papersift-entry').length;

describe('PageController on a real listing', () => {
  it('annotates every entry: id and topics attributes, one tools host each, the bar, the badge count', async () => {
    const dts = [...doc.querySelectorAll('dl#articles > dt, dl > dt')];
    expect(doc.querySelectorAll('[data-papersift-topics]')).toHaveLength(112);
    await until(() => hosts() === 112);
    expect(new Set(dts.map((d) => d.getAttribute('data-papersift-id'))).size).toBe(112);
    const gnn = [...doc.querySelectorAll('[data-papersift-topics~="gnn"]')];
    expect(gnn.length).toBeGreaterThan(0);
    for (const el of gnn) expect(el.getAttribute('data-papersift-match')).toBe('gnn');
    expect(doc.querySelectorAll('papersift-bar')).toHaveLength(1);
    const matching = doc.querySelectorAll('[data-papersift-match]').length;
    expect(badges.at(-1)).toBe(matching);
    expect(warnings).toEqual([]);
  });

  it('picks up entries inserted later, once, without duplicating the others', async () => {
    await until(() => hosts() === 112);
    const dl = doc.querySelector('dl') as Element;
    const dt = doc.createElement('dt');
    dt.innerHTML =
      '<a name="item999">[999]</a> <a href="/abs/2607.99999" title="Abstract" id="2607.99999">arXiv:2607.99999</a>';
    const dd = doc.createElement('dd');
    dd.innerHTML =
      "<div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> Graph neural networks late</div><div class='list-authors'><a href='#'>A. Late</a></div></div>";
    dl.append(dt, dd);
    await until(() => dt.getAttribute('data-papersift-topics') === 'gnn');
    await until(() => hosts() === 113);
    expect(dt.getAttribute('data-papersift-id')).toBe('arxiv:2607.99999');
    // A mutation that adds no entry (as MathJax does) changes nothing.
    doc.querySelector('.list-title')?.append(doc.createElement('span'));
    await new Promise((r) => setTimeout(r, 300));
    expect(hosts()).toBe(113);
  });

  it('an entry whose element now shows another paper (re-rendered in place) carries the new paper', async () => {
    await until(() => hosts() === 112);
    const dt = doc.querySelector('dl > dt') as Element;
    const link = dt.querySelector('a[href^="/abs/"]') as Element;
    link.setAttribute('href', '/abs/2607.99998');
    link.setAttribute('id', '2607.99998');
    link.textContent = 'arXiv:2607.99998';
    const title = dt.nextElementSibling?.querySelector('.list-title') as Element;
    title.innerHTML = '<span class="descriptor">Title:</span> Reinforcement learning in place';
    // The change adds no entry, so nothing rescans until one is added (as a single-page app's next render would).
    const dl = doc.querySelector('dl') as Element;
    const late = doc.createElement('dt');
    late.innerHTML = '<a href="/abs/2607.99999" id="2607.99999">arXiv:2607.99999</a>';
    const lateDd = doc.createElement('dd');
    lateDd.innerHTML = "<div class='meta'><div class='list-title mathjax'>Late</div></div>";
    dl.append(late, lateDd);
    await until(() => dt.getAttribute('data-papersift-topics') === 'rl');
    expect(dt.getAttribute('data-papersift-id')).toBe('arxiv:2607.99998');
    await until(() => hosts() === 113);
  });

  it('j/k move the focus among visible entries; s saves the focused paper and moves on', async () => {
    await until(() => hosts() === 112);
    const press = (key: string) => dom.window.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key }));
    const all = () => doc.querySelectorAll('[data-papersift-id]');
    press('j');
    const first = doc.querySelector('[data-papersift-focus]');
    expect(first).toBe(doc.querySelector('[data-papersift-id]'));
    press('j');
    press('j');
    press('k');
    const focused = doc.querySelector('[data-papersift-focus]');
    expect(focused).toBe(all()[1]);
    press('s');
    await until(() => focused?.getAttribute('data-papersift-saved') === 'true');
    expect(doc.querySelector('[data-papersift-focus]')).toBe(all()[2]);
    // Typing in a field of the page: no action.
    const input = doc.createElement('input');
    doc.body.append(input);
    input.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(doc.querySelector('[data-papersift-focus]')).toBe(all()[2]);
  });

  it('stop() leaves the page as it was', async () => {
    await until(() => hosts() === 112);
    controller.stop();
    expect(doc.querySelectorAll('[data-papersift-id], papersift-entry, papersift-bar')).toHaveLength(0);
    expect(doc.documentElement.outerHTML).toBe(original);
  });
});
