import { expect, type Page, test } from '@playwright/test';
import { fixturePage, openAnnotated, servePages } from './browser';
import { exportText, optionsUrl, popupUrl, profilePerTest } from './library-data';

// Issue 11, in Chromium with the built extension: papers saved from real pages (an arXiv listing, a Hugging Face
// daily page) export as BibTeX and Markdown with their TeX maths kept, arXiv links and notes' line breaks; the popup
// shows the maths as Unicode text; exporting nothing says so and downloads nothing.

const listing = fixturePage('arxiv-cs.LG-new-2026-07-24.html');
const hfDaily = fixturePage('hf-daily-papers-2024-08-01.html');
const M3 = 'arxiv:2607.21343'; // M$^3$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles…
const HE = 'arxiv:2607.20896'; // HierarchicalDAEW: … from H&E Histology
const HF = 'arxiv:2407.21705'; // Tora: Trajectory-oriented Diffusion Transformer for Video Generation (Hugging Face)

const profiles = profilePerTest();

async function save(page: Page, id: string): Promise<void> {
  const entry = page.locator(`[data-papersift-id="${id}"]`);
  await entry.scrollIntoViewIfNeeded();
  await entry.locator('papersift-entry').locator('button[data-action="save"]').click();
  await expect(entry).toHaveAttribute('data-papersift-saved', 'true');
}

test('papers saved on arXiv and Hugging Face export with maths kept, arXiv links and notes; the popup shows Unicode', async () => {
  const p = await profiles.open();
  await servePages(p.context);
  const page = await p.context.newPage();
  await openAnnotated(page, listing.url, listing.entries);
  await save(page, M3);
  await save(page, HE);
  await openAnnotated(page, hfDaily.url, hfDaily.entries);
  await save(page, HF);

  // The popup: the maths title as Unicode text (no markup), a note with a line break on the Hugging Face paper.
  const popup = await p.context.newPage();
  await popup.goto(popupUrl(p));
  await expect(popup.getByTestId('saved-count')).toHaveText('3 saved');
  const m3 = popup.locator(`li[data-paper-id="${M3}"] a`).first();
  await expect(m3).toHaveText(
    'M³-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data',
  );
  expect(await m3.evaluate((a) => a.children.length)).toBe(0);
  await popup.locator(`li[data-paper-id="${HF}"]`).click();
  await popup.keyboard.press('n');
  await popup.getByLabel('Notes', { exact: true }).fill('Compare with Sora.\nSee §3.2 -- 50% of the cost.');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.locator(`li[data-paper-id="${HF}"]`).getByTestId('has-notes')).toBeVisible();

  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  // Each defect of the issue checked on its own (soft: one failure does not hide the next).
  const bib = await exportText(options, 'BibTeX');
  expect.soft(bib.match(/^@misc\{/gm)).toHaveLength(3);
  expect
    .soft(bib)
    .toContain(
      'title = {{M$^3$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data}}',
    );
  expect.soft(bib).toContain('Spatial Gene Expression Prediction from H\\&E Histology}}');
  expect.soft(bib).toContain('eprint = {2407.21705}');
  expect.soft(bib).toContain('url = {https://arxiv.org/abs/2407.21705}');
  expect.soft(bib).not.toContain('huggingface.co');
  expect.soft(bib).toContain('annote = {Compare with Sora.\\\\\n    See §3.2 -{}- 50\\% of the cost.}');

  const md = await exportText(options, 'Markdown');
  expect
    .soft(md)
    .toContain(
      '- [M\\$^3\\$-Gen: Interpretable Multimodal Generation of Gene Expression Profiles Using Clinical and Imaging Data](https://arxiv.org/abs/2607.21343)',
    );
  expect
    .soft(md)
    .toContain(
      '- [Tora: Trajectory-oriented Diffusion Transformer for Video Generation](https://arxiv.org/abs/2407.21705)',
    );
  expect.soft(md).toContain('  > Compare with Sora.  \n  > See §3.2 -- 50% of the cost.\n');
  expect.soft(md).not.toMatch(/\\[-.]/);
  expect.soft(md).not.toContain('huggingface.co');
});

test('exporting nothing shows a message and downloads no file', async () => {
  const p = await profiles.open();
  const options = await p.context.newPage();
  await options.goto(optionsUrl(p));
  const downloads: string[] = [];
  options.on('download', (d) => downloads.push(d.suggestedFilename()));
  for (const format of ['BibTeX', 'Markdown']) {
    await options.getByLabel('Export format').selectOption({ label: format });
    await options.getByRole('button', { name: 'Export' }).click();
    await expect(options.getByRole('alert')).toHaveText(/Nothing to export: no paper is saved yet\./);
  }
  // A download would have started by now (an export of papers downloads at once).
  await options.waitForTimeout(1000);
  expect(downloads).toEqual([]);
});
