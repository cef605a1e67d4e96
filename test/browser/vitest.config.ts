import path from 'node:path';
import { defineConfig } from 'vitest/config';

process.env.TZ = 'Asia/Ho_Chi_Minh';

/** Browser tests in real Chromium: `npx vitest run --config test/browser/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: path.resolve(__dirname, '../..'),
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'Asia/Ho_Chi_Minh' },
  },
});
