/**
 * Finding QEMU and the command line that boots a kernel with the harness's initramfs: no
 * graphics, no monitor, no default devices; the console (ttyS0) into a log file and the protocol
 * on the second 16550 (ttyS1), wired to QEMU's own stdin/stdout so the exec backend drives it as an
 * ordinary adapter command. Both UARTs are built into distribution kernels (CONFIG_SERIAL_8250=y),
 * so no module is needed; virtio-console usually is one.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const QEMU_DEFAULT = 'qemu-system-x86_64';

/** The kernel command line before the user's `append`. See kernelCmdline for why each is there. */
export const BASE_CMDLINE = ['console=ttyS0', 'panic=-1', 'loglevel=5', 'rdinit=/init'];

/** Whether a file exists and may be executed. */
function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The QEMU binary: `qemu` if given (a path, or a name looked up on PATH), else qemu-system-x86_64 on PATH; null when absent. */
export function findQemu(qemu?: string): string | null {
  return findProgram(qemu ?? QEMU_DEFAULT);
}

/** A program by path, or by name on PATH; null when it is not there or not executable. */
export function findProgram(name: string): string | null {
  if (name.includes('/')) return executable(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (executable(p)) return p;
  }
  return null;
}

/** `QEMU emulator version 7.2.22 (...)` -> `7.2.22`; null when the binary does not answer. */
export function qemuVersion(qemu: string): string | null {
  try {
    const out = execFileSync(qemu, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /version\s+(\S+)/.exec(out)?.[1] ?? out.split('\n')[0]!.trim();
  } catch {
    return null;
  }
}

/** KVM only when /dev/kvm can be opened for writing; TCG (software emulation) otherwise. */
export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What `uring-spec backends` says about the vm backend here. */
export interface VmAvailability {
  available: boolean;
  qemu: string | null;
  version: string | null;
  accel: 'kvm' | 'tcg';
  /** Why it is unavailable, or a one-line description when it is available. */
  text: string;
}

/** Probes for QEMU (and KVM) without booting anything. */
export function vmAvailability(qemu?: string): VmAvailability {
  const path = findQemu(qemu);
  const accel = kvmUsable() ? 'kvm' : 'tcg';
  if (!path) {
    const what = qemu ?? `${QEMU_DEFAULT} on PATH`;
    return { available: false, qemu: null, version: null, accel, text: `QEMU not found (${what}); install it, e.g. apt-get install qemu-system-x86` };
  }
  const version = qemuVersion(path);
  if (!version) return { available: false, qemu: path, version: null, accel, text: `${path} does not run (${path} --version failed)` };
  const how = accel === 'kvm' ? 'KVM' : existsSync('/dev/kvm') ? 'TCG (/dev/kvm is not usable)' : 'TCG (no /dev/kvm)';
  return { available: true, qemu: path, version, accel, text: `QEMU ${version} at ${path}, ${how}` };
}

/**
 * The kernel command line. `console=ttyS0`: kernel messages into the console log, never onto the
 * protocol port. `panic=-1` with QEMU's -no-reboot: a panic ends QEMU at once instead of hanging
 * until the startup timeout. `loglevel=5`, not `quiet`: quiet hides KERN_WARNING, and a WARN() is
 * printed at that level, so health checks would miss it. `rdinit=/init`: the harness's init, even
 * if the user's append names another init for the root filesystem.
 */
export function kernelCmdline(append: string): string {
  return [...BASE_CMDLINE, append.trim()].filter(Boolean).join(' ');
}

/** What qemuArgv needs. */
export interface QemuPlan {
  kernel: string;
  initrd: string;
  consoleLog: string;
  memMiB: number;
  cpus: number;
  append: string;
  kvm: boolean;
}

/** QEMU's arguments (without the binary). */
export function qemuArgv(p: QemuPlan): string[] {
  return [
    ...(p.kvm ? ['-enable-kvm', '-cpu', 'host'] : ['-accel', 'tcg']),
    '-m', `${p.memMiB}M`,
    '-smp', String(p.cpus),
    '-nodefaults', '-display', 'none', '-monitor', 'none', '-no-reboot',
    '-kernel', p.kernel,
    '-initrd', p.initrd,
    '-append', kernelCmdline(p.append),
    // append=on: a restarted guest (the exec backend restarts a crashed adapter) adds to the log
    '-chardev', `file,id=con,path=${p.consoleLog},append=on`,
    // signal=off: Ctrl-C reaches the harness, not the guest; the harness ends QEMU itself
    '-chardev', 'stdio,id=proto,signal=off',
    '-serial', 'chardev:con',
    '-serial', 'chardev:proto',
  ];
}
