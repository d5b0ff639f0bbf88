import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the designer web app into designer/dist. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Vite's built-in oxc transform compiles JSX with React's automatic runtime: no React plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
