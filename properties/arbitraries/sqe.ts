/** Any SQE at all, derived field by field from SQE_LAYOUT (each field biased to its kind's edges). */
import fc from 'fast-check';
import { SQE_LAYOUT, type Sqe } from '../../spec/sqe-layout.js';
import { numberOfKind, u64 } from './values.js';

/** Every field of the layout drawn independently. */
export const anySqe: fc.Arbitrary<Sqe> = fc.record(
  Object.fromEntries(SQE_LAYOUT.map((f) => [f.name, f.kind === 'u64' ? u64() : numberOfKind(f.kind)])),
) as unknown as fc.Arbitrary<Sqe>;

/** 64 arbitrary bytes. */
export const anySqeBytes: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc.uint8Array({ minLength: 64, maxLength: 64 }) as fc.Arbitrary<Uint8Array<ArrayBuffer>>;
