#!/usr/bin/env node
/**
 * fuzz-kernel-sequences: ring-lifecycle@6.18 on the live kernel against its model, with sequences
 * from a generator of its own.
 *
 * The declaration's step arbitraries (properties/ring-lifecycle-6.18/) are written by the same
 * hands as the model and can share its blind spots. This tool draws sequences with a plain seeded
 * PRNG (mulberry32): rings of every kind the spec describes, register calls of all eleven opcodes
 * with entries, tags, sizes and offsets around every edge (a table's last slot and one past it,
 * 16384/16385 buffers, offsets that overflow), and submissions that name table slots, personality
 * ids and buffer ranges that may or may not exist by then. Each sequence goes to the kernel
 * backend of the built package (build/c/kernel-adapter, one sequence request of exec protocol
 * version 2) and through the model
 * of the built package (dist/), and every step where they differ is printed with the whole
 * sequence as JSON (the form of spec/stateful/step-json.ts). Disagreements are grouped by (step,
 * model rule, kernel result) so many of one cause read as one line. A drawn step outside the
 * spec's domain is counted and left out (the generator should draw none).
 *
 *   node scripts/fuzz-kernel-sequences.mjs [--seeds N] [--from S] [--sequences N] [--steps MAX] [--show K]
 *
 * Exit: 0 no disagreement, 1 disagreements, 2 bad usage or no kernel adapter offering the spec here.
 */
import { parseArgs } from 'node:util';
import { parseBackend } from '../dist/index.js';
import { RING_LIFECYCLE_618_MODEL, ringLifecycle618Domain } from '../dist/model/ring-lifecycle-6.18.js';
import { runModel } from '../dist/model/stateful.js';
import { resName } from '../dist/spec/errno.js';
import { sequenceToJson } from '../dist/spec/stateful/step-json.js';
import { prng } from './prng.mjs';

const SPEC = 'ring-lifecycle@6.18';
const USAGE = 'usage: node scripts/fuzz-kernel-sequences.mjs [--seeds N] [--from S] [--sequences N] [--steps MAX] [--show K]';

const SELF = 0x7ffffff0;
const OTHER = 0x7ffffff1;
const IOV_BAD = 0xffffffff;
const BUF_BASE = 0x200000000000n;
const STRIDE = 0x100000n;
const MIB = 0x100000;
/** Rings: plain, IOPOLL, SQPOLL, COOP_TASKRUN, SINGLE_ISSUER | DEFER_TASKRUN. */
const RINGS = [0, 1, 2, 1 << 8, (1 << 12) | (1 << 13)];

/** Buffer lengths around the edges a range check meets: 1, a page, one stride. */
const len = (r) => r.pick([1, 100, 4095, 4096, 4097, 8192, 65536, MIB - 1, MIB, 1 + r.int(MIB)]);
/** Canonical buffer selectors, the low ones most often so tables and submissions meet. */
const bufSel = (r) => (r.chance(0.7) ? 1 + r.int(4) : 1 + r.int(16));
const tag = (r) => (r.chance(0.7) ? 0 : r.pick([1, 7, 0x5eed, 2 ** 40]));

/**
 * Iovec entry i: mostly canonical buffer i (so slot i holds buffer i, as submissions often assume),
 * else anything; an update empties slots more often (pEmpty).
 */
function iovEntry(r, i, pEmpty = 0) {
  if (r.chance(pEmpty)) return { value: 0, len: 0, tag: tag(r) };
  switch (r.chance(0.8) ? 9 : r.int(5)) {
    case 0:
      return { value: 0, len: 0, tag: tag(r) }; // empty slot
    case 1:
      return { value: 0, len: len(r), tag: tag(r) }; // NULL with a length
    case 2:
      return { value: bufSel(r), len: 0, tag: tag(r) };
    case 3:
      return { value: IOV_BAD, len: r.pick([0, 1, 4096]), tag: tag(r) };
    default:
      return { value: r.chance(0.7) ? 1 + (i % 16) : bufSel(r), len: len(r), tag: tag(r) };
  }
}

function fdEntry(r, _i, pEmpty = 0) {
  const value = r.chance(pEmpty) ? r.pick([-1, -2]) : r.chance(0.6) ? 100 : r.pick([-1, -1, -2, -2, 1000, SELF, OTHER, -5, 9999, 0x7fffffff]);
  return { value, len: 0, tag: tag(r) };
}

