/**
 * The vm backend's parts that need no VM: the option syntax, the newc archive, the image check,
 * the kernel-health scan, QEMU's command line, and the cleanup of run directories a dead harness
 * left behind. The boot itself is test/backends/vm-boot.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpioNewc } from '../../backends/vm/cpio.js';
import { consoleTail, scanHealth } from '../../backends/vm/console.js';
import { checkKernelImage } from '../../backends/vm/image.js';
import { DEFAULT_STARTUP_TIMEOUT_S, parseVmOptions } from '../../backends/vm/options.js';
import { cpuVirtualizes, kernelCmdline, qemuArgv } from '../../backends/vm/qemu.js';
import { cleanStaleRuns, runRoot } from '../../backends/vm/run-dir.js';
import { parseBackend } from '../../backends/registry.js';
import { BackendStartError } from '../../runner/backend.js';

describe('vm options', () => {
  it('takes an image and defaults', () => {
    expect(parseVmOptions('/boot/vmlinuz')).toEqual({ image: '/boot/vmlinuz', memMiB: 512, cpus: 1, append: '', qemu: undefined, startupTimeoutS: DEFAULT_STARTUP_TIMEOUT_S, log: undefined, channel: 'auto' });
  });
  it('reads every key; append keeps its commas', () => {
    const o = parseVmOptions('img,mem=1G,cpus=2,timeout=30,log=/tmp/c.log,qemu=/opt/q,channel=serial,append=a=1,b=2 c');
    expect(o).toEqual({ image: 'img', memMiB: 1024, cpus: 2, append: 'a=1,b=2 c', qemu: '/opt/q', startupTimeoutS: 30, log: '/tmp/c.log', channel: 'serial' });
    expect(parseVmOptions('img,channel=ivshmem').channel).toBe('ivshmem');
  });
  it.each([
    ['', /needs a kernel image/],
    [',mem=1G', /needs a kernel image/],
    ['img,foo=1', /unknown option 'foo' \(valid: mem, cpus, timeout, log, qemu, channel, append/],
    ['img,channel=virtio', /channel must be one of auto, ivshmem, serial, got 'virtio'/],
    ['img,mem=lots', /mem must be a size like 512M/],
    ['img,mem=64M', /between 128M and 64G/],
    ['img,cpus=0', /cpus must be an integer in 1\.\.64/],
    ['img,timeout=', /'timeout' needs a value/],
    ['img,cpus=1,cpus=2', /given twice/],
  ])('rejects %j', (text, re) => {
    expect(() => parseVmOptions(text)).toThrow(re);
  });
  it('is reached through parseBackend, with the same errors', () => {
    expect(() => parseBackend('vm:img,bogus=1', 'nop@6.18')).toThrow(/^vm: unknown option 'bogus'/);
    expect(parseBackend('vm:img', 'nop@6.18').name).toBe('vm:img');
  });
});

/** Reads a newc archive back: [name, mode, size, rdevmajor, rdevminor, data] per member. */
function readNewc(a: Uint8Array): { name: string; mode: number; data: Buffer; rmaj: number; rmin: number }[] {
  const b = Buffer.from(a);
  const out = [];
  let at = 0;
  for (;;) {
    expect(at % 4).toBe(0);
    expect(b.toString('ascii', at, at + 6)).toBe('070701');
    const f = (i: number) => parseInt(b.toString('ascii', at + 6 + i * 8, at + 14 + i * 8), 16);
    const mode = f(1);
    const size = f(6);
    const namesize = f(11);
    const name = b.toString('utf8', at + 110, at + 110 + namesize - 1);
    expect(b[at + 110 + namesize - 1]).toBe(0);
    let p = at + 110 + namesize;
    p += (4 - (p % 4)) % 4;
    const data = b.subarray(p, p + size);
    p += size;
    p += (4 - (p % 4)) % 4;
    if (name === 'TRAILER!!!') {
      expect(p).toBe(b.length);
      return out;
    }
    out.push({ name, mode, data, rmaj: f(9), rmin: f(10) });
    at = p;
  }
}

describe('cpioNewc', () => {
  it('writes members the way the kernel reads them, 4-byte aligned, ended by the trailer', () => {
    const a = cpioNewc([
      { kind: 'dir', path: 'dev' },
      { kind: 'chardev', path: '/dev/console', major: 5, minor: 1 },
      { kind: 'file', path: 'init', data: new Uint8Array([1, 2, 3, 4, 5]), mode: 0o755 },
      { kind: 'file', path: 'a', data: new Uint8Array(0) },
    ]);
    const m = readNewc(a);
    expect(m.map((x) => x.name)).toEqual(['dev', 'dev/console', 'init', 'a']);
    expect(m.map((x) => x.mode.toString(8))).toEqual(['40755', '20600', '100755', '100644']);
    expect([m[1]!.rmaj, m[1]!.rmin]).toEqual([5, 1]);
    expect([...m[2]!.data]).toEqual([1, 2, 3, 4, 5]);
    expect(m[3]!.data.length).toBe(0);
  });
  it.each([
    [[{ kind: 'dir' as const, path: '' }], /bad path ''/],
    [[{ kind: 'dir' as const, path: 'a/../b' }], /bad path 'a\/..\/b'/],
    [[{ kind: 'dir' as const, path: 'a' }, { kind: 'dir' as const, path: '/a' }], /'a' is in the archive twice/],
  ])('rejects %j', (entries, re) => {
    expect(() => cpioNewc(entries)).toThrow(re);
  });
});

