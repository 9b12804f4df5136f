import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  badgeText,
  eachTestInFreshBrowser,
  extensionId,
  fixturePage,
  openAnnotated,
  ROOT,
  scrollThrough,
} from './browser';

// The listing page as a triage tool (issue 4), in Chromium with the built extension, on the real and generated
// pages served at their real URLs. Each test has its own profile.

const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html'); // 112 entries with abstracts
const hfDaily = fixturePage('hf-daily-papers-2024-08-01.html'); // 13 cards
const hf40 = fixturePage('hf-daily-papers-40-ml-entries.html'); // 40 cards, 3 of them also in `listing`

let context: BrowserContext;
let page: Page;
eachTestInFreshBrowser((fresh) => {
  ({ context, page } = fresh);
});

const bar = () => page.locator('papersift-bar');
const entries = () => page.locator('[data-papersift-id]');

/** Entry ids whose root element (and so the arXiv <dd> that follows) is displayed. */
const shownIds = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-papersift-id]')]
      .filter((el) => getComputedStyle(el).display !== 'none')
      .map((el) => el.getAttribute('data-papersift-id')),
  );

const labelsById = (): Promise<Record<string, string[]>> =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-papersift-id]')].map((el) => [
        el.getAttribute('data-papersift-id'),
        (el.getAttribute('data-papersift-topics') ?? '').split(' ').filter(Boolean),
      ]),
    ),
  );

test('highlights matching entries in their topic colour with badges that say why; leaves the others alone', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const gnn = page.locator('[data-papersift-match="gnn"]').first();
  await expect(gnn).toBeVisible();
  const styles = await page.evaluate(() => {
    const match = document.querySelector('[data-papersift-match="gnn"]') as Element;
    const other = document.querySelector('[data-papersift-id]:not([data-papersift-match])') as Element;
    const s = (el: Element | null) => (el ? getComputedStyle(el).boxShadow : 'missing');
    return {
      dt: s(match),
      dd: s(match.nextElementSibling),
      other: s(other),
      otherDd: s(other.nextElementSibling),
    };
  });
  expect(styles.dt).toContain('rgb(37, 99, 235)');
  expect(styles.dd).toContain('rgb(37, 99, 235)');
  expect([styles.other, styles.otherDd]).toEqual(['none', 'none']);
  const badge = gnn.locator('papersift-entry').locator('[data-topic="gnn"]');
  await expect(badge).toHaveText('GNN');
  expect(await badge.getAttribute('title')).toMatch(/^Graph neural networks · \d+% · why: \S/);
});

test('the filter bar counts topics, filters by only / dim / saved / text, and keeps its choice per site', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const labels = await labelsById();
  const count = (t: string) => Object.values(labels).filter((l) => l.includes(t)).length;
  for (const t of ['gnn', 'rl', 'hypernetworks', 'recommendation']) {
    await expect(bar().locator(`button[data-topic="${t}"]`)).toContainText(` ${count(t)}`);
  }
  expect(count('rl')).toBeGreaterThan(0);

  await bar().locator('button[data-mode="only"]').click();
  await bar().locator('button[data-topic="rl"]').click();
  await expect.poll(async () => (await shownIds()).length).toBe(count('rl'));
  for (const id of await shownIds()) expect(labels[id as string]).toContain('rl');
  // The <dd> of a hidden arXiv entry is hidden with it.
  const hiddenDd = await page.evaluate(() => {
    const dt = document.querySelector('[data-papersift-view="hide"]');
    return dt?.nextElementSibling ? getComputedStyle(dt.nextElementSibling).display : 'missing';
  });
  expect(hiddenDd).toBe('none');

  await bar().locator('button[data-mode="dim"]').click();
  await expect.poll(async () => (await shownIds()).length).toBe(listing.entries);
  const faded = await page.evaluate(() => {
    const el = document.querySelector('[data-papersift-view="dim"]');
    return el ? getComputedStyle(el).opacity : 'missing';
  });
  expect(faded).toBe('0.35');

  // Text: every word, in title, authors or abstract.
  await bar().locator('button[data-mode="all"]').click();
  await bar().locator('input[type="search"]').fill('graph neural');
  const withText = await page.evaluate(
    () =>
      [...document.querySelectorAll('[data-papersift-id]')].filter((el) => {
        const t = `${el.textContent} ${el.nextElementSibling?.textContent}`.toLowerCase();
        return t.includes('graph') && t.includes('neural');
      }).length,
  );
  await expect.poll(async () => (await shownIds()).length).toBe(withText);

  // Saved papers can be hidden.
  await bar().locator('input[type="search"]').fill('');
  const first = entries().first();
  await first.locator('papersift-entry').locator('button[data-action="save"]').click();
  await expect(first).toHaveAttribute('data-papersift-saved', 'true');
  await bar().getByLabel('hide saved').check();
  await expect(first).toBeHidden();

  // The choice (not the typed text) is kept for the site, and only for it.
  await bar().locator('button[data-mode="only"]').click();
  await page.waitForTimeout(600);
  await openAnnotated(page, listing.url, listing.entries);
  await expect(bar().locator('button[data-mode="only"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(bar().locator('button[data-topic="rl"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(bar().getByLabel('hide saved')).toBeChecked();
  await expect(bar().locator('input[type="search"]')).toHaveValue('');
  await openAnnotated(page, hfDaily.url, hfDaily.entries);
  await expect(bar().locator('button[data-mode="all"]')).toHaveAttribute('aria-pressed', 'true');
});

test('an anchor into a hidden entry (#item5) shows that entry; nothing is moved or removed', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const before = await page.evaluate(() => document.querySelectorAll('dt, dd').length);
  await bar().locator('button[data-mode="only"]').click();
  await bar().locator('button[data-topic="hypernetworks"]').click();
  const target = page.locator('dt:has(a[name="item5"])');
  const id = await target.getAttribute('data-papersift-id');
  const labels = await labelsById();
  expect(labels[id as string]).not.toContain('hypernetworks');
  await expect(target).toBeHidden();
  await page.evaluate(() => {
    location.hash = 'item5';
  });
  await expect(target).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll('dt, dd').length)).toBe(before);
});