const entries = (r, make, pEmpty = 0) => Array.from({ length: r.chance(0.1) ? 0 : 1 + r.int(r.chance(0.6) ? 3 : 8) }, (_, i) => make(r, i, pEmpty));
const base = (opcode) => ({ kind: 'register', opcode, nrArgs: 0, arg: 'none', offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [] });
/** A table size: near the entries, small, or an edge. */
const size = (r, n, edges) => (r.chance(0.75) ? Math.max(0, n + r.int(4) - 1) : r.pick(edges));
/** An update offset: in the table, at its end, or where offset + nr overflows. */
const offset = (r) => (r.chance(0.85) ? r.int(r.chance(0.6) ? 2 : 6) : r.pick([1023, 16383, 0xffffffff, 0xfffffffe]));
/** The struct fields a call may get wrong, now and then. */
const sloppy = (r, p = 0.06) => (r.chance(p) ? r.pick([1, 2, 0x80000000]) : 0);

function register(r) {
  const opcode = r.pick([0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 6, 6, 6, 9, 9, 9, 10, 10, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 16, 16]);
  const s = base(opcode);
  const nullArg = r.chance(0.05);
  switch (opcode) {
    case 0: {
      if (nullArg) return { ...s, nrArgs: 1 };
      const e = entries(r, iovEntry);
      return e.length ? { ...s, arg: 'iovecs', entries: e, nrArgs: size(r, e.length, [0, 1024, 16385, 0xffffffff]) } : s;
    }
    case 2: {
      if (nullArg) return { ...s, nrArgs: 1 };
      const e = entries(r, fdEntry);
      return e.length ? { ...s, arg: 'fds', entries: e, nrArgs: size(r, e.length, [0, 1024, (1 << 20) + 1]) } : s;
    }
    case 1:
    case 3:
    case 9:
      return r.chance(0.08) ? { ...s, arg: 'fds', entries: [fdEntry(r)] } : { ...s, nrArgs: r.chance(0.08) ? 1 : 0 };
    case 10:
      return { ...s, ...(r.chance(0.06) ? { arg: 'fds', entries: [fdEntry(r)] } : {}), nrArgs: r.chance(0.85) ? r.int(6) : r.pick([0xffff, 0x10000, 0xffffffff]) };
    case 13:
    case 15: {
      if (nullArg) return { ...s, nrArgs: 32 };
      const sparse = r.chance(0.35);
      const e = sparse && r.chance(0.85) ? [] : entries(r, opcode === 15 ? iovEntry : fdEntry);
      const edges = opcode === 15 ? [0, 1024, 16384, 16385] : [0, 1024, (1 << 20) + 1];
      const nr = size(r, Math.max(e.length, 1), edges);
      // past 1024 slots only a table with neither data nor tags is read nowhere (the adapters back 1024)
      const wide = nr > 1024;
      return {
        ...s,
        arg: 'rsrc_register',
        nrArgs: r.chance(0.05) ? r.pick([0, 16, 24, 64]) : 32,
        nr,
        flags: ((sparse ? 1 : 0) | (r.chance(0.05) ? r.pick([2, 0x80000000]) : 0)) >>> 0,
        resv2: sloppy(r, 0.04),
        tags: !wide && r.chance(0.4),
        entries: wide ? [] : e,
      };
    }
    case 6: {
      if (nullArg) return { ...s, nrArgs: 1 };
      const e = entries(r, fdEntry, 0.25);
      return { ...s, arg: 'rsrc_update', nrArgs: r.chance(0.05) ? 0 : size(r, Math.max(e.length, 1), [0, 64]), offset: offset(r), resv: sloppy(r, 0.04), entries: e };
    }
    default: {
      // 14 FILES_UPDATE2, 16 BUFFERS_UPDATE
      if (nullArg) return { ...s, nrArgs: 32 };
      const e = entries(r, opcode === 16 ? iovEntry : fdEntry, 0.25);
      return {
        ...s,
        arg: 'rsrc_update2',
        nrArgs: r.chance(0.05) ? r.pick([0, 16, 40]) : 32,
        offset: offset(r),
        nr: size(r, Math.max(e.length, 1), [0, 64, 1024]),
        resv: sloppy(r, 0.03),
        resv2: sloppy(r, 0.03),
        tags: r.chance(0.4),
        entries: e,
      };
    }
  }
}

