#!/usr/bin/env node
/**
 * fuzz-kernel: the live kernel against the model, with cases from a generator of its own.
 *
 * The properties' arbitraries are written by the same hands as the model, so they can share its
 * blind spots. This tool draws SQEs and ring contexts for nop@6.18 and fixed-buf@6.15 with a
 * plain seeded PRNG (mulberry32), wider than the spec's generators where the kernel can take it
 * (addresses above the user range, off = -1, RWF_* bits, odd buffer sizes, setup flag pairs),
 * runs every case through the kernel backend and through the model backend of the built package
 * (dist/: getSpec, parseBackend, modelBackend), and prints every case where they disagree: its
 * SQE as hex, its context, both results. Disagreements are grouped by (opcode, model rule,
 * kernel result) so a thousand cases of one cause read as one line.
 *
 *   node scripts/fuzz-kernel.mjs [--spec nop@6.18|fixed-buf@6.15|all] [--seeds N] [--from S]
 *        [--cases N] [--show K] [--one-at-a-time]
 *
 * Exit: 0 no disagreement, 1 disagreements, 2 bad usage or no kernel backend here.
 */
import { parseArgs } from 'node:util';
import { getSpec, modelBackend, parseBackend, sqeToHex, resName } from '../dist/index.js';
import { prng } from './prng.mjs';

const USAGE = 'usage: node scripts/fuzz-kernel.mjs [--spec nop@6.18|fixed-buf@6.15|all] [--seeds N] [--from S] [--cases N] [--show K] [--one-at-a-time]';

const BUF_BASE = 0x200000000000n;
const BUF_STRIDE = 0x100000n;
const U64 = (1n << 64n) - 1n;
/** The scratch file and descriptors nothing has open (the harness's contract with the adapter). */
const FDS = [100, 100, 100, 100, -1, 9999, 0x7fffffff, -0x80000000];
/** Setup flags: none, SUBMIT_ALL, COOP_TASKRUN, SINGLE_ISSUER, IOPOLL, CQE32, alone or in pairs. */
const SETUP = [0, 1 << 7, 1 << 8, 1 << 12, 1 << 0, 1 << 11];
/** RWF_*: HIPRI DSYNC SYNC NOWAIT APPEND NOAPPEND ATOMIC DONTCACHE NOSIGNAL, and two unknown bits. */
const RWF = [0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 1 << 9, 0x80000000];

function context(r) {
  let setupFlags = r.pick(SETUP);
  if (r.chance(0.3)) setupFlags |= r.pick(SETUP);
  return {
    setupFlags: setupFlags >>> 0,
    nrBufs: r.int(5),
    bufSize: r.pick([4096, 65536, 512, 1 + r.int(70000)]),
    ops: [],
    personalities: r.int(3),
  };
}

function address(r, ctx) {
  const slot = BigInt(r.int(Math.max(1, ctx.nrBufs + 1)));
  switch (r.int(8)) {
    case 0:
      return 0n;
    case 1:
      return BUF_BASE + slot * BUF_STRIDE - BigInt(1 + r.int(4096)); // just below a buffer
    case 2:
      return r.pick([0x800000000000n, 0xffff800000000000n, U64 - 4095n, 1n << 63n]); // above user space
    case 3:
      return BUF_BASE + slot * BUF_STRIDE + BigInt(ctx.bufSize) - BigInt(r.int(2)); // at a buffer's end
    default:
      return BUF_BASE + slot * BUF_STRIDE + BigInt(r.int(ctx.bufSize + 1));
  }
}

function length(r) {
  return r.pick([0, 1, 4096, 65536, 65537, r.int(70000), r.int(70000), r.u32()]) >>> 0;
}

function sqeFlags(r) {
  return r.chance(0.3) ? 0 : r.int(256);
}

function nopCase(r) {
  const ctx = context(r);
  const opcode = r.chance(0.9) ? 0 : 63 + r.int(193);
  const sqe = {
    opcode,
    flags: sqeFlags(r),
    ioprio: r.chance(0.85) ? 0 : r.pick([1, 0x2000, r.int(65536)]),
    fd: r.pick(FDS),
    off: r.chance(0.5) ? 0n : r.u64(),
    addr: r.chance(0.5) ? address(r, ctx) : r.u64(),
    len: r.chance(0.2) ? (r.s32() >>> 0) : length(r),
    op_flags: r.chance(0.9) ? r.int(64) : r.u32(),
    user_data: r.u64(),
    buf_index: r.chance(0.8) ? r.int(6) : r.int(65536),
    personality: r.int(4),
    splice_fd_in: r.chance(0.7) ? 0 : r.s32(),
    addr3: r.chance(0.7) ? 0n : r.u64(),
    pad2: r.chance(0.7) ? 0n : r.u64(),
  };
  return { sqe, ctx };
}

