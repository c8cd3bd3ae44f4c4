import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/reporters/closing-line.ts'],
    // the exec and kernel backends start child processes; give them room on a loaded machine
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
