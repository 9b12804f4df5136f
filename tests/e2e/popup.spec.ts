import { expect, type Page, test } from '@playwright/test';
import { openPopup, profilePerTest } from './library-data';

// The popup as a user meets it: at the widths a toolbar popup gets, notes kept however it closes, and the reading
// lists managed from it (rename, delete with undo, reorder by keyboard and by drag).

const profiles = profilePerTest();

/**
 * What sticks out sideways: the document wider than the viewport, or a control whose box is not wholly inside it
 * (cut off, or only reachable by scrolling a row sideways).
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = innerWidth;
    const bad: string[] = [];
    const sw = document.documentElement.scrollWidth;
    if (sw > w) bad.push(`the document is ${sw} px wide in ${w} px`);
    for (const el of document.querySelectorAll<HTMLElement>(
      'a, button, input, select, textarea, [role="tab"]',
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.right > w + 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        bad.push(
          `${el.tagName.toLowerCase()} "${name}" spans ${Math.round(r.left)}–${Math.round(r.right)} px`,
        );
      }
    }
    return bad;
  });
}

test('the popup fits 360, 400 and 600 px wide: nothing sticks out sideways (screenshots in the output dir)', async () => {
  const info = test.info();
  const { p } = await profiles.seeded();
  for (const width of [360, 400, 600]) {
    const popup = await openPopup(p, { width, height: 580 });
    if (width === 360) {
      // A third list with a long name, made from the popup.
      await popup.getByRole('button', { name: '+ New list' }).click();
      await popup.getByLabel('New list name').fill('Graph papers to cite in chapter 3');
      await popup.getByLabel('New list name').press('Enter');
      await expect(popup.getByRole('tab', { name: /^Graph papers/ })).toBeVisible();
    }
    await popup.screenshot({ path: info.outputPath(`popup-${width}.png`) });
    expect(await overflows(popup), `list at ${width} px`).toEqual([]);

    // The notes editor open on the first paper, and the undo message of a removal with a long title.
    await popup.locator('li[data-paper-id]').first().click();
    await popup.keyboard.press('n');
    await expect(popup.getByTestId('notes-editor')).toBeVisible();
    await popup.screenshot({ path: info.outputPath(`popup-${width}-notes.png`) });
    expect(await overflows(popup), `notes editor at ${width} px`).toEqual([]);
    await popup.keyboard.press('Escape');
    await popup.locator('li[data-paper-id]').nth(1).click();
    await popup.keyboard.press('Delete');
    await expect(popup.getByTestId('undo')).toBeVisible();
    await popup.screenshot({ path: info.outputPath(`popup-${width}-undo.png`) });
    expect(await overflows(popup), `undo message at ${width} px`).toEqual([]);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect(popup.getByTestId('saved-count')).toHaveText('36 saved');

    // The lists' editor.
    await popup.getByRole('button', { name: 'Edit lists' }).click();
    await expect(popup.getByTestId('list-editor')).toBeVisible();
    await popup.screenshot({ path: info.outputPath(`popup-${width}-lists.png`) });
    expect(await overflows(popup), `lists' editor at ${width} px`).toEqual([]);
    await popup.close();
  }
});

test('notes typed in the popup are kept when it closes mid-typing', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  const first = popup.locator('li[data-paper-id]').first();
  const id = (await first.getAttribute('data-paper-id')) ?? '';
  await first.click();
  await popup.keyboard.press('n');
  await popup.getByLabel('Notes', { exact: true }).pressSequentially('Closed mid-sentence');
  // The toolbar popup loses the focus and closes at once, before any save could wait for a pause in the typing.
  await popup.close();
  const again = await openPopup(p);
  await expect(again.locator(`li[data-paper-id="${id}"]`).getByTestId('has-notes')).toHaveAttribute(
    'title',
    'Closed mid-sentence',
  );
});

test('Escape closes the notes editor and keeps the notes and tags typed', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  const row = popup.locator('li[data-paper-id]').nth(1);
  const id = (await row.getAttribute('data-paper-id')) ?? '';
  await row.click();
  await popup.keyboard.press('n');
  await popup.getByLabel('Notes', { exact: true }).pressSequentially('Kept on Escape');
  await popup.getByLabel('Tags', { exact: true }).pressSequentially('thesis, to-cite');
  await popup.keyboard.press('Escape');
  await expect(popup.getByTestId('notes-editor')).toHaveCount(0);
  await expect(row.getByTestId('has-notes')).toHaveAttribute('title', 'Kept on Escape');
  await expect(row.locator('[data-tag]')).toHaveText(['#thesis', '#to-cite']);
  const again = await openPopup(p);
  const kept = again.locator(`li[data-paper-id="${id}"]`);
  await expect(kept.getByTestId('has-notes')).toHaveAttribute('title', 'Kept on Escape');
  await expect(kept.locator('[data-tag]')).toHaveText(['#thesis', '#to-cite']);
});

/** The lists' names as the popup's tabs show them, in order. */
async function tabNames(page: Page): Promise<string[]> {
  const tabs = page.getByRole('tab').locator('span:not([data-testid])');
  return (await tabs.allTextContents()).slice(1); // the first is "All"
}