describe('checkKernelImage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uring-spec-vm-parts-'));
  it('accepts a bzImage header and returns its boot protocol version', () => {
    const img = Buffer.alloc(0x400);
    img.write('HdrS', 0x202, 'ascii');
    img.writeUInt16LE(0x020f, 0x206);
    writeFileSync(join(dir, 'bz'), img);
    expect(checkKernelImage(join(dir, 'bz'))).toBe('2.15');
  });
  it('names what is wrong: missing, a directory, not a kernel, an ELF vmlinux', () => {
    writeFileSync(join(dir, 'text'), 'root:x:0:0:root:/root:/bin/bash\n');
    const elf = Buffer.alloc(0x400);
    elf.writeUInt32LE(0x464c457f, 0);
    writeFileSync(join(dir, 'vmlinux'), elf);
    expect(() => checkKernelImage(join(dir, 'nope'))).toThrow(/^vm: kernel image .*nope: ENOENT/);
    expect(() => checkKernelImage(dir)).toThrow(/is not a regular file/);
    expect(() => checkKernelImage(join(dir, 'text'))).toThrow(/is not an x86 kernel image: no bzImage header/);
    expect(() => checkKernelImage(join(dir, 'vmlinux'))).toThrow(/an ELF file: pass the bzImage/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('kernel health', () => {
  const boot = '[    0.000000] Linux version 6.1.0\r\n[    1.0] acpi PNP0A03:00: fail to add MMCONFIG information\n';
  it('finds nothing in a clean boot', () => {
    expect(scanHealth(boot)).toBeNull();
  });
  it.each([
    ['[  5.2] Kernel panic - not syncing: VFS: Unable to mount root fs', 'kernel panic'],
    ['[  9.1] WARNING: CPU: 0 PID: 77 at io_uring/io_uring.c:1234 io_submit_sqes+0x1/0x2', 'WARN'],
    ['[  9.1] BUG: kernel NULL pointer dereference, address: 0000000000000008', 'BUG'],
    ['[  9.1] Oops: 0000 [#1] PREEMPT SMP NOPTI', 'oops'],
    ['[  9.1] BUG: KASAN: slab-use-after-free in io_req_task_work_add+0x1/0x2', 'KASAN report'],
    ['[  9.1] UBSAN: shift-out-of-bounds in io_uring/bpf.c:10:2', 'UBSAN report'],
  ])('reports %j as a %s, with the lines around it', (line, name) => {
    const r = scanHealth(`${boot}${line}\n[  9.2] Call Trace:\n`);
    expect(r?.name).toBe(name);
    expect(r?.excerpt).toContain(line);
    expect(r?.excerpt).toContain('Call Trace:');
    expect(r?.excerpt).not.toContain('\r');
  });
  it('quotes the last lines of the console, bounded', () => {
    const text = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    expect(consoleTail(text, 3)).toBe('line 37\nline 38\nline 39');
    expect(consoleTail('x'.repeat(5000), 15, 100)).toBe(`...${'x'.repeat(100)}`);
  });
});

describe('QEMU command line', () => {
  const plan = { kernel: '/k', initrd: '/r/initrd.cpio', consoleLog: '/r/console.log', memMiB: 512, cpus: 1, append: 'rdinit=/x', kvm: false };
  it('keeps the console on ttyS0 and the protocol on ttyS1 (stdio), with no monitor and no reboot', () => {
    const a = qemuArgv(plan);
    const serials = a.flatMap((x, i) => (x === '-serial' ? [a[i + 1]] : []));
    expect(serials).toEqual(['chardev:con', 'chardev:proto']);
    expect(a).toContain('stdio,id=proto,signal=off');
    for (const flag of ['-nodefaults', '-no-reboot', '-monitor', '-display']) expect(a).toContain(flag);
    expect(a.slice(0, 2)).toEqual(['-accel', 'tcg']);
    expect(qemuArgv({ ...plan, kvm: true }).slice(0, 3)).toEqual(['-enable-kvm', '-cpu', 'host']);
  });
  it('takes KVM only from a CPU that shows vmx or svm (a nested guest can open /dev/kvm and still not run one)', () => {
    expect(cpuVirtualizes('processor\t: 0\nflags\t\t: fpu vme de pse vmx sse\n')).toBe(true);
    expect(cpuVirtualizes('flags\t\t: fpu svm lm\n')).toBe(true);
    expect(cpuVirtualizes('flags\t\t: fpu vme de pse tsc msr hypervisor\n')).toBe(false);
    // a word containing the letters is not the flag
    expect(cpuVirtualizes('flags\t\t: fpu vmxnet svmlike\n')).toBe(false);
  });
  it('puts the user append last, so it can override rdinit', () => {
    expect(kernelCmdline('rdinit=/x')).toBe('console=ttyS0 panic=-1 loglevel=5 rdinit=/init rdinit=/x');
    expect(kernelCmdline('')).not.toMatch(/quiet/);
  });
});

/** Runs fn with the run directories under a fresh temporary root (removed after). */
async function inRunRoot(fn: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'uring-spec-vm-runs-'));
  const saved = process.env.URING_SPEC_VM_RUN_DIR;
  process.env.URING_SPEC_VM_RUN_DIR = root;
  try {
    await fn(root);
  } finally {
    if (saved === undefined) delete process.env.URING_SPEC_VM_RUN_DIR;
    else process.env.URING_SPEC_VM_RUN_DIR = saved;
    rmSync(root, { recursive: true, force: true });
  }
}

describe('run directories', () => {
  it('a dead harness\'s QEMU stand-in is killed and its directory removed; a live harness\'s is left alone', async () => {
    await inRunRoot(async () => {
      const base = runRoot();
      // a harness pid that cannot exist (above pid_max) and a live one (ours is skipped as ours, so use the parent's)
      const deadDir = join(base, '4194999-1');
      const liveDir = join(base, `${process.ppid}-1`);
      for (const d of [deadDir, liveDir]) mkdirSync(d, { recursive: true });
      // the stand-in names the dead run directory on its command line, as QEMU names its initrd
      // there (libuv returns from spawn after the exec, so the command line is already in place)
      const standIn = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)', `${deadDir}/initrd.cpio`], { stdio: 'ignore' });
      writeFileSync(join(deadDir, 'qemu.pid'), `${standIn.pid}\n`);
      const exited = new Promise((r) => standIn.on('exit', r));
      expect(readFileSync(`/proc/${standIn.pid}/cmdline`, 'utf8')).toContain(deadDir);
      const killed = cleanStaleRuns();
      expect(killed).toEqual([standIn.pid]);
      await exited;
      expect(existsSync(deadDir)).toBe(false);
      expect(existsSync(liveDir)).toBe(true);
    });
  });
});

