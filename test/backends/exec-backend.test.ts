import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BackendFailure, BackendStartError, type Backend } from '../../runner/backend.js';
import { execBackend, type ExecBackend, type ExecOptions } from '../../backends/exec/exec-backend.js';
import { listMutants, parseBackend, projectRoot } from '../../backends/registry.js';
import type { Case } from '../../properties/case.js';
import { IORING_OP_BPF, IORING_SETUP_BPF, canonicalBufAddr } from '../../spec/constants.js';
import { zeroSqe, type Sqe } from '../../spec/sqe-layout.js';
import type { RingContext } from '../../spec/context.js';

const ROOT = projectRoot();
const C_REF = join(ROOT, 'build', 'c', 'c-ref');
const FAKE = join(ROOT, 'test', 'fixtures', 'adapters', 'fake.mjs');
/** Generous: only "it did not hang", never a speed claim. */
const BOUND_MS = 15_000;

/** A process that still runs: present in /proc and not a zombie (an orphan's corpse waits for init). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const { buildC } = (await import(join(ROOT, 'scripts', 'build-c.mjs'))) as { buildC(o: { quiet?: boolean }): string[] };
  try {
    buildC({ quiet: true });
  } catch (e) {
    // Another program (the kernel adapter, say) may fail to build here; c-ref is what counts.
    if ((e as Error).message.includes('compiling c-ref failed')) throw e;
  }
}, 120_000);

const opened: Backend[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

function track<B extends Backend>(b: B): B {
  opened.push(b);
  return b;
}

function fake(mode: string, opts: ExecOptions = {}): ExecBackend {
  return track(execBackend([process.execPath, FAKE, mode], { batchTimeoutMs: 300, helloTimeoutMs: BOUND_MS, ...opts }));
}

/** Whether a process id still names a process (zombies included, so only reaped ones are gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

const BPF_RING: RingContext = { setupFlags: IORING_SETUP_BPF, nrBufs: 0, bufSize: 4096, ops: [3], personalities: 0 };
/** bpf_op_flags for op 3, buffer 1 plain, buffer 2 none, no custom flags. */
const OP3_PLAIN = (3 << 24) | (1 << 21);

function bpfCase(sqe: Partial<Sqe>, ctx: Partial<RingContext> = {}): Case {
  return { sqe: { ...zeroSqe(), opcode: IORING_OP_BPF, op_flags: OP3_PLAIN, addr: 0x1000n, len: 16, ...sqe }, ctx: { ...BPF_RING, ...ctx } };
}

/** A case the fakes answer with res = -(user_data & 0xffff). */
function tagged(tag: number): Case {
  return bpfCase({ user_data: BigInt(tag) });
}

