import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the capture forms (runtime/forms) into runtime/dist/forms/embed.js: one classic script, React and rjsf
 * included, that the server serves as `/embed.js` for host pages and loads itself on `/f/<form>`. A classic
 * script (not an ES module) so that a host page can load it cross-origin with a plain `<script async>` and the
 * script can read its own data attributes.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./forms', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: fileURLToPath(new URL('./dist/forms', import.meta.url)),
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL('./forms/src/main.ts', import.meta.url)),
      name: 'LeadforgeForms',
      formats: ['iife'],
      fileName: () => 'embed.js',
    },
    rolldownOptions: {
      // rjsf marks its hooks 'use client' for server-component bundlers; a browser bundle has nothing to keep.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