test('keyboard: j/k move among visible entries, s saves, x dismisses, o opens the PDF, / filters, ? helps', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const focused = page.locator('[data-papersift-focus]');
  await page.keyboard.press('j');
  await expect(focused).toHaveCount(1);
  const ids = await entries().evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id')));
  await expect(focused).toHaveAttribute('data-papersift-id', ids[0] as string);
  for (let i = 0; i < 6; i++) await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(focused).toHaveAttribute('data-papersift-id', ids[5] as string);
  await expect(focused).toBeInViewport();
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  await page.keyboard.press('s');
  await expect(page.locator(`[data-papersift-id="${ids[5]}"]`)).toHaveAttribute(
    'data-papersift-saved',
    'true',
  );
  // The flow moves on: the next entry is focused; k comes back.
  await expect(focused).toHaveAttribute('data-papersift-id', ids[6] as string);
  await page.keyboard.press('k');
  await expect(focused).toHaveAttribute('data-papersift-id', ids[5] as string);

  const pdfUrl = `https://arxiv.org/pdf/${(ids[5] as string).slice('arxiv:'.length)}`;
  const pdf = context.waitForEvent('request', (r) => r.url() === pdfUrl);
  const tab = context.waitForEvent('page');
  await page.keyboard.press('o');
  await pdf;
  await (await tab).close();
  await page.bringToFront();

  await page.keyboard.press('x');
  const dismissed = page.locator(`[data-papersift-id="${ids[5]}"]`);
  await expect(dismissed).toHaveAttribute('data-papersift-dismissed', 'true');
  await expect(dismissed).toBeHidden(); // "hide dismissed" is on by default
  await expect(focused).toHaveAttribute('data-papersift-id', ids[6] as string);
  // k and j now skip the hidden entry.
  await page.keyboard.press('k');
  await expect(focused).toHaveAttribute('data-papersift-id', ids[4] as string);
  await page.keyboard.press('j');
  await expect(focused).toHaveAttribute('data-papersift-id', ids[6] as string);

  await page.keyboard.press('?');
  await expect(bar().getByRole('dialog', { name: 'PaperSift keys' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(bar().getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('/');
  await page.keyboard.type('jsx');
  await expect(bar().locator('input[type="search"]')).toHaveValue('jsx');
  // Typing j, s and x in the field moved, saved and dismissed nothing.
  await expect(focused).toHaveAttribute('data-papersift-id', ids[6] as string);
  await expect(page.locator('[data-papersift-saved]')).toHaveCount(1);

  // Nor in a field of the page itself.
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'page-field';
    document.body.prepend(input);
  });
  await page.locator('#page-field').focus();
  await page.keyboard.type('jjs');
  await expect(page.locator('#page-field')).toHaveValue('jjs');
  await expect(focused).toHaveAttribute('data-papersift-id', ids[6] as string);
});

test('the toolbar badge shows the number of matching entries in the tab', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const matching = await page.locator('[data-papersift-match]').count();
  expect(matching).toBeGreaterThan(0);
  await expect.poll(() => badgeText(context)).toBe(String(matching));
});

