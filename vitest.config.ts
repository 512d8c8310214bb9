import { defineConfig } from 'vitest/config';

// One vitest run over every package, so the suite ends with one summary.
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
