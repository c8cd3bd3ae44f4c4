/**
 * The regression corpus: every failing case is appended (JSON lines, deduplicated) and replayed
 * first on every later run, before any random case. Plain text so it can be committed and shared.
 * A stateful spec's failure is a line with a `sequence` of `run: "ring"` and no sqe/ctx.
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Case } from '../properties/case.js';
import { canonicalContext, parseContext, type RingContext } from '../spec/context.js';
import { sqeFromHex, sqeToHex } from '../spec/sqe.js';
import { parseRingSequenceRecord, parseSequenceRecord, ringSequenceRecord, sequenceRecord, sequenceRunOf, type RingSequenceRecord, type Sequence, type SequenceRecord } from '../runner/sequence.js';
import type { StepSequence } from '../spec/stateful/step.js';
import { FileError, readText } from './file-error.js';

/** Where failing cases go unless --corpus says otherwise. */
export const DEFAULT_CORPUS = '.uring-spec/corpus.jsonl';

/** One corpus line of a single-SQE spec. */
export interface CorpusEntry {
  spec: string;
  /** 128 hex digits. */
  sqe: string;
  ctx: RingContext;
  /** Where it was found: property, backend, seed, and what went wrong. */
  property?: string;
  backend?: string;
  seed?: number;
  message?: string;
  found?: string;
  /**
   * An order-dependent failure: the sequence to replay as one batch (docs/sequences.md); `sqe` and
   * `ctx` are then its differing case.
   */
  sequence?: SequenceRecord;
}

/** One corpus line of a stateful spec: the minimal sequence, run on one ring. */
export interface RingCorpusEntry {
  spec: string;
  sequence: RingSequenceRecord;
  property?: string;
  backend?: string;
  seed?: number;
  message?: string;
  found?: string;
}

/** Any corpus line. */
export type AnyCorpusEntry = CorpusEntry | RingCorpusEntry;

/** Whether a line holds a stateful sequence. */
export function isRingEntry(e: AnyCorpusEntry): e is RingCorpusEntry {
  return e.sequence !== undefined && e.sequence.run === 'ring';
}

/** The identity of a stateful entry: spec and its sequence in canonical JSON form. */
function ringKey(e: RingCorpusEntry): string {
  const r = parseRingSequenceRecord(e.sequence, 'corpus');
  return `${e.spec}|ring|${JSON.stringify(ringSequenceRecord(r.sequence, r.differs))}`;
}

function entryKey(e: AnyCorpusEntry): string {
  return isRingEntry(e) ? ringKey(e) : key(e.spec, e.sqe, e.ctx, e.sequence);
}

/** The identity of an entry: spec, SQE bytes and context (and its sequence, if it has one). */
function key(spec: string, sqeHex: string, ctx: RingContext, sequence?: SequenceRecord): string {
  const base = `${spec}|${sqeHex.toLowerCase()}|${JSON.stringify(canonicalContext(ctx))}`;
  return sequence ? `${base}|${JSON.stringify(sequenceRecord(parseSequenceRecord(sequence, 'corpus')))}` : base;
}

/** A corpus line that cannot be used, and why (line numbers from 1). */
export interface RejectedLine {
  line: number;
  error: string;
}

/** The entry on one line, or why it cannot be one. */
function parseLine(text: string): AnyCorpusEntry | string {
  let e: CorpusEntry;
  try {
    e = JSON.parse(text) as CorpusEntry;
  } catch {
    return 'not JSON';
  }
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not a JSON object';
  if (typeof e.spec !== 'string') return '"spec" missing';
  if (sequenceRunOf(e.sequence) === 'ring') {
    try {
      parseRingSequenceRecord(e.sequence, 'sequence');
    } catch (err) {
      return (err as Error).message;
    }
    return e as unknown as RingCorpusEntry;
  }
  try {
    sqeFromHex(e.sqe);
    e.ctx = parseContext(e.ctx ?? {});
    if (e.sequence !== undefined) parseSequenceRecord(e.sequence, 'sequence');
  } catch (err) {
    return (err as Error).message;
  }
  return e;
}

