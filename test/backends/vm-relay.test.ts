/**
 * The host relay (backends/c/vm-relay) on its own, driven byte by byte as the harness drives it,
 * with the stand-in QEMU (test/fixtures/vm/fake-qemu.mjs) as the guest: the hello gains
 * "vmChannel", request frames of both protocol versions cross the shared region with the lengths
 * the guest needs, and a frame the region cannot hold is refused with a reason, QEMU killed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../backends/registry.js';

const RELAY = join(projectRoot(), 'build', 'c', 'vm-relay');
const FAKE = join(projectRoot(), 'test', 'fixtures', 'vm', 'fake-qemu.mjs');
let dir = '';
/** Every relay started: a failing test must not leave one (or its QEMU) running. */
const started: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uring-spec-vm-relay-'));
  writeFileSync(join(dir, 'console.log'), '');
});
afterEach(() => {
  // the relay's death signal takes the stand-in with it
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The relay over the stand-in, with its stdout collected and its end awaited. */
function relay(args: string[], guestSerial = false) {
  const child = spawn(RELAY, [...args, '--', process.execPath, FAKE, '-chardev', `file,id=con,path=${join(dir, 'console.log')}`], {
    env: { ...process.env, FAKE_QEMU_MODE: 'ok', FAKE_QEMU_GUEST_SERIAL: guestSerial ? '1' : '0' },
  }) as ChildProcessWithoutNullStreams;
  started.push(child);
  let out = Buffer.alloc(0);
  let err = '';
  let wake: () => void = () => {};
  child.stdout.on('data', (b: Buffer) => {
    out = Buffer.concat([out, b]);
    wake();
  });
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const ended = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  /** Waits (bounded: the stand-in answers at once) until stdout satisfies `ready`. */
  const until = async (ready: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`relay: no ${what} (${out.length} bytes in); stderr: ${err}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  /** The next `n` bytes of stdout. */
  const take = async (n: number): Promise<Buffer> => {
    await until(() => out.length >= n, `${n} bytes`);
    const b = out.subarray(0, n);
    out = out.subarray(n);
    return b;
  };
  /** The next line of stdout, without its newline. */
  const line = async (): Promise<string> => {
    await until(() => out.includes(10), 'line');
    return (await take(out.indexOf(10) + 1)).toString().trimEnd();
  };
  return { child, take, line, ended, stderr: () => err };
}

const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b;
};

/** A sequence request: u32 0xffffffff, u32 n, the ring record, n step records of the given kinds. */
function sequence(kinds: number[]): Buffer {
  const steps = kinds.map((k) => {
    const s = Buffer.alloc(256);
    s.writeUInt32LE(k, 0);
    return s;
  });
  return Buffer.concat([u32(0xffffffff), u32(kinds.length), Buffer.alloc(64), ...steps]);
}

describe.skipIf(!existsSync(RELAY))('vm relay', () => {
  it('adds vmChannel to the hello and carries sequence requests and case batches through the region', async () => {
    const r = relay(['--ivshmem']);
    const hello = JSON.parse(await r.line()) as Record<string, unknown>;
    expect(Object.keys(hello)[0]).toBe('vmChannel');
    expect(hello).toMatchObject({ vmChannel: 'ivshmem', protocol: 'uring-spec/1', name: 'fake' });
    // a sequence of 3 steps: the stand-in answers res -(i + 1), flags = the step's kind
    r.child.stdin.write(sequence([1, 2, 3]));
    const seq = await r.take(4 + 3 * 64);
    expect(seq.readUInt32LE(0)).toBe(3);
    expect([0, 1, 2].map((i) => [seq.readInt32LE(4 + i * 64), seq.readUInt32LE(8 + i * 64)])).toEqual([
      [-1, 1],
      [-2, 2],
      [-3, 3],
    ]);
    // a batch of 2 cases, written in pieces as a pipe may deliver it
    const cases = Buffer.concat([u32(2), Buffer.alloc(256)]);
    cases.writeBigUInt64LE(7n, 4 + 32);
    cases.writeBigUInt64LE(9n, 4 + 128 + 32);
    r.child.stdin.write(cases.subarray(0, 3));
    await new Promise((t) => setTimeout(t, 20));
    r.child.stdin.write(cases.subarray(3));
    const batch = await r.take(4 + 2 * 64);
    expect([batch.readUInt32LE(0), batch.readInt32LE(4), batch.readInt32LE(68)]).toEqual([2, -7, -9]);
    r.child.stdin.end(u32(0));
    expect(await r.ended).toEqual({ code: 0, signal: null });
  });

  it('without --ivshmem, or with a guest that cannot map the region, passes every byte as is and names the serial channel', async () => {
    for (const args of [[], ['--ivshmem']]) {
      const r = relay(args, true);
      const hello = JSON.parse(await r.line()) as Record<string, unknown>;
      expect(hello.vmChannel).toMatch(/^serial \(no ivshmem-plain PCI device/);
      const req = Buffer.concat([u32(1), Buffer.alloc(128)]);
      req.writeBigUInt64LE(5n, 4 + 32);
      r.child.stdin.write(req);
      const out = await r.take(4 + 64);
      expect([out.readUInt32LE(0), out.readInt32LE(4)]).toEqual([1, -5]);
      r.child.stdin.end(u32(0));
      expect(await r.ended).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses a frame the region cannot hold, says why, and ends QEMU', async () => {
    const r = relay(['--ivshmem']);
    await r.line();
    // 4097 cases: 4 + 128 * 4097 bytes, more than the region's request area
    r.child.stdin.write(u32(4097));
    expect(await r.ended).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toMatch(/vm-relay: a request frame of 524420 bytes asking for a response of 262212, more than the shared region holds/);
  });
});
