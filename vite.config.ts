import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The Support Center web app: built into dist/web and served by the Casebook server at `/`. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