/** Bytes mapped from BUF_BASE in the kernel adapter (its "first 64 MiB"): plain I/O stays inside. */
const MAPPED = 64n << 20n;
/** The lowest address above the user address range on x86-64 (4-level paging). */
const ABOVE_USER = [0x800000000000n, 0xffff800000000000n, U64 - 4095n, 1n << 63n];

/**
 * Plain READ/WRITE read or write memory at addr for real: the spec's domain is memory that is
 * mapped (the canonical region), so the range stays inside the adapter's mapping - except for a
 * tenth of the cases, whose address is above the user address range, a rule of its own (the
 * kernel's access_ok at prep).
 */
function plainRange(r, ctx, len) {
  if (r.chance(0.1)) return { addr: r.pick(ABOVE_USER), len };
  const at = r.chance(0.5) ? address(r, ctx) - BUF_BASE : BigInt(r.int(4 << 20));
  const start = at < 0n ? 0n : at > MAPPED ? MAPPED : at;
  const room = MAPPED - start;
  return { addr: BUF_BASE + start, len: BigInt(len) > room ? Number(room) : len };
}

function fixedBufCase(r) {
  const ctx = context(r);
  const opcode = r.chance(0.92) ? r.pick([4, 5, 22, 23]) : 63 + r.int(193);
  let rw = 0;
  if (r.chance(0.4)) rw = r.pick(RWF);
  if (r.chance(0.1)) rw |= r.pick(RWF);
  // at most a MiB: longer plain I/O only measures the scratch file system
  const wanted = Math.min(length(r), 1 << 20);
  const fixed = opcode === 4 || opcode === 5;
  const { addr, len } = fixed ? { addr: address(r, ctx), len: wanted } : plainRange(r, ctx, wanted);
  const sqe = {
    opcode,
    flags: sqeFlags(r),
    ioprio: r.chance(0.85) ? 0 : r.pick([1, 0x2000, r.int(65536)]),
    fd: r.pick(FDS),
    off: r.chance(0.08) ? U64 : BigInt(r.pick([0, 65535, 65536, 65537, r.int(65536), r.int(1 << 20)])),
    addr,
    len,
    op_flags: rw >>> 0,
    user_data: r.u64(),
    buf_index: r.chance(0.85) ? r.int(6) : r.int(65536),
    personality: r.int(4),
    splice_fd_in: r.chance(0.7) ? 0 : r.s32(),
    addr3: r.chance(0.7) ? 0n : r.u64(),
    pad2: r.chance(0.8) ? 0n : r.pick([2n, 0x80n, 1n << 63n, r.u64()]),
  };
  return { sqe, ctx };
}

/**
 * What a case has that the spec's own generators never draw, for grouping: the disagreements of
 * one cause then share a key.
 */
function traits(c) {
  const t = [];
  const s = c.sqe;
  const rw = [4, 5, 22, 23].includes(s.opcode);
  if (rw && s.addr >= 0x800000000000n) t.push('addr above user range');
  if (rw && s.off === U64) t.push('off=-1');
  if (rw && s.op_flags & 0x8) t.push('RWF_NOWAIT');
  if (rw && s.op_flags & 0x1fe & ~0x8) t.push(`RWF 0x${(s.op_flags & 0x1fe & ~0x8).toString(16)}`);
  return t.length ? ` [${t.join(', ')}]` : '';
}

const outcomeClass = (o) => (o.anomaly ? 'anomaly' : o.res >= 0 ? 'ok' : resName(o.res)) + (o.posted ? '' : ' no CQE');

const GENERATORS = { 'nop@6.18': nopCase, 'fixed-buf@6.15': fixedBufCase };

function describe(o) {
  let s = `${o.res} (${resName(o.res)})`;
  if (!o.posted) s += ' no CQE';
  if (o.rule) s += ` ${o.rule}`;
  if (o.anomaly) s += ` ANOMALY ${o.anomaly}`;
  return s;
}