/** An address in, at the edges of, or outside canonical buffer `b` (mostly the one slot buf_index is likely to hold). */
function address(r, bufIndex) {
  const b = BUF_BASE + BigInt(r.chance(0.7) ? bufIndex % 16 : r.int(17)) * STRIDE;
  switch (r.int(10)) {
    case 0:
      return b - 1n;
    case 1:
      return b + BigInt(r.pick([4096, 8192, 65536, MIB])) - BigInt(r.int(3));
    case 2:
      return r.pick([0n, 0xfffffffffffff000n, 0x1000n]);
    default:
      return b + BigInt(r.chance(0.6) ? 0 : r.int(8192));
  }
}

function submit(r) {
  const op = r.pick([0, 0, 0, 4, 4, 4, 5, 5, r.pick([63, 64, 200])]);
  let flags = 0;
  if (r.chance(0.3)) flags |= 1; // IOSQE_FIXED_FILE
  if (r.chance(0.15)) flags |= 1 << 4; // IOSQE_ASYNC
  if (r.chance(0.03)) flags |= 1 << 5; // IOSQE_BUFFER_SELECT
  if (r.chance(0.02)) flags |= 1 << 7; // undefined
  const personality = r.chance(0.85) ? 0 : r.pick([1, 1, 1, 2, 3, 4, 6, 0xffff]);
  const fixedFd = () => (r.chance(0.85) ? r.int(r.chance(0.7) ? 3 : 6) : r.pick([-1, 1023, 1024, 0x7fffffff]));
  const fd = () => (r.chance(0.85) ? 100 : r.pick([-1, 1000, 9999]));
  const sqe = {
    opcode: op,
    flags,
    ioprio: 0,
    fd: 0,
    off: 0n,
    addr: 0n,
    len: 0,
    op_flags: 0,
    user_data: BigInt(1 + r.int(0xffff)),
    buf_index: r.chance(0.9) ? r.int(r.chance(0.7) ? 3 : 6) : r.pick([16383, 16384, 65535]),
    personality,
    splice_fd_in: 0,
    addr3: 0n,
    pad2: 0n,
  };
  if (op === 0) {
    // NOP: INJECT_RESULT, FILE, FIXED_FILE, FIXED_BUFFER, TW, and now and then an undefined bit
    let nf = 0;
    for (const [bit, p] of [[1, 0.2], [2, 0.45], [4, 0.3], [8, 0.45], [16, 0.15]]) if (r.chance(p)) nf |= bit;
    if (r.chance(0.03)) nf |= 1 << (6 + r.int(26));
    const fixed = flags & 1 || nf & 4;
    return { kind: 'submit', sqe: { ...sqe, op_flags: nf >>> 0, fd: fixed ? fixedFd() : fd(), len: nf & 1 ? r.pick([0, 5, 0xfffffff2]) : 0, ioprio: r.chance(0.03) ? 1 : 0 } };
  }
  if (op === 4 || op === 5) {
    const l = r.chance(0.8) ? r.pick([0, 1, 100, 4096, 4096, 8192, 1 + r.int(70000)]) : r.pick([MIB, MIB + 1, 0xffffffff]);
    const off = BigInt(r.chance(0.7) ? r.int(70000) : r.pick([0, 65535, 65536, 131072, MIB - 1]));
    return { kind: 'submit', sqe: { ...sqe, fd: flags & 1 ? fixedFd() : fd(), addr: address(r, sqe.buf_index), len: l, off } };
  }
  return { kind: 'submit', sqe };
}

/**
 * Steps that set a ring up the way most programs do (a buffer table of canonical buffers 0..k-1,
 * a file table of the scratch file, a personality), so the steps after them find something
 * to use, replace and drop. Any of them may be left out.
 */
function prologue(r) {
  const steps = [];
  if (r.chance(0.6)) {
    const k = 1 + r.int(4);
    const e = Array.from({ length: k }, (_, i) => ({ value: 1 + i, len: r.pick([4096, 8192, 65536, MIB]), tag: tag(r) }));
    steps.push(r.chance(0.5) ? { ...base(0), arg: 'iovecs', nrArgs: k + r.int(2), entries: e } : { ...base(15), arg: 'rsrc_register', nrArgs: 32, nr: k + r.int(2), tags: r.chance(0.5), entries: e });
  }
  if (r.chance(0.4)) {
    const k = 1 + r.int(3);
    steps.push({ ...base(2), arg: 'fds', nrArgs: k + r.int(2), entries: Array.from({ length: k }, () => ({ value: 100, len: 0, tag: 0 })) });
  }
  if (r.chance(0.3)) steps.push(base(9));
  return steps;
}

