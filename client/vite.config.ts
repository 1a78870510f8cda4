// Vite config for the client: Svelte plugin, /graphql and /auth proxied to the API server in dev, build to client/dist.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const api = process.env.ATLAS_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [svelte()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': { target: api, changeOrigin: true }, '/auth': { target: api, changeOrigin: true } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: { '/graphql': { target: api, changeOrigin: true }, '/auth': { target: api, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
});
