import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the extension (a persistent profile per test), so tests are
// independent; two workers suit this 2-core machine.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: '.results/playwright',
});
