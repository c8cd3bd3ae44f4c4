/**
 * The vm backend's command-line form, `vm:IMAGE[,mem=512M,cpus=1,timeout=SECONDS,log=FILE,qemu=PATH,channel=auto,append=...]`,
 * parsed and checked. `append` takes the rest of the text, commas included, so it goes last.
 */

/** What the user asked for. */
export interface VmOptions {
  /** The kernel image (a bzImage), as given. */
  image: string;
  /** Guest memory in MiB. */
  memMiB: number;
  cpus: number;
  /** Extra kernel command line, after the harness's own. */
  append: string;
  /** The QEMU binary; default qemu-system-x86_64 on PATH. */
  qemu: string | undefined;
  /** Seconds from starting QEMU to the adapter's hello. */
  startupTimeoutS: number;
  /** Keep the console log at this path (it is otherwise deleted with the VM's run directory). */
  log: string | undefined;
  /**
   * How frames cross into the guest: `ivshmem` (shared memory, ttyS1 for the hello and doorbells),
   * `serial` (every byte over ttyS1), or `auto`: ivshmem when QEMU has the device, the guest
   * falling back to serial when it cannot map it. See docs/vm.md.
   */
  channel: VmChannelChoice;
}

export const VM_CHANNELS = ['auto', 'ivshmem', 'serial'] as const;
export type VmChannelChoice = (typeof VM_CHANNELS)[number];

/**
 * The default startup budget: a distribution kernel boots in 5-10 s under TCG on an idle 2-core
 * machine, several times that when the machine is busy, and a boot that panics ends QEMU at once,
 * so only a guest that hangs waits this long.
 */
export const DEFAULT_STARTUP_TIMEOUT_S = 120;

const KEYS = ['mem', 'cpus', 'timeout', 'log', 'qemu', 'channel', 'append'] as const;

function memory(text: string): number {
  const m = /^(\d+)([MG]?)$/i.exec(text);
  if (!m) throw new Error(`vm: mem must be a size like 512M or 2G, got '${text}'`);
  const mib = Number(m[1]) * (m[2]?.toUpperCase() === 'G' ? 1024 : 1);
  if (mib < 128 || mib > 65536) throw new Error(`vm: mem must be between 128M and 64G, got '${text}'`);
  return mib;
}

function integer(key: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`vm: ${key} must be an integer in ${min}..${max}, got '${text}'`);
  return Number(text);
}

/**
 * Parses the text after `vm:`. Throws an Error starting `vm:` for a missing image, an unknown key
 * (naming the valid ones), a key given twice or a bad value.
 */
export function parseVmOptions(text: string): VmOptions {
  const at = text.indexOf(',append=');
  const [head, append] = at >= 0 ? [text.slice(0, at), text.slice(at + ',append='.length)] : [text, ''];
  const [image, ...pairs] = head.split(',');
  if (!image) throw new Error(`vm: needs a kernel image, e.g. vm:/boot/vmlinuz,mem=512M`);
  const opts: VmOptions = { image, memMiB: 512, cpus: 1, append, qemu: undefined, startupTimeoutS: DEFAULT_STARTUP_TIMEOUT_S, log: undefined, channel: 'auto' };
  const seen = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!(KEYS as readonly string[]).includes(key)) throw new Error(`vm: unknown option '${key}' (valid: ${KEYS.join(', ')}; append goes last)`);
    if (seen.has(key)) throw new Error(`vm: option '${key}' given twice`);
    seen.add(key);
    if (!value) throw new Error(`vm: option '${key}' needs a value (${key}=...)`);
    if (key === 'mem') opts.memMiB = memory(value);
    else if (key === 'cpus') opts.cpus = integer('cpus', value, 1, 64);
    else if (key === 'timeout') opts.startupTimeoutS = integer('timeout', value, 1, 3600);
    else if (key === 'log') opts.log = value;
    else if (key === 'qemu') opts.qemu = value;
    else if (key === 'channel') {
      if (!(VM_CHANNELS as readonly string[]).includes(value)) throw new Error(`vm: channel must be one of ${VM_CHANNELS.join(', ')}, got '${value}'`);
      opts.channel = value as VmChannelChoice;
    }
  }
  return opts;
}
