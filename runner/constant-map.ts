/**
 * Constants that move. An unmerged series' uapi numbers move when it is rebased (on Linux 7.2,
 * bit 20 of the setup flags is IORING_SETUP_SQ_REWIND, so the rebased V1/V2 flag sits at bit 21).
 * A spec names such constants with their value as posted (SpecConstant); a backend may report
 * other values for the same names in its hello (`"constants": {"IORING_SETUP_BPF": 2097152}`).
 * The harness then moves the bit in every case it sends, so specs, seeds, corpora and reports
 * keep speaking the posted values, and says so in the report.
 */
import type { Outcome } from '../model/outcome.js';
import type { Case } from '../properties/case.js';
import type { SpecDefinition } from '../spec/rule.js';
import type { StepSequence } from '../spec/stateful/step.js';
import type { Backend, Capabilities } from './backend.js';

/** One constant the backend places elsewhere. */
export interface ConstantMapping {
  name: string;
  /** As posted (the spec's value). */
  posted: number;
  /** As the backend reported it. */
  backend: number;
}

/** The constants of `spec` whose value the backend reports differently (none when it reports none). */
export function constantMappings(spec: SpecDefinition, reported: Readonly<Record<string, number>> | undefined): ConstantMapping[] {
  if (!reported) return [];
  return (spec.constants ?? []).flatMap((c) => {
    const v = reported[c.name];
    return v === undefined || v === c.value ? [] : [{ name: c.name, posted: c.value, backend: v >>> 0 }];
  });
}

/** A case as the backend must see it: each mapped setup-flag bit moved from its posted value to the backend's. */
export function mapCase(c: Case, mappings: readonly ConstantMapping[]): Case {
  const flags = mapSetupFlags(c.ctx.setupFlags, mappings);
  return flags === c.ctx.setupFlags ? c : { ...c, ctx: { ...c.ctx, setupFlags: flags } };
}

/** Setup flags as the backend must see them (a case's context, a sequence's ring). */
export function mapSetupFlags(setupFlags: number, mappings: readonly ConstantMapping[]): number {
  let flags = setupFlags;
  for (const m of mappings) if (flags & m.posted) flags = (flags & ~m.posted) | m.backend;
  return flags === setupFlags ? setupFlags : flags >>> 0;
}

/** One line for reports: "IORING_SETUP_BPF 0x100000 -> 0x200000". */
export function describeMappings(mappings: readonly ConstantMapping[]): string {
  return mappings.map((m) => `${m.name} 0x${m.posted.toString(16)} (as posted) -> 0x${m.backend.toString(16)} (backend)`).join('; ');
}

/**
 * `backend` for `spec` with the spec's moved constants mapped in every batch. The probe's
 * capabilities keep everything and add `info.constantMap` (the mappings, for reports).
 */
export function withConstantMap(backend: Backend, spec: SpecDefinition): Backend {
  if (!spec.constants?.length) return backend;
  let mappings: ConstantMapping[] = [];
  return {
    get name() {
      return backend.name;
    },
    async probe(): Promise<Capabilities> {
      const caps = await backend.probe();
      mappings = constantMappings(spec, caps.constants);
      return mappings.length ? { ...caps, info: { ...caps.info, constantMap: describeMappings(mappings) } } : caps;
    },
    run(cases: readonly Case[]): Promise<Outcome[]> {
      return backend.run(mappings.length ? cases.map((c) => mapCase(c, mappings)) : cases);
    },
    ...(backend.runSequence
      ? {
          runSequence: (seq: StepSequence): Promise<Outcome[]> => {
            const setupFlags = mapSetupFlags(seq.ring.setupFlags, mappings);
            return backend.runSequence!(setupFlags === seq.ring.setupFlags ? seq : { ...seq, ring: { ...seq.ring, setupFlags } });
          },
        }
      : {}),
    close: () => backend.close(),
  };
}
