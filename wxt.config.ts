import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: lib/ must also run under Node (CLIs, tests) without WXT's auto-import magic.
  imports: false,
  publicDir: 'assets/public',
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: { name: 'PaperSift' },
});
