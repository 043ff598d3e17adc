import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to this file so `vite --config web/vite.config.ts` works from the repo root.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd is the bulk of the shell; page chunks are split by React.lazy
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