describe('execBackend against the C reference', () => {
  test('probe reports the hello', async () => {
    const b = track(execBackend([C_REF], { name: 'c-ref' }));
    expect(await b.probe()).toEqual({ name: 'c-ref', specs: ['bpf@v1'], unsupported: {}, data: true, registeredOps: true, maxBatch: 4096, info: {} });
    expect(b.pid).toBeTypeOf('number');
  });

  test('the default name is exec:<command>, and maxBatch is capped at 4096', async () => {
    const b = track(execBackend([C_REF], { maxBatch: 100_000 }));
    const caps = await b.probe();
    expect(caps.name).toBe(`exec:${C_REF}`);
    expect(caps.maxBatch).toBe(4096);
  });

  test('hand-picked cases give the reference results', async () => {
    const b = track(execBackend([C_REF]));
    const got = await b.run([
      bpfCase({}),
      bpfCase({}, { setupFlags: 0 }),
      bpfCase({ flags: 1 << 7 }),
      bpfCase({ op_flags: (4 << 24) | (1 << 21) }),
      bpfCase({ op_flags: (3 << 24) | (2 << 21), addr: canonicalBufAddr(1) + 0x10n, len: 0x20, buf_index: 1 }, { nrBufs: 2 }),
      bpfCase({ flags: 1 << 6 }),
    ]);
    expect(got[0]).toEqual({ res: 0, posted: true, data: { opf: OP3_PLAIN, buf1_addr: 0x1000n, buf1_len: 16, buf2_addr: 0n, buf2_len: 0, buf_index: 0 } });
    expect(got[1]).toEqual({ res: -13, posted: true, data: null }); // bpf.setup.missing: EACCES
    expect(got[2]).toEqual({ res: -22, posted: true, data: null }); // undefined sqe flag bit 7: EINVAL
    expect(got[3]!.res).toBeLessThan(0); // op 4 has no registered prep_fn
    expect(got[3]!.data).toBeNull();
    expect(got[4]).toMatchObject({ res: 0, data: { buf1_addr: canonicalBufAddr(1) + 0x10n, buf1_len: 0x20, buf_index: 1 } });
    expect(got[5]).toMatchObject({ res: 0, posted: false }); // IOSQE_CQE_SKIP_SUCCESS on a success
  });

  test('5000 cases are split into batches and answered in order', async () => {
    const cases = Array.from({ length: 5000 }, (_, i) => (i % 7 === 3 ? bpfCase({ len: i }, { setupFlags: 0 }) : bpfCase({ addr: 0x1000n + BigInt(i) * 16n, len: i })));
    for (const maxBatch of [4096, 1000]) {
      const b = track(execBackend([C_REF], { maxBatch }));
      const got = await b.run(cases);
      expect(got).toHaveLength(5000);
      got.forEach((o, i) => {
        if (i % 7 === 3) expect(o.res, `case ${i}`).toBe(-13);
        else expect(o.data, `case ${i}`).toEqual({ opf: OP3_PLAIN, buf1_addr: 0x1000n + BigInt(i) * 16n, buf1_len: i, buf2_addr: 0n, buf2_len: 0, buf_index: 0 });
      });
    }
  });

  test('an empty run sends nothing, and the process is reused across runs', async () => {
    const b = track(execBackend([C_REF]));
    expect(await b.run([])).toEqual([]);
    await b.run([bpfCase({})]);
    const pid = b.pid;
    await b.run([bpfCase({})]);
    expect(b.pid).toBe(pid);
  });

  test('close() ends the adapter, and is idempotent', async () => {
    const b = execBackend([C_REF]);
    await b.probe();
    const pid = b.pid!;
    await b.close();
    expect(alive(pid)).toBe(false);
    await b.close();
  });
});

