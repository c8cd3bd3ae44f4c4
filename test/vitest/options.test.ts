/** specSuite's options: bad ones throw when the file is collected, naming specSuite and the option. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { specSuite, type SpecSuiteOptions } from '../../vitest/index.js';

afterEach(() => vi.unstubAllEnvs());

describe('specSuite options', () => {
  it.each([
    [{ spec: 'bpf@v9', backend: 'model' }, /^specSuite: unknown spec 'bpf@v9' \(valid: /],
    [{ spec: 'bpf@v1', backend: 'qemu' }, /^specSuite: unknown backend 'qemu' \(valid: model, c-ref/],
    [{ spec: 'bpf@v1', backend: 'mutant:nope' }, /^specSuite: unknown mutant 'nope' \(valid: /],
    [{ spec: 'bpf@v1', backend: 'model', runs: 0 }, /^specSuite: runs must be a whole number from 1 to \d+, got 0$/],
    [{ spec: 'bpf@v1', backend: 'model', runs: 2.5 }, /^specSuite: runs must be a whole number/],
    [{ spec: 'bpf@v1', backend: 'model', seed: 2 ** 32 }, /^specSuite: seed must be a whole number from -2147483648 to 4294967295/],
    [{ spec: 'bpf@v1', backend: 'model', batchSize: 5000 }, /^specSuite: batchSize must be a whole number from 1 to 4096, got 5000$/],
    [{ spec: 'bpf@v1', backend: 'model', timeout: -1 }, /^specSuite: timeout must be a whole number/],
  ] as [SpecSuiteOptions, RegExp][])('%j is refused', (opts, message) => {
    expect(() => specSuite(opts)).toThrow(message);
  });

  it('refuses a URING_SPEC_SEED that is not a 32-bit integer', () => {
    vi.stubEnv('URING_SPEC_SEED', 'soon');
    expect(() => specSuite({ spec: 'bpf@v1', backend: 'model' })).toThrow("specSuite: URING_SPEC_SEED must be a 32-bit integer, got 'soon'");
  });
});
