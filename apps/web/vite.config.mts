import { defineConfig } from 'vite';

/**
 * The server serves `dist/` under `/app/`: every asset URL in dist/index.html
 * is absolute under that base so deep links (`/app/stores/7/checklist`) load
 * the same files. JSX is compiled by Vite's own transform (automatic runtime),
 * so no framework plugin is needed.
 */
export default defineConfig({
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  oxc: { jsx: { runtime: 'automatic' } },
});
