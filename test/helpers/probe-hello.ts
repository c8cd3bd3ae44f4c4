/**
 * The kernel adapter's probe on a made-up kernel: test/c/kernel/probe-hello.c compiles probe.c
 * (with what it links) around a probe result of our choosing, and prints the hello's JSON.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

const root = join(import.meta.dirname, '..', '..');
const kernel = join(root, 'backends', 'c', 'kernel');
const cc = process.env.CC || 'cc';

/** What the hello says of specs, reasons, moved constants and BPF ops. */
export interface ProbeHello {
  specs: string[];
  unsupported: Record<string, string>;
  constants?: Record<string, number>;
  registeredOps?: boolean;
  bpfOps?: { available: boolean; why?: string; mode?: string };
}

/** The hello the adapter's probe gives for the made-up kernel `kind` (see probe-hello.c). */
export function probeHello(kind: string): ProbeHello {
  const exe = join(tempDir(), 'probe-hello');
  const sources = ['probe.c', 'errname.c', 'ring.c', 'bufmem.c', 'bpfops.c'].map((f) => join(kernel, f));
  execFileSync(cc, ['-std=c11', '-D_GNU_SOURCE', '-Wall', '-Werror', `-I${kernel}`, `-I${join(root, 'backends', 'c', 'kit')}`, '-o', exe, join(root, 'test', 'c', 'kernel', 'probe-hello.c'), ...sources]);
  return JSON.parse(execFileSync(exe, [kind], { encoding: 'utf8' }));
}
