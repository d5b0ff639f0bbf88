import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));

/** Builds the runtime web app (runtime/web) into runtime/dist/web, which the server's webApp() serves. */
export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite's built-in oxc transform compiles JSX with React's automatic runtime: no React plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // the dashboards chunk (echarts core + the five charts used) is about 580 kB and loads only with
    // the dashboards page; the main chunk stays near 250 kB
    chunkSizeWarningLimit: 640,
  },
  server: {
    // `npx vite --config runtime/vite.config.ts` next to `leadforge start` (port 3000) for development.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
