/**
 * Where a VM's files live (initramfs, console log, `qemu.pid`: the pid of the host relay that runs
 * QEMU) and how a harness that died without cleaning up (SIGKILL, a crash) is cleaned up after:
 * every run directory is named after the harness process that made it, and the next harness to
 * start a VM kills the relay and QEMU of any run directory whose harness is gone, then deletes the
 * directory. They are only killed when the relay's command line names that run directory, so a
 * recycled pid is never hit, and run directories of live harnesses (parallel runs, other users'
 * test suites) are never touched. The shared-memory channel leaves no file behind (a memfd).
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The parent of every run directory of this user. */
export function runRoot(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(process.env.URING_SPEC_VM_RUN_DIR || tmpdir(), `uring-spec-vm-${uid}`);
}

let counter = 0;

/** A fresh run directory for one VM of this process. */
export function makeRunDir(): string {
  const root = runRoot();
  for (;;) {
    const dir = join(root, `${process.pid}-${++counter}`);
    try {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOENT: another harness removed the empty root between our two mkdirs (removeRunDir)
      if (code !== 'EEXIST' && code !== 'ENOENT') throw new Error(`vm: cannot create run directory ${dir}: ${(e as Error).message}`);
    }
  }
}

/** Deletes a run directory, and the root too when no other run is left in it. */
export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(runRoot());
  } catch {
    // not empty (another run) or already gone
  }
}

/** Records QEMU's pid in its run directory (read by a later harness if this one dies). */
export function writePid(dir: string, pid: number): void {
  writeFileSync(join(dir, 'qemu.pid'), `${pid}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Kills the QEMU of every run directory whose harness process is gone and deletes the directory.
 * Returns the pids killed (for tests and the log).
 */
export function cleanStaleRuns(): number[] {
  const root = runRoot();
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const name of names) {
    const m = /^(\d+)-\d+$/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    const dir = join(root, name);
    let pid = NaN;
    try {
      pid = Number(readFileSync(join(dir, 'qemu.pid'), 'utf8').trim());
    } catch {
      // no pid written: QEMU never started
    }
    if (Number.isInteger(pid) && pid > 0 && cmdline(pid).includes(`${dir}/`)) {
      // the pid is the host relay's (or QEMU's, from an older harness), the leader of the process
      // group QEMU runs in: the group first, so QEMU goes even if its pdeathsig did not fire
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // gone meanwhile, or not a group leader
        }
      }
      killed.push(pid);
    }
    removeRunDir(dir);
  }
  return killed;
}
