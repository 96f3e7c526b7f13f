import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** The gateway the dev server proxies to (`pnpm start` listens on 8080). */
const GATEWAY = process.env.ANBU_GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // Workspace packages (the demo city's GeoJSON) are bundled from source: no prior build needed.
  resolve: { conditions: ['@anbu/source', ...defaultClientConditions] },
  server: {
    proxy: { '/trpc': GATEWAY, '/healthz': GATEWAY },
  },
  build: {
    chunkSizeWarningLimit: 700,
  },
});
