/**
 * Finding QEMU and the command line that boots a kernel with the harness's initramfs: no
 * graphics, no monitor, no default devices; the console (ttyS0) into a log file and the protocol
 * on the second 16550 (ttyS1), wired to QEMU's own stdin/stdout, which the host relay
 * (backends/c/vm-relay) drives; the relay adds the ivshmem-plain device of the shared-memory
 * channel itself. Both UARTs are built into distribution kernels (CONFIG_SERIAL_8250=y), so no
 * module is needed; virtio-console usually is one.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
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

/** Whether this QEMU has the ivshmem-plain device (`-device help` lists it). */
export function qemuHasIvshmem(qemu: string): boolean {
  try {
    const out = execFileSync(qemu, ['-device', 'help'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /^name "ivshmem-plain"/m.test(out);
  } catch {
    return false;
  }
}

/** Whether /proc/cpuinfo shows hardware virtualization (vmx or svm); text injectable for tests. */
export function cpuVirtualizes(cpuinfo?: string): boolean {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return false;
    }
  }
  return /^flags\s*:.*\b(vmx|svm)\b/m.test(text);
}

/**
 * KVM only when /dev/kvm can be opened for writing and the CPU shows vmx or svm; TCG (software
 * emulation) otherwise. The CPU check matters in a nested guest without nested virtualization (a
 * Firecracker microVM, say): /dev/kvm opens and even creates a VM there, but a guest never runs,
 * and QEMU hangs until the startup timeout with an empty console.
 */
export function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return false;
  }
  return cpuVirtualizes();
}

/** What `uring-spec backends` says about the vm backend here. */
export interface VmAvailability {
  available: boolean;
  qemu: string | null;
  version: string | null;
  accel: 'kvm' | 'tcg';
  /** The channel the frames would take: shared memory when QEMU has ivshmem-plain, else serial. */
  channel: 'ivshmem' | 'serial';
  /** Why it is unavailable, or a one-line description when it is available. */
  text: string;
}

/** Probes for QEMU (and KVM) without booting anything. */
export function vmAvailability(qemu?: string): VmAvailability {
  const path = findQemu(qemu);
  const accel = kvmUsable() ? 'kvm' : 'tcg';
  if (!path) {
    const what = qemu ?? `${QEMU_DEFAULT} on PATH`;
    return { available: false, qemu: null, version: null, accel, channel: 'serial', text: `QEMU not found (${what}); install it, e.g. apt-get install qemu-system-x86` };
  }
  const version = qemuVersion(path);
  if (!version) return { available: false, qemu: path, version: null, accel, channel: 'serial', text: `${path} does not run (${path} --version failed)` };
  const how = accel === 'kvm' ? 'KVM' : !existsSync('/dev/kvm') ? 'TCG (no /dev/kvm)' : cpuVirtualizes() ? 'TCG (/dev/kvm is not usable)' : 'TCG (/dev/kvm is there but the CPU shows no vmx or svm)';
  const channel = qemuHasIvshmem(path) ? 'ivshmem' : 'serial';
  const via = channel === 'ivshmem' ? 'frames over ivshmem-plain shared memory (ttyS1 when the guest cannot map it)' : 'frames over the serial port ttyS1 (this QEMU has no ivshmem-plain)';
  return { available: true, qemu: path, version, accel, channel, text: `QEMU ${version} at ${path}, ${how}; ${via}` };
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