test('papers read on an earlier visit, on either site, are marked; "new only" hides them', async () => {
  const idsOf = (p: typeof listing) =>
    (
      JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', p.expected as string), 'utf8')) as {
        papers: { id: string }[];
      }
    ).papers.map((x) => x.id);
  const onHf = new Set(idsOf(hf40));
  const shared = idsOf(listing).filter((id) => onHf.has(id));
  expect(shared).toHaveLength(3);
  await openAnnotated(page, listing.url, listing.entries);
  await expect(page.locator('[data-papersift-seen]')).toHaveCount(0);
  // The three papers also on the Hugging Face page are read on the listing: each on screen for a while.
  for (const id of shared) {
    await page
      .locator(`[data-papersift-id="${id}"]`)
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(1500);
  }
  await openAnnotated(page, hf40.url, hf40.entries);
  const seen = await page
    .locator('[data-papersift-seen]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-papersift-id')));
  expect(seen.sort()).toEqual([...shared].sort());
  await expect(page.locator('[data-papersift-seen]').first().locator('papersift-entry')).toContainText(
    'seen',
  );
  await bar()
    .getByLabel(/new only/)
    .check();
  await expect.poll(async () => (await shownIds()).length).toBe(hf40.entries - 3);
});

test('dynamic pages: single-page navigation and late cards are annotated without reload; leaving cleans up', async () => {
  await openAnnotated(page, hfDaily.url, hfDaily.entries);
  // What Hugging Face's app does when the user picks another day: new URL, other cards, same document.
  await page.evaluate(async (url) => {
    const html = await (await fetch(url)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    const cards = [...document.querySelectorAll('article')];
    const parent = cards[0]?.parentElement as Element;
    history.pushState({}, '', '/papers?date=2026-07-24');
    for (const c of cards) c.remove();
    for (const a of next.querySelectorAll('article')) parent.append(document.importNode(a, true));
  }, hf40.url);
  await expect(page.locator('article[data-papersift-topics]')).toHaveCount(hf40.entries, { timeout: 15_000 });
  await scrollThrough(page);
  await expect(page.locator('article papersift-entry')).toHaveCount(hf40.entries, { timeout: 15_000 });
  expect(await page.locator('papersift-bar').count()).toBe(1);
  await expect(bar().getByTestId('summary')).toContainText(`of ${hf40.entries} match`);

  // A card rendered later (infinite scroll, lazy list) is picked up once.
  await page.evaluate(() => {
    const card = document.querySelector('article') as Element;
    const copy = card.cloneNode(true) as Element;
    for (const el of [copy, ...copy.querySelectorAll('*')]) {
      for (const a of [...el.attributes]) if (a.name.startsWith('data-papersift')) el.removeAttribute(a.name);
    }
    copy.querySelector('papersift-entry')?.remove();
    for (const a of copy.querySelectorAll('a[href^="/papers/"]'))
      a.setAttribute('href', '/papers/2607.00042');
    card.parentElement?.append(copy);
  });
  await expect(page.locator('article[data-papersift-id="arxiv:2607.00042"]')).toHaveAttribute(
    'data-papersift-topics',
    /.*/,
    { timeout: 15_000 },
  );
  await scrollThrough(page);
  await expect(page.locator('article[data-papersift-id="arxiv:2607.00042"] papersift-entry')).toHaveCount(1, {
    timeout: 15_000,
  });
  await expect(page.locator('papersift-entry')).toHaveCount(hf40.entries + 1);

  // Leaving the papers pages inside the app: our bar and tools go, the badge is cleared.
  await page.evaluate(() => {
    history.pushState({}, '', '/models');
    for (const c of document.querySelectorAll('article')) c.remove();
    document.body.append(document.createElement('main'));
  });
  await expect(page.locator('papersift-bar')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('papersift-entry, [data-papersift-id]')).toHaveCount(0);
  await expect.poll(() => badgeText(context)).toBe('');
});

test('late entries on arXiv are annotated once; MathJax-like rewrites of titles change nothing', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  await page.evaluate(() => {
    const dt = document.querySelector('dt') as Element;
    const dd = dt.nextElementSibling as Element;
    const dt2 = dt.cloneNode(true) as Element;
    const dd2 = dd.cloneNode(true) as Element;
    for (const a of [...dt2.attributes]) if (a.name.startsWith('data-papersift')) dt2.removeAttribute(a.name);
    dt2.querySelector('papersift-entry')?.remove();
    for (const a of dt2.querySelectorAll('a[href*="/abs/"]')) a.setAttribute('href', '/abs/2607.99999');
    dt.parentElement?.append(dt2, dd2);
    // A rewrite inside titles, as MathJax does.
    for (const t of [...document.querySelectorAll('.list-title')].slice(0, 20))
      t.append(document.createElement('span'));
  });
  await expect(page.locator('[data-papersift-id="arxiv:2607.99999"]')).toHaveAttribute(
    'data-papersift-topics',
    /.*/,
    {
      timeout: 15_000,
    },
  );
  await scrollThrough(page);
  await expect(page.locator('[data-papersift-id="arxiv:2607.99999"] papersift-entry')).toHaveCount(1, {
    timeout: 15_000,
  });
  await page.waitForTimeout(500);
  await expect(page.locator('papersift-entry')).toHaveCount(listing.entries + 1);
});

