#!/usr/bin/env node
// {{NAME}}: a uring-spec adapter for {{SPEC}} (exec protocol uring-spec/1), written by
// `uring-spec init`. Plain Node, no packages. It implements nothing yet: runCase answers -ENOSYS
// for every case, so `check` fails and its report shows what the spec expects instead.
//
// Check it:  npx uring-spec check --spec {{SPEC}} --backend 'exec:node adapter.mjs'
// The byte layouts are in docs/exec-protocol.md of uring-spec; everything is little-endian.
import { constants } from 'node:os';

const HELLO = { protocol: 'uring-spec/1', name: '{{NAME}}', specs: ['{{SPEC}}'], data: {{DATA_JS}} };
const CASE_SIZE = 128;
const OUTCOME_SIZE = 64;
const MAX_BATCH = 4096;
const OUT_DATA_VALID = 0x01;

/**
 * Your implementation goes here. Return { res } (0 or a negative errno) and, on success, the
 * uring_bpf_data your prep produced as `data` ({ opf, buf1_addr, buf1_len, buf2_addr, buf2_len,
 * buf_index }; the addresses as BigInts).
 */
function runCase(sqe, ctx) {
  return { res: -constants.errno.ENOSYS };
}

function decodeCase(b) {
  const sqe = {
    opcode: b.readUInt8(0),
    flags: b.readUInt8(1),
    ioprio: b.readUInt16LE(2),
    fd: b.readInt32LE(4),
    off: b.readBigUInt64LE(8),
    addr: b.readBigUInt64LE(16),
    len: b.readUInt32LE(24),
    opFlags: b.readUInt32LE(28),
    userData: b.readBigUInt64LE(32),
    bufIndex: b.readUInt16LE(40),
    personality: b.readUInt16LE(42),
    spliceFdIn: b.readInt32LE(44),
    addr3: b.readBigUInt64LE(48),
    pad2: b.readBigUInt64LE(56),
  };
  const ops = [];
  for (let op = 0; op < 256; op++) if (b[80 + (op >> 3)] & (1 << (op & 7))) ops.push(op);
  const ctx = { setupFlags: b.readUInt32LE(64), nrBufs: b.readUInt32LE(68), bufSize: b.readUInt32LE(72), nrPersonalities: b.readUInt16LE(76), ops };
  return { sqe, ctx };
}

function encodeOutcome(o) {
  const b = Buffer.alloc(OUTCOME_SIZE); // zeroed: fields not set read as zero
  b.writeInt32LE(o.res, 0);
  let flags = o.flags ?? 0;
  if (o.data) {
    flags |= OUT_DATA_VALID;
    b.writeUInt32LE(o.data.opf, 8);
    b.writeUInt32LE(o.data.buf1_len, 12);
    b.writeBigUInt64LE(BigInt(o.data.buf1_addr), 16);
    b.writeBigUInt64LE(BigInt(o.data.buf2_addr), 24);
    b.writeUInt32LE(o.data.buf2_len, 32);
    b.writeUInt16LE(o.data.buf_index, 36);
  }
  b.writeUInt32LE(flags >>> 0, 4);
  return b;
}

function fail(code, message) {
  process.stderr.write(`uring-spec adapter: ${message}\n`);
  process.exit(code);
}

// stdout carries protocol bytes only: a stray console.log goes to stderr
console.log = console.error;
process.stdout.write(JSON.stringify(HELLO) + '\n');

let buf = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    if (buf.length < 4) return;
    const n = buf.readUInt32LE(0);
    if (n === 0) process.exit(0);
    if (n > MAX_BATCH) fail(2, `batch of ${n} cases (at most ${MAX_BATCH})`);
    if (buf.length < 4 + n * CASE_SIZE) return;
    const out = [Buffer.alloc(4)];
    out[0].writeUInt32LE(n, 0);
    for (let i = 0; i < n; i++) {
      const { sqe, ctx } = decodeCase(buf.subarray(4 + i * CASE_SIZE, 4 + (i + 1) * CASE_SIZE));
      out.push(encodeOutcome(runCase(sqe, ctx)));
    }
    buf = buf.subarray(4 + n * CASE_SIZE);
    process.stdout.write(Buffer.concat(out));
  }
});
// end of input at a frame boundary is a clean end; inside a frame it is an error
process.stdin.on('end', () => (buf.length === 0 ? process.exit(0) : fail(1, 'end of input inside a request')));
