/**
 * Known-answer vectors for nop@6.18 (test/vectors/nop-6.18.json): rows of kernel-6.18-observed.jsonl
 * translated to the exec protocol's world (registered buffers at the canonical addresses, the
 * data file as the scratch file, fd 100), and cases checked on this machine's 6.18.44 kernel
 * through build/c/kernel-adapter. Expected outcomes are the kernel's, and rule ids were assigned
 * by hand from the spec, never by running the model, so a model that drifts from the kernel fails
 * here with the row's name and reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nop618Model, nop618Domain } from '../../model/nop-6.18.js';
import { NOP_6_18 } from '../../spec/nop-6.18/rules.js';
import { parseContext } from '../../spec/context.js';
import { resName } from '../../spec/errno.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { NOP_FLAGS_6_18, NOP_FLAGS_LAYOUT } from '../../spec/mainline-constants.js';

const VectorSchema = z.strictObject({
  name: z.string().min(1),
  /** The observation id, or the live kernel run it was checked with. */
  source: z.string().min(1),
  sqe: z.string().regex(/^[0-9a-f]{128}$/, '128 lower-case hex digits'),
  ctx: z.strictObject({ setupFlags: z.number(), nrBufs: z.number(), bufSize: z.number(), ops: z.array(z.number()), personalities: z.number() }),
  res: z.number().int(),
  rule: z.string().min(1),
  posted: z.boolean(),
  why: z.string().min(1),
});

type Vector = z.infer<typeof VectorSchema>;

const VECTORS: Vector[] = z.array(VectorSchema).parse(JSON.parse(readFileSync(new URL('../vectors/nop-6.18.json', import.meta.url), 'utf8')));

describe('nop_flags layout', () => {
  it('covers the 32 bits once, and NOP_FLAGS is bits 0-5', () => {
    let covered = 0;
    for (const f of NOP_FLAGS_LAYOUT) {
      const mask = ((2 ** f.width - 1) * 2 ** f.shift) >>> 0;
      expect(covered & mask, f.name).toBe(0);
      covered = (covered | mask) >>> 0;
    }
    expect(covered).toBe(0xffffffff);
    expect(NOP_FLAGS_LAYOUT.reduce((a, f) => a + f.width, 0)).toBe(32);
    expect(NOP_FLAGS_6_18).toBe(0x3f);
  });
});

describe('nop@6.18 known-answer vectors', () => {
  it('the table is large enough and names are unique', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(100);
    const names = VECTORS.map((v) => v.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const sqe = sqeFromHex(v.sqe);
    const where = `sqe ${v.sqe}\nctx ${JSON.stringify(v.ctx)}\nsource: ${v.source}\nwhy: ${v.why}`;
    expect(nop618Domain(sqe), where).toBeNull();
    const got = nop618Model(sqe, parseContext(v.ctx, `vector '${v.name}' ctx`));
    expect(`${got.res} (${resName(got.res)})`, where).toBe(`${v.res} (${resName(v.res)})`);
    expect(got.rule, where).toBe(v.rule);
    expect(got.posted, where).toBe(v.posted);
  });

  it('every vector names a rule of the nop@6.18 catalogue; a failure rule with its errno', () => {
    for (const v of VECTORS) {
      const rule = NOP_6_18.rules.find((r) => r.id === v.rule);
      expect(rule, `vector '${v.name}': unknown rule ${v.rule}`).toBeDefined();
      if (rule!.errno !== 'OK') expect(rule!.errno, `vector '${v.name}'`).toBe(resName(v.res));
    }
  });

  it('every rule of nop@6.18 is covered by at least one vector', () => {
    const covered = new Set(VECTORS.map((v) => v.rule));
    expect(NOP_6_18.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});
