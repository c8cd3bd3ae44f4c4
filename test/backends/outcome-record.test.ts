import { describe, expect, test } from 'vitest';
import {
  decodeOutcome,
  decodeOutcomes,
  encodeOutcome,
  MalformedOutcomeError,
  OUT_CTX_FAILED,
  OUT_NOT_CONSUMED,
  OUT_TIMEOUT,
  OUTCOME_RECORD_SIZE,
} from '../../backends/exec/outcome-record.js';
import type { Outcome } from '../../model/outcome.js';
import { fromHex, toHex } from '../../spec/hex.js';

const hex = (s: string): string => s.replace(/\s+/g, '');
const ZERO_TAIL = '0000 00000000 00000000 00000000 00000000 00000000 00000000'; // bytes 38-63

/** Known answers, hex computed by hand from docs/exec-protocol.md ("Outcome record"). */
const VECTORS: { name: string; hex: string; outcome: Outcome; anomalyFlags?: number }[] = [
  {
    name: 'worked example: res 0 with data',
    hex: `00000000 01000000 00002003 10000000 00100000 00000000 00000000 00000000 00000000 0000 ${ZERO_TAIL}`,
    outcome: { res: 0, posted: true, data: { opf: 0x03200000, buf1_addr: 0x1000n, buf1_len: 16, buf2_addr: 0n, buf2_len: 0, buf_index: 0 } },
  },
  {
    name: 'EACCES, no data',
    hex: `f3ffffff 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000 ${ZERO_TAIL}`,
    outcome: { res: -13, posted: true, data: null },
  },
  {
    name: 'success without a CQE, both buffers, fixed buffer index',
    hex: `00000000 03000000 00004803 00010000 00000000 00200000 00001000 00200000 20000000 0100 ${ZERO_TAIL}`,
    outcome: {
      res: 0,
      posted: false,
      data: { opf: 0x03480000, buf1_addr: 0x200000000000n, buf1_len: 0x100, buf2_addr: 0x200000100000n, buf2_len: 0x20, buf_index: 1 },
    },
  },
  {
    name: 'context not realised',
    hex: `eaffffff 10000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000 ${ZERO_TAIL}`,
    outcome: { res: -22, posted: true, data: null, anomaly: 'the ring context could not be realised: -22 (EINVAL)' },
    anomalyFlags: OUT_CTX_FAILED,
  },
  {
    name: 'timeout without a CQE',
    hex: `00000000 06000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000 ${ZERO_TAIL}`,
    outcome: { res: 0, posted: false, data: null, anomaly: "no completion within the adapter's bounded wait" },
    anomalyFlags: OUT_TIMEOUT,
  },
  {
    name: 'SQE not consumed',
    hex: `00000000 08000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000 ${ZERO_TAIL}`,
    outcome: { res: 0, posted: true, data: null, anomaly: 'the kernel did not consume the SQE' },
    anomalyFlags: OUT_NOT_CONSUMED,
  },
];

describe('outcome record codec', () => {
  for (const v of VECTORS) {
    test(`${v.name}: encode, decode, both round trips`, () => {
      const bytes = fromHex(hex(v.hex), OUTCOME_RECORD_SIZE);
      expect(decodeOutcome(bytes)).toEqual(v.outcome);
      expect(toHex(encodeOutcome(v.outcome, undefined, 0, v.anomalyFlags))).toBe(hex(v.hex));
      expect(decodeOutcome(encodeOutcome(v.outcome, undefined, 0, v.anomalyFlags))).toEqual(v.outcome);
      expect(toHex(encodeOutcome(decodeOutcome(bytes), undefined, 0, v.anomalyFlags))).toBe(hex(v.hex));
    });
  }

  test('several anomalies are listed together', () => {
    const bytes = new Uint8Array(OUTCOME_RECORD_SIZE);
    bytes[4] = OUT_TIMEOUT | OUT_NOT_CONSUMED;
    expect(decodeOutcome(bytes).anomaly).toBe("no completion within the adapter's bounded wait; the kernel did not consume the SQE");
  });

  test('decodes consecutive records at an offset, in order', () => {
    const buf = new Uint8Array(4 + VECTORS.length * OUTCOME_RECORD_SIZE);
    VECTORS.forEach((v, i) => encodeOutcome(v.outcome, buf, 4 + i * OUTCOME_RECORD_SIZE, v.anomalyFlags));
    expect(decodeOutcomes(buf, VECTORS.length, 4)).toEqual(VECTORS.map((v) => v.outcome));
  });

  test('lenient: bytes 38-63, and data bytes without DATA_VALID, are ignored', () => {
    const bytes = fromHex(hex(VECTORS[1]!.hex), OUTCOME_RECORD_SIZE);
    bytes.fill(0xee, 38);
    bytes[8] = 0x11;
    expect(decodeOutcome(bytes)).toEqual(VECTORS[1]!.outcome);
  });

  for (const flags of [1 << 5, 1 << 7, 0x80000000, 0x81]) {
    test(`rejects undefined flag bits: flags 0x${flags.toString(16)}`, () => {
      const bytes = new Uint8Array(OUTCOME_RECORD_SIZE);
      new DataView(bytes.buffer).setUint32(4, flags, true);
      expect(() => decodeOutcome(bytes)).toThrow(MalformedOutcomeError);
      expect(() => decodeOutcome(bytes)).toThrow(/^decodeOutcome: undefined flag bits/);
    });
  }

  test('a malformed record in a run is named by its index', () => {
    const buf = new Uint8Array(3 * OUTCOME_RECORD_SIZE);
    buf[2 * OUTCOME_RECORD_SIZE + 4] = 0x80;
    expect(() => decodeOutcomes(buf, 3)).toThrow(/^decodeOutcomes: record 2 of 3: undefined flag bits 0x80/);
  });

  test('rejects a short record', () => {
    expect(() => decodeOutcome(new Uint8Array(63))).toThrow(/^decodeOutcome: no 64-byte record/);
    expect(() => decodeOutcomes(new Uint8Array(100), 2)).toThrow(/^decodeOutcomes: 2 records/);
  });
});