function agree(k, m) {
  return !k.anomaly && k.res === m.res && k.posted === m.posted;
}

async function fuzzSpec(specId, o) {
  const spec = getSpec(specId);
  const kernel = parseBackend('kernel', specId);
  const model = modelBackend(specId, { [specId]: (c) => spec.model(c) });
  const groups = new Map();
  let total = 0;
  let bad = 0;
  // disagreements on cases the spec says it does not describe (its domain) are counted apart:
  // they show what is not modelled, not a wrong model
  let outside = 0;
  let outsideBad = 0;
  try {
    const caps = await kernel.probe();
    if (!caps.specs.includes(specId)) {
      console.log(`${specId}: skipped, the kernel backend cannot run it here: ${caps.unsupported[specId] ?? 'unsupported'}`);
      return { total, bad, skipped: true };
    }
    for (let seed = o.from; seed < o.from + o.seeds; seed++) {
      const r = prng(seed ^ (specId === 'nop@6.18' ? 0x6e6f70 : 0x666978));
      const cases = Array.from({ length: o.cases }, () => GENERATORS[specId](r));
      const [got, want] = await Promise.all([kernel.run(cases), model.run(cases)]);
      for (let i = 0; i < cases.length; i++) {
        total++;
        const why = spec.domain(cases[i].sqe, cases[i].ctx);
        if (why) outside++;
        if (agree(got[i], want[i])) continue;
        if (why) outsideBad++;
        else bad++;
        const op = cases[i].sqe.opcode < 63 ? cases[i].sqe.opcode : '63+';
        const key = `${why ? 'OUTSIDE the domain: ' : ''}opcode ${op}: model ${want[i].rule} (${outcomeClass(want[i])}), kernel ${outcomeClass(got[i])}${traits(cases[i])}`;
        const g = groups.get(key) ?? { count: 0, examples: [] };
        g.count++;
        if (g.examples.length < o.show) g.examples.push({ seed, index: i, c: cases[i], k: got[i], m: want[i] });
        groups.set(key, g);
      }
    }
  } finally {
    await kernel.close();
    await model.close();
  }
  console.log(`${specId}: ${total} cases (seeds ${o.from}..${o.from + o.seeds - 1}, ${o.cases} each): ${bad} disagreements inside the spec's domain; ${outside} cases outside it, ${outsideBad} of them disagreeing (${groups.size} groups in all)`);
  for (const [key, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${g.count} x ${key}`);
    for (const e of g.examples) {
      console.log(`    seed ${e.seed} case ${e.index}: sqe ${sqeToHex(e.c.sqe)}`);
      console.log(`      ctx ${JSON.stringify(e.c.ctx)}`);
      console.log(`      kernel ${describe(e.k)}`);
      console.log(`      model  ${describe(e.m)}`);
    }
  }
  return { total, bad, skipped: false };
}

function positiveInt(name, text, dflt) {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fuzz-kernel: --${name} must be a non-negative integer, got '${text}'\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main() {
  let v;
  try {
    ({ values: v } = parseArgs({ options: { spec: { type: 'string' }, seeds: { type: 'string' }, from: { type: 'string' }, cases: { type: 'string' }, show: { type: 'string' }, 'one-at-a-time': { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (e) {
    console.error(`fuzz-kernel: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (v.help) {
    console.log(USAGE);
    return;
  }
  const specs = !v.spec || v.spec === 'all' ? Object.keys(GENERATORS) : [v.spec];
  for (const s of specs) {
    if (!GENERATORS[s]) {
      console.error(`fuzz-kernel: no generator for spec '${s}' (valid: ${Object.keys(GENERATORS).join(', ')}, all)`);
      process.exit(2);
    }
  }
  // the adapter reads it at start: every case alone, to tell batching from the kernel
  if (v['one-at-a-time']) process.env.URING_SPEC_KERNEL_ONE_AT_A_TIME = '1';
  const o = { seeds: positiveInt('seeds', v.seeds, 20), from: positiveInt('from', v.from, 1), cases: positiveInt('cases', v.cases, 5000), show: positiveInt('show', v.show, 2) };
  let bad = 0;
  let ran = 0;
  for (const s of specs) {
    const r = await fuzzSpec(s, o);
    bad += r.bad;
    if (!r.skipped) ran++;
  }
  if (ran === 0) process.exit(2);
  process.exit(bad > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`fuzz-kernel: ${e.message}`);
  process.exit(2);
});
