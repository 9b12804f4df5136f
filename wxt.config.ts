import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: lib/ must also run under Node (CLIs, tests) without WXT's auto-import magic.
  imports: false,
  publicDir: 'assets/public',
  // Another build folder on request, so that two builds (or a build and a test run) never share one.
  outDir: process.env.PAPERSIFT_OUT_DIR || '.output',
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: ({ browser }) => ({
    name: 'PaperSift',
    description:
      'Finds, classifies and highlights papers on arXiv and Hugging Face listings; reading lists, all local.',
    // Settings, topics and marks sync through the browser's sync storage (lib/sync). activeTab + scripting: the
    // popup reads the paper of a page no site module knows when the user clicks the toolbar button (lib/sites/web),
    // instead of a host permission for every site.
    permissions: ['storage', 'activeTab', 'scripting'],
    // The Zotero desktop app's connector server (lib/zotero): only its port on this machine, nothing broader.
    host_permissions: ['http://127.0.0.1:23119/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'papersift@papersift.dev',
              // Everything stays in the browser: nothing is collected or transmitted.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
