import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The desk is served by every app at /desk (see libs/http/src/desk), so assets are addressed
 * under /desk/ and the build lands in dist/desk next to the compiled apps.
 * `npx vite --config apps/desk/vite.config.ts` serves it in development against an app on :3000.
 */
export default defineConfig({
  root: here,
  base: '/desk/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/desk', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': process.env.DESK_API ?? 'http://127.0.0.1:3000' } },
});
