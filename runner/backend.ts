/**
 * The one interface every implementation under test is put behind. The model is a backend like
 * any other; so are the C reference, its mutants, any exec-protocol program and the live kernel.
 */
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { StepSequence } from '../spec/stateful/step.js';

/** What a backend's probe found. */
export interface Capabilities {
  /** The backend's name as the command line spells it (`model`, `c-ref`, `exec:...`). */
  name: string;
  /** Specs it implements and can run here. */
  specs: string[];
  /** Specs it cannot run here, with the reason (reported as skips, never failures). */
  unsupported: Record<string, string>;
  /** Whether outcomes carry uring_bpf_data. */
  data: boolean;
  /**
   * False when the implementation cannot register BPF ops (a live kernel with the series but no
   * BPF program loaded): contexts are then restricted to no registered ops, and properties that
   * need a registered op are skipped. Absent means true.
   */
  registeredOps?: boolean;
  /** The largest batch run() accepts. */
  maxBatch: number;
  /**
   * Whether the backend runs sequences of steps on one ring (runSequence; exec protocol
   * uring-spec/2, docs/stateful.md). Stateful specs are skipped where it is absent or false.
   */
  sequences?: boolean;
  /**
   * Values the implementation uses for constants a spec names (SpecConstant), when they differ
   * from the values as posted (a rebased series: runner/constant-map.ts maps them).
   */
  constants?: Record<string, number>;
  /** Anything else the probe reported (the kernel's opcodes, a scratch file, ...). */
  info: Record<string, unknown>;
}

/** An implementation under test. */
export interface Backend {
  readonly name: string;
  /** Starts the implementation if needed and says what it supports. */
  probe(): Promise<Capabilities>;
  /** Runs a batch of cases; outcome i belongs to case i. Throws BackendFailure when the implementation misbehaves. */
  run(cases: readonly Case[]): Promise<Outcome[]>;
  /**
   * Runs a sequence of steps on one fresh ring (a stateful spec); outcome i belongs to step i.
   * Present on backends that can (capabilities.sequences says whether this one can here). Throws
   * BackendFailure like run().
   */
  runSequence?(seq: StepSequence): Promise<Outcome[]>;
  /** Stops the implementation; idempotent. */
  close(): Promise<void>;
}

/**
 * How an implementation misbehaved:
 * - `crash`: it exited or was killed while cases were in flight;
 * - `hang`: it stopped answering within the batch timeout;
 * - `protocol`: after its hello it answered with the wrong number of outcomes, a short read or
 *   bytes that are no outcome record. A protocol violation is the adapter's bug, not a property of
 *   any case: the check ends at once with one failure, without bisecting the batch.
 * - `kernel`: the kernel under test reported a problem of its own (a panic, oops, BUG, WARN or
 *   sanitizer report on a VM's console) while running a batch. A finding about the kernel, not an
 *   outcome of one case: the VM is gone, so the check ends with the batch in flight as the
 *   reproduction, without bisecting or shrinking (both would only meet the dead VM).
 */
export type BackendFailureKind = 'crash' | 'hang' | 'protocol' | 'kernel';

/** Whether a failure ends the check with the batch in flight as its reproduction (ProtocolStop). */
export function stopsWithBatch(e: BackendFailure): boolean {
  return e.kind === 'protocol' || e.kind === 'kernel';
}

/**
 * The implementation misbehaved while running cases (crashed, hung, answered with a wrong count or
 * a malformed frame). Not a spec outcome: the run fails with this reason and the triggering case.
 */
export class BackendFailure extends Error {
  constructor(
    readonly backend: string,
    readonly reason: string,
    /** The implementation stopped answering (a timeout), as opposed to crashing or garbling. */
    readonly hung = false,
    /** What kind of misbehaviour; defaults to 'hang' when `hung`, else 'crash'. */
    readonly kind: BackendFailureKind = hung ? 'hang' : 'crash',
    /** The adapter's last stderr lines, when it has any (quoted in reports). */
    readonly stderrTail: string = '',
    /**
     * The backend gave up on itself: every further run() fails the same way at once (an adapter
     * that exits after every batch, never answers, or broke the protocol). A runner should stop the
     * check here with this one failure instead of bisecting or trying the next property.
     */
    readonly persistent: boolean = false,
  ) {
    super(`${backend}: ${reason}`);
    this.name = 'BackendFailure';
  }
}

/**
 * The backend could not be started or spoke no valid hello: bad usage of the harness (exit 2),
 * not a property failure.
 */
export class BackendStartError extends Error {
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`backend ${backend}: ${reason}`);
    this.name = 'BackendStartError';
  }
}

/**
 * Whether a failure ends the check: the backend gave up on itself (`persistent`), or broke the
 * protocol. Bisecting or running further properties would only repeat it.
 */
export function endsTheCheck(e: BackendFailure): boolean {
  return e.persistent || e.kind === 'protocol';
}
