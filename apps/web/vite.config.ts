import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Library code changes less often than the dashboard's own: separate chunks stay cached across releases.
const CHART_LIBS =
  /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|@reduxjs|redux|react-redux|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|use-sync-external-store)[\\/]/;

export default defineConfig({
  plugins: [react()],
  // @hashpulse/protocol is bundled from its TypeScript source, so the dashboard needs no tsc build first.
  resolve: { conditions: ['hashpulse-source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'charts', test: CHART_LIBS, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