/**
 * Every usable entry of the file (none if it does not exist), and every line that is not one: a
 * bad line costs that line, never the rest of the corpus. Throws when the file cannot be read.
 */
export function readCorpusLines(path: string): { entries: AnyCorpusEntry[]; rejected: RejectedLine[] } {
  if (!existsSync(path)) return { entries: [], rejected: [] };
  const text = readText(path);
  const entries: AnyCorpusEntry[] = [];
  const rejected: RejectedLine[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const r = parseLine(line);
    if (typeof r === 'string') rejected.push({ line: i + 1, error: r });
    else entries.push(r);
  });
  return { entries, rejected };
}

/** Every entry of the file (none if it does not exist). Throws naming file:line for each bad line. */
export function readCorpus(path: string): AnyCorpusEntry[] {
  const { entries, rejected } = readCorpusLines(path);
  if (rejected.length > 0) throw new Error(rejected.map((r) => `corpus ${path}:${r.line}: ${r.error}`).join('; '));
  return entries;
}

/**
 * mkdir -p without fs.mkdirSync's recursive mode, which loops forever on a path under /proc
 * (Node 20: `mkdirSync('/proc/x/y', { recursive: true })` never returns).
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
}

/** The corpus's cases for one spec, in file order, without duplicates. */
export function corpusCases(entries: readonly AnyCorpusEntry[], spec: string): Case[] {
  const seen = new Set<string>();
  const out: Case[] = [];
  for (const e of entries) {
    if (e.spec !== spec || isRingEntry(e) || e.sequence !== undefined) continue;
    const k = key(e.spec, e.sqe, e.ctx);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ sqe: sqeFromHex(e.sqe), ctx: e.ctx });
  }
  return out;
}

/** The corpus's sequences for one spec, in file order, without duplicates: each replays as one batch. */
export function corpusSequences(entries: readonly AnyCorpusEntry[], spec: string): Sequence[] {
  const seen = new Set<string>();
  const out: Sequence[] = [];
  for (const e of entries) {
    if (e.spec !== spec || isRingEntry(e) || e.sequence === undefined) continue;
    const k = key(e.spec, e.sqe, e.ctx, e.sequence);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(parseSequenceRecord(e.sequence, 'corpus'));
  }
  return out;
}

/** A stateful spec's corpus sequences, in file order, without duplicates: each runs on one ring. */
export function corpusRings(entries: readonly AnyCorpusEntry[], spec: string): StepSequence[] {
  const seen = new Set<string>();
  const out: StepSequence[] = [];
  for (const e of entries) {
    if (e.spec !== spec || !isRingEntry(e)) continue;
    const k = ringKey(e);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(parseRingSequenceRecord(e.sequence, 'corpus').sequence);
  }
  return out;
}

/** Appends the entries the file does not hold yet; returns how many were new. */
export function appendCorpus(path: string, entries: readonly AnyCorpusEntry[]): number {
  const have = new Set(readCorpusLines(path).entries.map(entryKey));
  const fresh: string[] = [];
  for (const e of entries) {
    const k = entryKey(e);
    if (have.has(k)) continue;
    have.add(k);
    fresh.push(JSON.stringify(isRingEntry(e) ? e : { ...e, sqe: e.sqe.toLowerCase(), ctx: canonicalContext(e.ctx) }));
  }
  if (fresh.length === 0) return 0;
  try {
    makeDirs(dirname(path));
    appendFileSync(path, fresh.join('\n') + '\n');
  } catch (e) {
    throw new FileError('write', path, e);
  }
  return fresh.length;
}

/** A corpus entry for a stateful spec's failing sequence. */
export function ringCorpusEntry(spec: string, seq: StepSequence, differs: number, extra: Omit<RingCorpusEntry, 'spec' | 'sequence'>): RingCorpusEntry {
  return { spec, sequence: ringSequenceRecord(seq, differs), ...extra };
}

/** A corpus entry for a case. */
export function corpusEntry(spec: string, c: Case, extra: Omit<CorpusEntry, 'spec' | 'sqe' | 'ctx'>): CorpusEntry {
  return { spec, sqe: sqeToHex(c.sqe), ctx: canonicalContext(c.ctx), ...extra };
}
