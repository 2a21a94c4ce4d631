/**
 * Builds the renderer (React UI) into dist/renderer, which the backend serves
 * at `/` for the browser and the Electron window alike. The backend's CSP
 * allows only same-origin scripts, so nothing may be inlined: Vite emits the
 * entry as a module file and the module-preload polyfill is off (modern
 * Chromium and Electron support modulepreload natively).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // One stylesheet, loaded with the page as before the CSS was split per feature: the editor and
    // compare chunks load lazily, and their CSS must not wait for them (nor depend on which loads first).
    cssCodeSplit: false,
  },
  server: {
    // `npm run dev`: proxy the API to a backend started with `podplan serve --port 5180`.
    proxy: { '/api': 'http://127.0.0.1:5180' },
  },
});
