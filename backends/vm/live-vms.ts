/**
 * No QEMU outlives the harness. The exec backend kills its process group on close, failure and
 * timeout, and on a normal Node exit; this adds the two exits it cannot see: SIGINT/SIGTERM (Node's
 * default action ends the process without 'exit' handlers) and, through the run directories,
 * a harness that was killed outright (see run-dir.ts; QEMU also gets PR_SET_PDEATHSIG, vm-backend.ts).
 */
import { removeRunDir } from './run-dir.js';

/** A running VM as far as emergency cleanup is concerned. */
export interface LiveVm {
  /** QEMU's pid, also its process group id (the exec backend starts it in a group of its own). */
  pid(): number | undefined;
  runDir: string;
  /** Delete the run directory on cleanup (false when the user asked to keep the console log there). */
  removeDir: boolean;
}

const live = new Set<LiveVm>();
let installed = false;
let exitHook = false;

function killAll(): void {
  for (const vm of live) {
    const pid = vm.pid();
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (vm.removeDir) removeRunDir(vm.runDir);
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  installed = false;
  // Someone else handles the signal (a test runner, say): leave the exit to them. Otherwise do
  // what Node would have done without us: die of the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Tracks a VM until unregister; installs the signal and exit handlers on first use. */
export function registerVm(vm: LiveVm): void {
  live.add(vm);
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (!exitHook) process.once('exit', killAll);
  exitHook = true;
}

/** The VM ended normally (its owner killed QEMU and cleaned up). */
export function unregisterVm(vm: LiveVm): void {
  live.delete(vm);
}
