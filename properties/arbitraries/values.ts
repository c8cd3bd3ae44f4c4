/**
 * Field-value generators biased to boundaries: a uniform draw most of the time, the edges of the
 * kind's range (and any extra values a spec cares about) the rest.
 */
import fc from 'fast-check';
import { INT_KINDS, type IntKind } from '../../spec/int-kinds.js';

/** Any value of a numeric kind, with its edges (0, 1, max, sign bit) and `extra` favoured. */
export function numberOfKind(kind: Exclude<IntKind, 'u64'>, extra: readonly number[] = []): fc.Arbitrary<number> {
  const k = INT_KINDS[kind];
  const min = k.min as number;
  const max = k.max as number;
  // 4095/4096: a page boundary, for every length field
  const pages = max >= 4096 ? [4095, 4096] : [];
  const edges = [...new Set([0, 1, max, max - 1, min, kind === 's32' ? -1 : Math.floor(max / 2) + 1, ...pages, ...extra])];
  return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

/**
 * Addresses every u64 field is biased to: a page boundary, and the top of the x86-64 user address
 * range (0x7ffffffff000 with 4-level paging) and just past it, where access_ok starts refusing.
 */
const ADDRESS_EDGES = [0xfffn, 0x1000n, 0x7ffffffff000n, 0x7ffffffff001n, 0x800000000000n];

/** Any u64, with 0, 1, 2^63, 2^64 - 1, the address edges and `extra` favoured. */
export function u64(extra: readonly bigint[] = []): fc.Arbitrary<bigint> {
  const edges = [0n, 1n, 1n << 63n, (1n << 64n) - 1n, ...ADDRESS_EDGES, ...extra];
  return fc.oneof({ weight: 3, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

/**
 * An integer in [min, max] with the ends and `extra` favoured: an edge is drawn `edgeWeight` times
 * for every 2 uniform draws (1: a third of the draws are edges).
 */
export function boundedInt(min: number, max: number, extra: readonly number[] = [], edgeWeight = 1): fc.Arbitrary<number> {
  const edges = [...new Set([min, max, ...extra.filter((x) => x >= min && x <= max)])];
  return fc.oneof({ weight: 2, arbitrary: fc.integer({ min, max }) }, { weight: edgeWeight, arbitrary: fc.constantFrom(...edges) });
}