async function newList(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '+ New list' }).click();
  await page.getByLabel('New list name').fill(name);
  await page.getByLabel('New list name').press('Enter');
  await expect(page.getByRole('tab', { name: new RegExp(`^${name}`) })).toBeVisible();
}

test('reading lists are renamed, reordered by keyboard and by drag, and deleted with undo from the popup', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  await newList(popup, 'Later');
  await popup.getByRole('button', { name: 'Edit lists' }).click();
  const editor = popup.getByTestId('list-editor');
  const rows = editor.locator('li[data-list-id]');

  // Rename (Enter), and Escape gives the name back; the default list can be renamed but not deleted.
  await popup.getByLabel('Name of the list Thesis').fill('Thesis, chapter 2');
  await popup.getByLabel('Name of the list Thesis').press('Enter');
  await expect(popup.getByRole('tab', { name: /^Thesis, chapter 2 10/ })).toBeVisible();
  await popup.getByLabel('Name of the list Reading list').fill('Inbox');
  await popup.getByLabel('Name of the list Reading list').press('Tab');
  await popup.getByLabel('Name of the list Later').fill('Never mind');
  await popup.getByLabel('Name of the list Later').press('Escape');
  await expect(popup.getByLabel('Name of the list Later')).toHaveValue('Later');
  await expect(editor).toBeVisible(); // Escape in the name field left the editor open
  expect(await tabNames(popup)).toEqual(['Inbox', 'Thesis, chapter 2', 'Later']);
  await expect(rows.first().getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  // Keyboard: Alt+↑ twice on the focused "Later" moves it first; it keeps the focus.
  await rows.nth(2).focus();
  await popup.keyboard.press('Alt+ArrowUp');
  await popup.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => tabNames(popup)).toEqual(['Later', 'Inbox', 'Thesis, chapter 2']);
  await expect(rows.first()).toBeFocused();
  await popup.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => tabNames(popup)).toEqual(['Inbox', 'Later', 'Thesis, chapter 2']);

  // Drag: "Inbox" by its handle onto the lower half of the last list goes last.
  const last = rows.nth(2);
  const box = await last.boundingBox();
  await rows
    .first()
    .getByTestId('drag-handle')
    .dragTo(last, {
      targetPosition: { x: 20, y: (box?.height ?? 20) - 4 },
    });
  await expect.poll(() => tabNames(popup)).toEqual(['Later', 'Thesis, chapter 2', 'Inbox']);

  // Delete with undo: the list comes back with its 10 papers, at its place.
  await popup.getByRole('button', { name: 'Delete the list Thesis, chapter 2' }).click();
  await expect.poll(() => tabNames(popup)).toEqual(['Later', 'Inbox']);
  await expect(popup.getByTestId('undo')).toContainText('Deleted the list “Thesis, chapter 2” (10 papers).');
  await popup.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => tabNames(popup)).toEqual(['Later', 'Thesis, chapter 2', 'Inbox']);
  await expect(popup.getByRole('tab', { name: /^Thesis, chapter 2/ })).toContainText('10');

  // All of it is in the database: a new popup shows the same.
  const again = await openPopup(p);
  expect(await tabNames(again)).toEqual(['Later', 'Thesis, chapter 2', 'Inbox']);
  await again.getByRole('tab', { name: /^Thesis, chapter 2/ }).click();
  await expect(again.getByTestId('view-count')).toHaveText('10 shown');
});

test('moving a paper to another list can be undone: it is back in its list with its saved date', async () => {
  const { p } = await profiles.seeded();
  const popup = await openPopup(p);
  await newList(popup, 'Later');
  await popup.getByRole('tab', { name: /^Thesis/ }).click();
  const first = popup.locator('li[data-paper-id]').first();
  const id = (await first.getAttribute('data-paper-id')) ?? '';
  const saved = await first.locator('time').getAttribute('datetime');
  await first.getByLabel('Move or copy to list').selectOption({ label: 'Move to Later' });
  await expect(popup.getByRole('tab', { name: /^Thesis/ })).toContainText('9');
  await expect(popup.getByTestId('undo')).toContainText('to Later.');
  await popup.keyboard.press('z');
  await expect(popup.getByRole('tab', { name: /^Thesis/ })).toContainText('10');
  await expect(popup.getByRole('tab', { name: /^Later/ })).toContainText('0');
  await expect(popup.locator(`li[data-paper-id="${id}"] time`)).toHaveAttribute('datetime', saved ?? '');
});