describe('run directories: the relay\'s process group', () => {
  it('a dead harness\'s relay is killed with its whole process group, QEMU included', async () => {
    await inRunRoot(async (root) => {
      const deadDir = join(runRoot(), '4194998-1');
      mkdirSync(deadDir, { recursive: true });
      // a stand-in relay leading its own group (as the exec backend starts it) with a child that
      // does not name the run directory and has no death signal: only the group kill reaches it
      const child = join(root, 'child.pid');
      const script = `const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' }); require('fs').writeFileSync(${JSON.stringify(child)}, String(c.pid)); setTimeout(() => {}, 600000);`;
      const relay = spawn(process.execPath, ['-e', script, `${deadDir}/initrd.cpio`], { stdio: 'ignore', detached: true });
      writeFileSync(join(deadDir, 'qemu.pid'), `${relay.pid}\n`);
      const exited = new Promise((r) => relay.on('exit', r));
      let childPid = 0;
      for (let i = 0; i < 400 && !childPid; i++) {
        if (existsSync(child)) childPid = Number(readFileSync(child, 'utf8'));
        else await new Promise((r) => setTimeout(r, 25));
      }
      expect(childPid).toBeGreaterThan(0);
      expect(cleanStaleRuns()).toEqual([relay.pid]);
      await exited;
      const stopped = (): boolean => {
        try {
          return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${childPid}/stat`, 'utf8'));
        } catch {
          return true; // gone
        }
      };
      let gone = false;
      for (let i = 0; i < 200 && !gone; i++) {
        gone = stopped();
        if (!gone) await new Promise((r) => setTimeout(r, 25));
      }
      expect(gone).toBe(true);
    });
  });
});

describe('vm backend start errors (no boot needed)', () => {
  it('a file that is not a kernel is a start error naming the file, before QEMU is looked for or started', async () => {
    const b = parseBackend('vm:/etc/hostname,qemu=/bin/true', 'nop@6.18');
    try {
      await expect(b.probe()).rejects.toThrow(BackendStartError);
      await expect(b.probe()).rejects.toThrow(/\/etc\/hostname is not an x86 kernel image/);
    } finally {
      await b.close();
    }
  });
  it('a missing QEMU says so and how to install it', async () => {
    const b = parseBackend('vm:/etc/hostname,qemu=/nonexistent/qemu-system-x86_64', 'nop@6.18');
    try {
      await expect(b.probe()).rejects.toThrow(/QEMU not found \(\/nonexistent\/qemu-system-x86_64\); install it/);
    } finally {
      await b.close();
    }
  });
});
