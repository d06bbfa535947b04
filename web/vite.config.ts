/**
 * The web app's build: everything bundled (no CDN at run time) into web/dist, which
 * `tfit ui` serves and any static web server can host. The SDK is bundled from its sources.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { '@tfit/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)) } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096, reportCompressedSize: true,
    // polkadot-js marks pure calls where Rollup cannot use the mark: harmless, and not ours to fix
    rollupOptions: { onwarn: (w, warn) => { if (w.code !== 'INVALID_ANNOTATION') warn(w); } },
  },
  logLevel: 'warn',
});
