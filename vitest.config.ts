import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/reporters/closing-line.ts'],
    // the exec and kernel backends start child processes; give them room on a loaded machine
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // `check` annotates and writes the job summary on GitHub Actions; the suite's own checks must
    // not fill this repository's CI summary (test/cli/github.test.ts sets these where it means to)
    env: { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  },
});