describe('execBackend against misbehaving adapters', () => {
  test('a fake that behaves: extra hello keys land in info; a string command goes through the shell', async () => {
    const b = track(execBackend(`'${process.execPath}' '${FAKE}' ok`));
    const caps = await b.probe();
    expect(caps).toMatchObject({ name: `exec:'${process.execPath}' '${FAKE}' ok`, specs: ['bpf@v1'], data: true, info: { extra: { answer: 42 } } });
    expect((await b.run([tagged(5), tagged(9)])).map((o) => o.res)).toEqual([-5, -9]);
  });

  test('a command that does not exist: BackendStartError naming it', async () => {
    await expect(track(execBackend(['/nonexistent/adapter'])).probe()).rejects.toThrow(BackendStartError);
    await expect(track(execBackend(['/nonexistent/adapter'])).probe()).rejects.toThrow(/\/nonexistent\/adapter.*ENOENT/);
    await expect(track(execBackend('/nonexistent/adapter --flag')).probe()).rejects.toThrow(/'\/nonexistent\/adapter --flag' exited with code 127 before its hello; stderr: .*not found/);
  });

  test('a hello that is not JSON, or names another protocol: BackendStartError', async () => {
    await expect(fake('not-json').probe()).rejects.toThrow(BackendStartError);
    await expect(fake('not-json').probe()).rejects.toThrow(/invalid hello \(not JSON: "this is not a hello"\)/);
    await expect(fake('wrong-protocol').probe()).rejects.toThrow(/invalid hello \(protocol is "uring-spec\/0", expected "uring-spec\/1" or "uring-spec\/2"\)/);
  });

  test('no hello in time: BackendStartError, and the adapter is killed', async () => {
    const b = fake('no-hello', { helloTimeoutMs: 300 });
    await expect(b.probe()).rejects.toThrow(/printed no hello line within 300 ms \(raise it with --startup-timeout SECONDS or URING_SPEC_STARTUP_TIMEOUT_MS\)/);
    expect(b.pid).toBeUndefined();
  });

  test('exits right after its hello: restarted twice, then given up on with one persistent failure that says so', async () => {
    const spawned: number[] = [];
    const b = fake('exit-after-hello', { onSpawn: (pid) => spawned.push(pid) });
    await b.probe();
    await expect(b.run([tagged(1)])).rejects.toThrow(BackendFailure);
    await expect(b.run([tagged(1)])).rejects.toThrow(/adapter exited with code 0 during batch 2 \(1 case\)/);
    const verdict = (await b.run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(verdict).toBeInstanceOf(BackendFailure);
    expect(verdict).toMatchObject({ kind: 'crash', persistent: true });
    expect(verdict.message).toMatch(/exits after every batch: 3 sessions in a row ended before answering .* and a fresh one exited with code 0 within 300 ms of its hello without being sent a case/);
    // given up: no more restarts, the same failure at once
    const before = spawned.length;
    expect(await b.run([tagged(2)]).catch((e: unknown) => e)).toBe(verdict);
    expect(spawned.length).toBe(before);
    expect(b.pid).toBeUndefined();
  });

  test('a crash on one case is not mistaken for an adapter that exits after every batch', async () => {
    const b = fake('crash-on-dead');
    await b.run([tagged(1)]);
    for (let i = 0; i < 6; i++) await expect(b.run([tagged(0xdead)])).rejects.toMatchObject({ kind: 'crash', persistent: false });
    expect((await b.run([tagged(4)]))[0]!.res).toBe(-4);
  });

  test('dies on every batch after a crash, even on a case it answered before: given up on as "exits after every batch"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uring-spec-exec-'));
    try {
      const b = track(execBackend([process.execPath, FAKE, 'good-then-dies', join(dir, 'started')], { batchTimeoutMs: 300 }));
      expect((await b.run([tagged(1)]))[0]!.res).toBe(-1);
      await expect(b.run([tagged(0xdead)])).rejects.toMatchObject({ kind: 'crash', persistent: false });
      await expect(b.run([tagged(2)])).rejects.toMatchObject({ persistent: false });
      await expect(b.run([tagged(3)])).rejects.toMatchObject({ persistent: false });
      const verdict = (await b.run([tagged(4)]).catch((e: unknown) => e)) as BackendFailure;
      expect(verdict).toMatchObject({ kind: 'crash', persistent: true });
      expect(verdict.message).toMatch(/exits after every batch: 3 sessions in a row ended before answering, and a fresh one ended on a case it had answered before \(adapter exited with code 5/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('crashes on every case, never answering: given up on after six different single cases, not before', async () => {
    const b = fake('segv');
    for (let i = 1; i <= 5; i++) await expect(b.run([tagged(i)])).rejects.toMatchObject({ kind: 'crash', persistent: false });
    // the same case again is no new evidence
    await expect(b.run([tagged(5)])).rejects.toMatchObject({ persistent: false });
    const verdict = (await b.run([tagged(6)]).catch((e: unknown) => e)) as BackendFailure;
    expect(verdict).toMatchObject({ kind: 'crash', persistent: true });
    expect(verdict.message).toMatch(/crashes on every case: it never answered a batch, and died on each of 6 different cases sent alone \(last: was killed by SIGSEGV/);
  });

  test('hello, then never an answer: given up on after two hangs as "never answers"', async () => {
    const b = fake('hang');
    await expect(b.run([tagged(1)])).rejects.toMatchObject({ kind: 'hang', persistent: false });
    const verdict = (await b.run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(verdict).toMatchObject({ kind: 'hang', persistent: true });
    expect(verdict.message).toMatch(/never answers: 2 sessions in a row answered no batch within 300 ms \(raise it with --batch-timeout/);
  });

  test('killed by a signal, also through sh -c (exit code 128 + n): the signal is named', async () => {
    const direct = (await fake('segv').run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(direct.message).toMatch(/adapter was killed by SIGSEGV during batch 1/);
    const viaShell = (await track(execBackend(`'${process.execPath}' '${FAKE}' segv; exit $?`, { batchTimeoutMs: 300 })).run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(viaShell.message).toMatch(/adapter exited with code 139 \(128 \+ SIGSEGV: its command was killed by SIGSEGV\)/);
    expect(viaShell.kind).toBe('crash');
  });

  test('a grandchild that left the process group (setsid) is killed too', async () => {
    // Other test files run adapters whose children carry a marker too: look for this one's
    // grandchild by its pid, and give the kernel a moment to finish a delivered SIGKILL.
    const dir = mkdtempSync(join(tmpdir(), 'uring-spec-exec-'));
    try {
      const pidFile = join(dir, 'grandchild');
      const b = track(execBackend([process.execPath, FAKE, 'setsid-grandchild', pidFile], { batchTimeoutMs: 300, helloTimeoutMs: BOUND_MS }));
      await b.run([tagged(1)]);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      expect(running(pid)).toBe(true);
      await b.close();
      const deadline = Date.now() + BOUND_MS;
      while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(running(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('crashes mid-batch: BackendFailure with the exit code and stderr; the next run restarts it', async () => {
    const b = fake('crash-on-dead');
    expect((await b.run([tagged(1)]))[0]!.res).toBe(-1);
    const first = b.pid!;
    const err = await b.run([tagged(2), tagged(0xdead)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendFailure);
    expect((err as Error).message).toMatch(/adapter exited with code 3 during batch 2 \(2 cases\); stderr: fake: crashing on purpose/);
    expect(err).toMatchObject({ kind: 'crash', stderrTail: 'fake: crashing on purpose', persistent: false });
    expect(alive(first)).toBe(false);
    expect((await b.run([tagged(7), tagged(8)])).map((o) => o.res)).toEqual([-7, -8]);
    expect(b.pid).not.toBe(first);
  });

  test('a restart that fails after a crash is a BackendFailure, not a start error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uring-spec-exec-'));
    try {
      const b = track(execBackend([process.execPath, FAKE, 'crash-then-bad-hello', join(dir, 'started')], { batchTimeoutMs: 300 }));
      await b.run([tagged(1)]);
      await expect(b.run([tagged(0xdead)])).rejects.toThrow(/adapter exited with code 3/);
      const err = await b.run([tagged(1)]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendFailure);
      expect((err as Error).message).toMatch(/restarting the adapter failed: .* sent an invalid hello \(not JSON: "garbage"\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hangs: BackendFailure after the batch timeout, and the adapter is gone', async () => {
    const b = fake('hang');
    await b.probe();
    const pid = b.pid!;
    const t0 = Date.now();
    await expect(b.run([tagged(1), tagged(2)])).rejects.toThrow(/no response within 300 ms to batch 1 \(2 cases\) \(raise it with --batch-timeout SECONDS or URING_SPEC_BATCH_TIMEOUT_MS\)/);
    expect(Date.now() - t0).toBeLessThan(BOUND_MS);
    expect(alive(pid)).toBe(false);
  });

  test('a wrong count (n-1, n+1): a persistent protocol failure naming the batch, and the adapter is gone', async () => {
    for (const [mode, got] of [['wrong-count', 1], ['count-plus-one', 3]] as const) {
      const b = fake(mode);
      await b.probe();
      const pid = b.pid!;
      const err = await b.run([tagged(1), tagged(2)]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendFailure);
      expect(err).toMatchObject({ kind: 'protocol', persistent: true });
      expect((err as Error).message).toMatch(new RegExp(`answered ${got} outcomes to batch 1 \\(2 cases\\) \\(expected 2\\)`));
      expect(alive(pid)).toBe(false);
      // no bisection into single cases that would each restart it: the same failure at once
      expect(await b.run([tagged(1)]).catch((e: unknown) => e)).toBe(err);
    }
  });

  test('a short read and garbage are protocol failures that show the bytes', async () => {
    const short = (await fake('short').run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(short).toMatchObject({ kind: 'protocol', persistent: true });
    expect(short.message).toMatch(/short read: 36 of the 68 bytes of its response to batch 1 \(1 case\), then nothing more within the batch timeout \(hex 01 00 00 00 ff ff ff ff/);
    const garbage = (await fake('garbage').run([tagged(1)]).catch((e: unknown) => e)) as BackendFailure;
    expect(garbage).toMatchObject({ kind: 'protocol' });
    expect(garbage.message).toMatch(/answered batch 1 \(1 case\) with bytes that are no response \(hex 73 74 72 61 6e 67 65 .*, text "strange things\\n"\)/);
  });

  test('a malformed record (flag bit 7): BackendFailure naming the record', async () => {
    const b = fake('bad-flags');
    await b.probe();
    const pid = b.pid!;
    const err = await b.run([tagged(1), tagged(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendFailure);
    expect((err as Error).message).toMatch(/malformed outcome record 1 in its response to batch 1 \(2 cases\): undefined flag bits 0x80/);
    expect(err).toMatchObject({ kind: 'protocol' });
    expect(alive(pid)).toBe(false);
  });

  test('bytes on stdout outside a response fail the next batch', async () => {
    const b = fake('stray');
    await b.run([tagged(1)]);
    await new Promise((r) => setTimeout(r, 200));
    const err = (await b.run([tagged(2)]).catch((e: unknown) => e)) as BackendFailure;
    expect(err).toMatchObject({ kind: 'protocol' });
    expect(err.message).toMatch(/wrote 5 bytes on stdout outside a response, before batch 2 \(1 case\) \(hex 6f 6f 70 73 0a, text "oops\\n"\)/);
  });

  test('close() kills an adapter that ignores the end, and leaves no child', async () => {
    const b = fake('ignore-end');
    await b.run([tagged(1)]);
    const pid = b.pid!;
    await b.close();
    expect(alive(pid)).toBe(false);
    expect(b.pid).toBeUndefined();
  });

  test('concurrent runs are serialised, each answered in order', async () => {
    const b = fake('ok');
    const runs = await Promise.all([1, 2, 3].map((k) => b.run(Array.from({ length: 50 }, (_, i) => tagged(k * 100 + i)))));
    runs.forEach((got, j) => expect(got.map((o) => o.res)).toEqual(Array.from({ length: 50 }, (_, i) => -((j + 1) * 100 + i))));
  });

  test('bad options are rejected by name', () => {
    expect(() => execBackend([])).toThrow(/^execBackend: the command is empty/);
    expect(() => execBackend(['x'], { maxBatch: 0 })).toThrow(/^execBackend: maxBatch/);
    const saved = process.env.URING_SPEC_BATCH_TIMEOUT_MS;
    process.env.URING_SPEC_BATCH_TIMEOUT_MS = 'soon';
    try {
      expect(() => execBackend(['x'])).toThrow(/^execBackend: URING_SPEC_BATCH_TIMEOUT_MS/);
      expect(() => execBackend(['x'], { batchTimeoutMs: 10 })).not.toThrow();
    } finally {
      if (saved === undefined) delete process.env.URING_SPEC_BATCH_TIMEOUT_MS;
      else process.env.URING_SPEC_BATCH_TIMEOUT_MS = saved;
    }
  });
});

// The registry's names resolve to these backends; checked here, where the C programs are built.
describe('parseBackend', () => {
  test('c-ref and a mutant run, named as typed', async () => {
    const ref = track(parseBackend('c-ref', 'bpf@v1'));
    const mutant = track(parseBackend('mutant:setup-missing-eopnotsupp', 'bpf@v1'));
    expect(ref.name).toBe('c-ref');
    expect((await mutant.probe()).name).toBe('mutant:setup-missing-eopnotsupp');
    const c = bpfCase({}, { setupFlags: 0 });
    expect((await ref.run([c]))[0]!.res).toBe(-13);
    expect((await mutant.run([c]))[0]!.res).toBe(-95);
  });

  test('model and exec: names', async () => {
    const model = track(parseBackend('model', 'bpf@v1'));
    expect((await model.run([bpfCase({}, { setupFlags: 0 })]))[0]!.res).toBe(-13);
    expect(parseBackend(`exec:${C_REF}`, 'bpf@v1').name).toBe(`exec:${C_REF}`);
  });

  test('unknown names list the valid ones', () => {
    expect(() => parseBackend('c-reff', 'bpf@v1')).toThrow("unknown backend 'c-reff' (valid: model, c-ref, kernel, mutant:<name>, exec:<command>, vm:<image>)");
    expect(() => parseBackend('mutant:nope', 'bpf@v1')).toThrow(new RegExp(`unknown mutant 'nope' \\(valid: ${listMutants()[0]!.name}, `));
    expect(() => parseBackend('exec:', 'bpf@v1')).toThrow(/needs a command/);
  });
});
