/**
 * uring-spec as a library: the spec tables and codecs, the reference models, the properties and
 * their runner, the backends, and the report builders. Import it into your own test suite:
 *
 *   import { getSpec, checkSpec, parseBackend } from 'uring-spec';
 *   const spec = getSpec('bpf@v1');
 *   const backend = parseBackend("exec:./my-adapter", spec.definition.id);
 *   const result = await checkSpec(spec, backend, { seed: 1, runs: 1000 });
 */
export * from './spec/int-kinds.js';
export * from './spec/sqe-layout.js';
export * from './spec/sqe.js';
export * from './spec/hex.js';
export * from './spec/bpf-op-flags.js';
export * from './spec/constants.js';
export * from './spec/errno.js';
export * from './spec/context.js';
export * from './spec/rule.js';
export * from './spec/generic-layer.js';
export * from './spec/bpf/version.js';
export * from './spec/bpf/common.js';
export * from './spec/bpf-v1/index.js';
export * from './spec/bpf-v1/data.js';
export * from './spec/bpf-v1/fields.js';
export * from './model/outcome.js';
export * from './model/generic-layer.js';
export * from './model/bpf-family.js';
export type { Case } from './properties/case.js';
export * from './properties/property.js';
export * from './properties/checks.js';
export * from './runner/runner.js';
export * from './runner/check.js';
export * from './runner/replay.js';
export * from './runner/seed.js';
export { validBpfCaseOf, VALID_BUFFER_PAIRS } from './properties/bpf/valid-case.js';
export { wildBpfCaseOf } from './properties/bpf/wild.js';
export { bpfCorruptionsOf } from './properties/bpf/corruptions.js';
export { bpfDeclaration } from './properties/bpf/declaration.js';
export { corrupted, corruptionsFor, multiplyCorrupted, type Corruption } from './properties/common/corruption-kit.js';
export type { SpecDeclaration } from './properties/pack/declaration.js';
export { standardProperties, anyCaseOf } from './properties/pack/standard.js';
export { BPF_V1_PROPERTIES } from './properties/bpf-v1/properties.js';
export { bpfV1Exhaustive } from './properties/bpf-v1/exhaustive.js';
export { HARNESS_PROPERTIES } from './properties/harness/codec-properties.js';
export * from './registry/specs.js';
export * from './runner/backend.js';
export { modelBackend } from './backends/model-backend.js';
export { parseBackend, listMutants, backendNames } from './backends/registry.js';
export { execBackend } from './backends/exec/exec-backend.js';
export { killMatrix, medianMsToKill, type MutantRow } from './backends/kill-matrix.js';
export * from './corpus/corpus.js';
export { checkReport, withRuleCoverage, type CheckReport, type PropertyReport } from './report/json.js';
export { junitXml } from './report/junit.js';
export { summaryMarkdown } from './report/summary.js';
export { checkText } from './report/text.js';
export { counterexample, replayCommand, type Counterexample } from './report/counterexample.js';
export { cSnippet } from './report/c-snippet.js';
export { main } from './cli/main.js';
