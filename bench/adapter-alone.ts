/**
 * An adapter program's own time for a run's cases: the request stream the harness sent, fed to
 * the program from memory in one go, timed, minus the time of the same program given only the
 * end message (start-up, its probe, the hello). What is left is the implementation itself (with
 * the kit's framing in C): no Node, no event loop, no batch round trips.
 */
import { spawnSync } from 'node:child_process';

function runMs(exe: string, input: Uint8Array): number {
  const t0 = performance.now();
  const r = spawnSync(exe, [], { input, stdio: ['pipe', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.error) throw new Error(`adapterAloneMs: ${exe}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`adapterAloneMs: ${exe} exited with ${r.status ?? r.signal}`);
  return ms;
}

/** Milliseconds exe spends on the request stream beyond starting and ending (median of rounds). */
export function adapterAloneMs(exe: string, stream: Uint8Array, rounds = 3): number {
  const empty = new Uint8Array(4);
  const per: number[] = [];
  for (let i = 0; i < rounds; i++) per.push(runMs(exe, stream) - runMs(exe, empty));
  per.sort((a, b) => a - b);
  return Math.max(0, per[per.length >> 1]!);
}
