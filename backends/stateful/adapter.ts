/**
 * An exec-protocol adapter (uring-spec/2) that serves a stateful spec's model, or one of its
 * built-in mutants, as a separate process: the mutant backends (`mutant:<name>` of a stateful spec)
 * run it, so the kill matrix goes through the same process, framing and failure handling as any
 * adapter. Compiled to dist/backends/stateful/adapter.js and run as
 *
 *   node adapter.js --spec ID [--mutant NAME] [--module URL]
 *
 * `--module` imports an ES module whose export `statefulDeclaration` is the spec's declaration
 * (a spec registered at run time, StatefulBundle.module); built-in specs need none. It answers
 * sequence requests only: a batch request (single SQEs) is refused, exit 3, as the kit does.
 */
import { parseArgs } from 'node:util';
import { runModel, type StatefulModel } from '../../model/stateful.js';
import type { StatefulDeclaration } from '../../properties/stateful/declaration.js';
import { getSpec, isStateful, registerSpec, statefulBundle } from '../../registry/specs.js';
import { PROTOCOL_2 } from '../exec/hello.js';
import { encodeOutcome, OUTCOME_RECORD_SIZE } from '../exec/outcome-record.js';
import { decodeSequenceBody, SEQUENCE_MARKER, sequenceBodySize } from '../exec/step-record.js';

/** The kit's exit codes (backends/c/kit/kit.c): 0 clean end, 1 input ended inside a frame, 3 protocol. */
const EXIT_OK = 0;
const EXIT_IO = 1;
const EXIT_PROTOCOL = 3;

function fail(code: number, message: string): never {
  process.stderr.write(`stateful-adapter: ${message}\n`);
  process.exit(code);
}

/** The model to serve, and the name the hello gives. */
async function served(argv: string[]): Promise<{ id: string; name: string; model: StatefulModel<unknown> }> {
  const { values } = parseArgs({ args: argv, options: { spec: { type: 'string' }, mutant: { type: 'string' }, module: { type: 'string' } } });
  if (!values.spec) fail(2, 'usage: adapter.js --spec ID [--mutant NAME] [--module URL]');
  if (values.module) {
    const m = (await import(values.module)) as { statefulDeclaration?: StatefulDeclaration };
    if (!m.statefulDeclaration) fail(2, `module ${values.module} exports no statefulDeclaration`);
    registerSpec(statefulBundle(m.statefulDeclaration, { module: values.module }));
  }
  let spec;
  try {
    spec = getSpec(values.spec);
  } catch (e) {
    fail(2, (e as Error).message);
  }
  if (!isStateful(spec)) fail(2, `spec ${values.spec} is not stateful`);
  if (!values.mutant) return { id: spec.definition.id, name: `model of ${spec.definition.id}`, model: spec.model };
  const m = spec.mutants.find((x) => x.name === values.mutant);
  if (!m) fail(2, `spec ${spec.definition.id} has no mutant '${values.mutant}' (valid: ${spec.mutants.map((x) => x.name).join(', ')})`);
  return { id: spec.definition.id, name: `mutant ${m.name} of ${spec.definition.id}`, model: m.model };
}

/** The response to one sequence: u32 n, n outcome records. */
function response(model: StatefulModel<unknown>, body: Uint8Array): Uint8Array {
  const seq = decodeSequenceBody(body);
  const outcomes = runModel(model, seq);
  const out = new Uint8Array(4 + outcomes.length * OUTCOME_RECORD_SIZE);
  new DataView(out.buffer).setUint32(0, outcomes.length, true);
  outcomes.forEach((o, i) => encodeOutcome(o, out, 4 + i * OUTCOME_RECORD_SIZE));
  return out;
}

async function main(): Promise<void> {
  const { id, name, model } = await served(process.argv.slice(2));
  process.stdout.write(JSON.stringify({ protocol: PROTOCOL_2, name, specs: [id], data: false }) + '\n');
  let buf = Buffer.alloc(0);
  process.stdin.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 4) return;
      const first = buf.readUInt32LE(0);
      if (first === 0) process.exit(EXIT_OK);
      if (first !== SEQUENCE_MARKER) fail(EXIT_PROTOCOL, `a batch request of ${first} cases, but this adapter runs sequences of ${id} only`);
      if (buf.length < 8) return;
      const size = sequenceBodySize(buf.readUInt32LE(4));
      if (buf.length < 4 + size) {
        // a count out of range is refused now, not waited for
        if (buf.readUInt32LE(4) < 1 || buf.readUInt32LE(4) > 64) fail(EXIT_PROTOCOL, `a sequence of ${buf.readUInt32LE(4)} steps: want 1..64`);
        return;
      }
      let out: Uint8Array;
      try {
        out = response(model, buf.subarray(4, 4 + size));
      } catch (e) {
        fail(EXIT_PROTOCOL, (e as Error).message);
      }
      buf = buf.subarray(4 + size);
      process.stdout.write(out);
    }
  });
  process.stdin.on('end', () => process.exit(buf.length > 0 ? EXIT_IO : EXIT_OK));
}

main().catch((e: unknown) => fail(EXIT_PROTOCOL, (e as Error).stack ?? String(e)));
