/** The regression corpus: deduplicated JSON lines, replayed before any random case. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendCorpus, corpusCases, corpusEntry, readCorpus, readCorpusLines } from '../../corpus/corpus.js';
import { FileError } from '../../corpus/file-error.js';
import { checkSpec } from '../../runner/check.js';
import { getSpec } from '../../registry/specs.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { emptyTableEinval } from '../helpers/broken-backend.js';
import { parseBackend } from '../../backends/registry.js';
import { tempDir } from '../helpers/temp-dir.js';

const spec = getSpec('bpf@v1');
// IORING_OP_BPF, bpf_op_flags = IORING_BPF_OP_FLAGS(0, 2, 0, 0) (fixed buffer 1), in a BPF ring with no buffers
const emptyTableHex = '41' + '00'.repeat(27) + '00004000' + '00'.repeat(32);
const ctx = { setupFlags: 1 << 20, nrBufs: 0, bufSize: 4096, ops: [0], personalities: 0 };


describe('corpus', () => {
  it('round-trips and deduplicates', () => {
    const file = join(tempDir(), 'sub', 'corpus.jsonl');
    const c = { sqe: sqeFromHex(emptyTableHex), ctx };
    expect(appendCorpus(file, [corpusEntry('bpf@v1', c, { property: 'x' }), corpusEntry('bpf@v1', c, { property: 'y' })])).toBe(1);
    expect(appendCorpus(file, [corpusEntry('bpf@v1', c, {})])).toBe(0);
    const entries = readCorpus(file);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ spec: 'bpf@v1', sqe: emptyTableHex, ctx, property: 'x' });
    expect(corpusCases(entries, 'bpf@v1')).toEqual([c]);
    expect(corpusCases(entries, 'nop@6.18')).toEqual([]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('names the file and line of a bad entry', () => {
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ spec: 'bpf@v1', sqe: emptyTableHex, ctx })}\n{"spec":"bpf@v1","sqe":"00"}\n`);
    expect(() => readCorpus(file)).toThrow(/bad\.jsonl:2: sqe: expected 128 hex digits/);
  });

  it('a bad line costs that line only: the others are read, each bad one named', () => {
    const file = join(tempDir(), 'mixed.jsonl');
    const good = JSON.stringify({ spec: 'bpf@v1', sqe: emptyTableHex, ctx });
    writeFileSync(file, [good, 'garbage', '', '{"sqe":"00"}', good.replace('"ops":[0]', '"ops":[0,0]')].join('\n') + '\n');
    const { entries, rejected } = readCorpusLines(file);
    expect(entries).toHaveLength(1);
    expect(rejected.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(rejected[0]!.error).toBe('not JSON');
    expect(rejected[1]!.error).toBe('"spec" missing');
    expect(rejected[2]!.error).toMatch(/op ids must be unique/);
  });

  it('a corpus that cannot be written is a FileError naming the path, also under /proc (where recursive mkdir never returns)', () => {
    const c = { sqe: sqeFromHex(emptyTableHex), ctx };
    for (const path of ['/proc/nope/c.jsonl', join(tempDir(), 'file', 'c.jsonl')]) {
      if (!path.startsWith('/proc')) writeFileSync(join(path, '..', '..', 'file'), '');
      const err = (() => {
        try {
          appendCorpus(path, [corpusEntry('bpf@v1', c, {})]);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(FileError);
      expect((err as Error).message).toMatch(new RegExp(`^cannot write ${path.replace(/[/.]/g, '\\$&')}: `));
    }
  });

  it('is replayed first, before any random case', async () => {
    const r = await checkSpec(spec, emptyTableEinval, { seed: 1, runs: 10, corpus: [{ sqe: sqeFromHex(emptyTableHex), ctx }] });
    expect(r.properties[0]!.name).toBe('corpus-replay');
    expect(r.properties[0]!.status).toBe('failed');
    expect(r.properties[0]!.cases).toBe(1);
  });

  it('names the corpus case that crashes the backend, not just its batch', async () => {
    const crash = '41' + '00'.repeat(27) + '00000800' + '00'.repeat(32); // buffer 2 fixed
    const backend = parseBackend('mutant:crash-on-buf2-fixed', 'bpf@v1');
    try {
      const corpus = [{ sqe: sqeFromHex(emptyTableHex), ctx }, { sqe: sqeFromHex(crash), ctx }];
      const r = await checkSpec(spec, backend, { seed: 1, runs: 1, corpus, only: [] });
      const p = r.properties[0]!;
      expect([p.name, p.status, p.failure?.kind]).toEqual(['corpus-replay', 'failed', 'backend']);
      expect(p.failure?.kind === 'backend' && p.failure.case.sqe).toEqual(sqeFromHex(crash));
      expect(p.failure?.kind === 'backend' && p.failure.message).toMatch(/killed by SIGSEGV/);
    } finally {
      await backend.close();
    }
  });
});
