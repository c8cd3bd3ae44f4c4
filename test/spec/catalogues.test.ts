/**
 * The sanity of every spec's rule catalogue, and that every spec has its test suites: iterates
 * SPECS, so a spec added to the registry later is covered without touching this file. Single-SQE
 * and stateful specs alike: a stateful spec's vectors are hand-worked sequences
 * (test/helpers/stateful-vectors.ts), its model suite test/helpers/stateful-against-model.ts.
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../model/stateful.js';
import { sequenceOf } from '../../properties/stateful/commands.js';
import { isStateful, SPECS } from '../../registry/specs.js';
import { errnoByName } from '../../spec/errno.js';
import { ruleById } from '../../spec/rule.js';

/** bpf@v1 -> bpf-v1: how test files and vectors name a spec. */
const fileName = (id: string) => id.replace('@', '-');

describe.each([...SPECS.values()].map((s) => [s.definition.id, s] as const))('%s rule catalogue', (id, spec) => {
  const rules = spec.definition.rules;

  it('has rules, with unique ids', () => {
    expect(rules.length).toBeGreaterThan(0);
    const ids = rules.map((r) => r.id);
    expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
  });

  it('orders are non-decreasing in catalogue order', () => {
    for (let i = 1; i < rules.length; i++) expect(rules[i]!.order, `${rules[i - 1]!.id} then ${rules[i]!.id}`).toBeGreaterThanOrEqual(rules[i - 1]!.order);
  });

  it('every errno name is known', () => {
    for (const r of rules) if (r.errno !== 'OK') expect(errnoByName(r.errno), r.id).toBeTypeOf('number');
  });

  it('has a success rule, and the last rule is one (nothing is checked after success)', () => {
    expect(rules.some((r) => r.errno === 'OK')).toBe(true);
    // a stateful catalogue has one success rule per kind of step, each after its own checks
    if (!isStateful(spec)) expect(rules.at(-1)!.errno).toBe('OK');
  });

  it('every source and summary is non-empty', () => {
    for (const r of rules) {
      expect(r.source.trim(), r.id).not.toBe('');
      expect(r.summary.trim(), r.id).not.toBe('');
    }
  });

  // a stateful catalogue starts with its register calls' checks: single-SQE specs only
  if (!isStateful(spec)) {
    it('starts with the generic layer', () => {
      expect(rules[0]!.id).toBe('generic.opcode.invalid');
    });
  }

  it('ruleById finds each rule', () => {
    for (const r of rules) expect(ruleById(spec.definition, r.id)).toBe(r);
    expect(() => ruleById(spec.definition, 'no.such.rule')).toThrow(new RegExp(`^ruleById: spec ${id.replace('.', '\\.')} has no rule`));
  });

  it('has opcodes and properties, and the model names a catalogue rule for every generated case', () => {
    expect(spec.definition.opcodes.length).toBeGreaterThan(0);
    expect(spec.properties.length).toBeGreaterThan(0);
    const ids = new Set(rules.map((r) => r.id));
    if (isStateful(spec)) {
      for (const prop of spec.properties) {
        for (const trial of fc.sample(prop.arbitrary, { seed: 10, numRuns: 30 })) {
          for (const m of runModel(spec.model, sequenceOf(trial))) expect(ids.has(m.rule), `${prop.name}: ${m.rule}`).toBe(true);
        }
      }
      return;
    }
    for (const prop of spec.properties) {
      for (const trial of fc.sample(prop.arbitrary, { seed: 10, numRuns: 30 })) {
        for (const c of prop.cases(trial)) expect(ids.has(spec.model(c).rule), `${prop.name}: ${spec.model(c).rule}`).toBe(true);
      }
    }
  });

  it('has its known-answer vectors and its model suite', () => {
    expect(existsSync(new URL(`../vectors/${fileName(id)}.json`, import.meta.url)), `test/vectors/${fileName(id)}.json`).toBe(true);
    expect(existsSync(new URL(`../properties/${fileName(id)}-model.test.ts`, import.meta.url)), `test/properties/${fileName(id)}-model.test.ts`).toBe(true);
    expect(existsSync(new URL(`../model/${fileName(id)}-vectors.test.ts`, import.meta.url)), `test/model/${fileName(id)}-vectors.test.ts`).toBe(true);
  });
});