function sequence(r, maxSteps) {
  const n = 1 + (r.chance(0.8) ? Math.floor(maxSteps / 2) + r.int(Math.ceil(maxSteps / 2)) : r.int(maxSteps));
  const steps = [...prologue(r), ...Array.from({ length: n }, () => (r.chance(0.55) ? register(r) : submit(r)))].slice(0, maxSteps);
  return { ring: { setupFlags: r.pick(RINGS) }, steps };
}

/** The kernel adapter, spoken to one sequence request at a time. */
const bigintJson = (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);
function stepLabel(step) {
  if (step.kind === 'register') return `register ${step.opcode}`;
  if (step.kind === 'submit') return `submit op ${step.sqe.opcode}`;
  return 'bpf_op';
}

async function main() {
  let opts;
  try {
    opts = parseArgs({ options: { seeds: { type: 'string', default: '10' }, from: { type: 'string', default: '1' }, sequences: { type: 'string', default: '1000' }, steps: { type: 'string', default: '16' }, show: { type: 'string', default: '3' } } }).values;
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const num = (k, min, max) => {
    const v = Number(opts[k]);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${k} ${opts[k]}: want an integer in ${min}..${max}`);
    return v;
  };
  let seeds, from, count, maxSteps, show;
  try {
    [seeds, from, count, maxSteps, show] = [num('seeds', 1, 1e6), num('from', 0, 0xffffffff), num('sequences', 1, 1e7), num('steps', 1, 64), num('show', 0, 1e6)];
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  // the project's own kernel backend carries the sequences (exec protocol version 2); the
  // generator above is this script's own
  const k = parseBackend('kernel', SPEC);
  let caps;
  try {
    caps = await k.probe();
  } catch (e) {
    console.error(`fuzz-kernel-sequences: the kernel adapter did not start: ${e.message}`);
    await k.close();
    return 2;
  }
  if (!caps.specs.includes(SPEC) || !k.runSequence) {
    console.error(`fuzz-kernel-sequences: the kernel adapter does not offer ${SPEC} here: ${caps.unsupported[SPEC]}`);
    await k.close();
    return 2;
  }
  const groups = new Map();
  let sequences = 0, steps = 0, outside = 0, disagreements = 0;
  const started = Date.now();
  for (let seed = from; seed < from + seeds; seed++) {
    const r = prng(seed);
    for (let i = 0; i < count; i++) {
      const drawn = sequence(r, maxSteps);
      const kept = drawn.steps.filter((s) => ringLifecycle618Domain(s) === null);
      outside += drawn.steps.length - kept.length;
      if (kept.length === 0) continue;
      const seq = { ring: drawn.ring, steps: kept };
      const model = runModel(RING_LIFECYCLE_618_MODEL, seq);
      const got = await k.runSequence(seq);
      sequences++;
      steps += kept.length;
      kept.forEach((step, j) => {
        const m = model[j], g = got[j];
        if (g.res === m.res && g.posted && g.anomaly === undefined) return;
        disagreements++;
        const key = `${stepLabel(step)} | model ${m.rule} ${m.res} | kernel ${resName(g.res)} ${g.res}${g.posted ? '' : ' (no CQE)'}${g.anomaly ? ` (${g.anomaly})` : ''}`;
        const grp = groups.get(key) ?? { count: 0, examples: [] };
        grp.count++;
        if (grp.examples.length < show) grp.examples.push({ seed, index: i, step: j, sequence: sequenceToJson(seq) });
        groups.set(key, grp);
      });
    }
  }
  await k.close();
  for (const [key, g] of groups) {
    console.log(`${g.count} x ${key}`);
    for (const ex of g.examples) console.log(`  seed ${ex.seed} sequence ${ex.index} step ${ex.step}: ${JSON.stringify(ex.sequence, bigintJson)}`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${SPEC}: seeds ${from}..${from + seeds - 1}, ${sequences} sequences, ${steps} steps on ${caps.info.kernel?.release ?? 'the kernel'}, ${disagreements} disagreements in ${groups.size} groups, ${outside} drawn steps outside the domain left out (${secs} s)`);
  return disagreements ? 1 : 0;
}

process.exitCode = await main();