test('marks: "relevant for…" is stored, shown, kept after a reload, and decides the paper\'s label', async () => {
  await openAnnotated(page, listing.url, listing.entries);
  const id = await page
    .locator('[data-papersift-id]:not([data-papersift-topics~="recommendation"])')
    .first()
    .getAttribute('data-papersift-id');
  const entry = page.locator(`[data-papersift-id="${id}"]`);
  const tools = entry.locator('papersift-entry');
  await tools.locator('button[data-action="menu"]').click();
  const yes = tools.locator('[data-mark-topic="recommendation"] button', { hasText: 'yes' });
  await yes.click();
  await expect(yes).toHaveAttribute('aria-checked', 'true');
  // The user's mark decides this paper's label for that topic.
  await expect(entry).toHaveAttribute('data-papersift-topics', /(^| )recommendation( |$)/);
  await openAnnotated(page, listing.url, listing.entries);
  await expect(entry).toHaveAttribute('data-papersift-topics', /(^| )recommendation( |$)/);
  await tools.locator('button[data-action="menu"]').click();
  await expect(
    tools.locator('[data-mark-topic="recommendation"] button', { hasText: 'yes' }),
  ).toHaveAttribute('aria-checked', 'true');
});

test('topic colours and switches set on the options page apply on the next listing', async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${await extensionId(context)}/options.html`);
  await options.getByLabel('Graph neural networks colour').fill('#ff0000');
  await options.getByLabel('Reinforcement learning on').uncheck();
  await expect(options.getByLabel('Reinforcement learning on')).not.toBeChecked();
  await openAnnotated(page, listing.url, listing.entries);
  const gnn = page.locator('[data-papersift-match="gnn"]').first();
  expect(await gnn.evaluate((el) => getComputedStyle(el).boxShadow)).toContain('rgb(255, 0, 0)');
  expect(
    await gnn
      .locator('papersift-entry')
      .locator('[data-topic="gnn"]')
      .evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe('rgb(255, 0, 0)');
  // RL is off: no chip, no badge, no highlight.
  await expect(bar().locator('button[data-topic="rl"]')).toHaveCount(0);
  await expect(page.locator('papersift-entry [data-topic="rl"]')).toHaveCount(0);
  await expect(page.locator('[data-papersift-match="rl"]')).toHaveCount(0);
});

test('rows a Scholar profile adds later ("Show more") are annotated like the first ones', async () => {
  const profile20 = fixturePage('scholar-citations-profile-2026-02-amIMrIEAAAAJ-20-rows.html');
  const more = fixturePage('scholar-citations-profile-2026-02-P1RwlvoAAAAJ-5-rows.html');
  await openAnnotated(page, profile20.url, profile20.entries);
  // What "Show more" does: real rows (here another real profile's) appended to the table by script.
  const html = readFileSync(join(ROOT, 'tests/fixtures', more.file), 'utf8');
  await page.evaluate((source) => {
    const rows = new DOMParser().parseFromString(source, 'text/html').querySelectorAll('tr.gsc_a_tr');
    const body = document.querySelector('tr.gsc_a_tr')?.parentElement;
    for (const r of rows) body?.append(document.importNode(r, true));
  }, html);
  await expect(page.locator('tr.gsc_a_tr[data-papersift-topics]')).toHaveCount(
    profile20.entries + more.entries,
  );
  await scrollThrough(page);
  await expect(page.locator('tr.gsc_a_tr papersift-entry')).toHaveCount(profile20.entries + more.entries);
});
