/**
 * Nothing an adapter started outlives the harness. Every running adapter process is registered
 * here; a signal handler or Node's exit kills them all, synchronously.
 *
 * A process group is not enough on its own: a grandchild that calls setsid() leaves the group. So
 * every adapter also gets its backend's URING_SPEC_ADAPTER marker in its environment, and closing
 * the backend (or an interrupted or exiting harness) sweeps /proc for processes carrying it. The
 * sweep reads every process's environment (tens of milliseconds), so a restart after a crash
 * kills the group only; what escaped it is swept when the backend closes.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** What the reaper needs of a running adapter. */
export interface Killable {
  signalKill(): void;
  exitedWithin(ms: number): Promise<boolean>;
}

/** The environment variable marking an adapter and everything it starts. */
export const MARKER_VAR = 'URING_SPEC_ADAPTER';

const live = new Set<Killable>();
/** Markers of backends not closed yet: what a sweep at exit looks for. */
const openMarkers = new Set<string>();
let exitHookInstalled = false;

/** Registers a running adapter (until unregister). */
export function register(p: Killable): void {
  installExitHook();
  live.add(p);
}

export function unregister(p: Killable): void {
  live.delete(p);
}

/** An aborted harness must not leave adapters behind: kill every live one when Node exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => killAllAdapters());
}

/** SIGKILL to every adapter still running and what it started (synchronous: signal handlers use it). */
export function killAllAdapters(): void {
  for (const p of live) p.signalKill();
  sweep([...openMarkers]);
}

/** A new marker for a backend's adapters; sweep it with sweepMarker() when the backend closes. */
export function newMarker(): string {
  const m = randomBytes(8).toString('hex');
  openMarkers.add(m);
  installExitHook();
  return m;
}

/** SIGKILL to every process left with `marker` in its environment; the marker is retired. */
export function sweepMarker(marker: string): void {
  sweep([marker]);
  openMarkers.delete(marker);
}

/** Resolves once every adapter killed so far has been reaped, or after `ms`. */
export async function adaptersExited(ms: number): Promise<void> {
  await Promise.all([...live].map((p) => p.exitedWithin(ms)));
}

/** SIGKILL to every process whose environment holds one of `markers` (Linux /proc; elsewhere nothing). */
function sweep(markers: readonly string[]): void {
  if (markers.length === 0) return;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return;
  }
  const needles = new Set(markers.map((m) => `${MARKER_VAR}=${m}`));
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').some((v) => needles.has(v))) continue;
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}
