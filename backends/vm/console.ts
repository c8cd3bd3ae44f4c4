/**
 * The guest's console log: its tail for error messages, and kernel health. A panic, an oops, a
 * BUG, a WARN or a sanitizer report means the kernel misbehaved, whatever the cases answered
 * (liburing's test runner checks dmesg for the same reason).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** What the kernel prints when it is unhealthy; the first match names the problem. */
export const HEALTH_PATTERNS: readonly { name: string; re: RegExp }[] = [
  { name: 'kernel panic', re: /Kernel panic - not syncing/ },
  { name: 'KASAN report', re: /BUG: KASAN:|KASAN:/ },
  { name: 'UBSAN report', re: /UBSAN:/ },
  { name: 'KFENCE report', re: /BUG: KFENCE:/ },
  { name: 'oops', re: /\bOops\b|general protection fault|kernel BUG at/ },
  { name: 'BUG', re: /\bBUG: / },
  // __warn() prints "WARNING: CPU: n PID: m at ..."; lockdep prints "WARNING: possible ..."
  { name: 'WARN', re: /\bWARNING: / },
];

/** A problem found in the console text. */
export interface HealthReport {
  name: string;
  /** The lines around the first match. */
  excerpt: string;
}

function clean(text: string): string {
  // the console is a terminal: drop carriage returns and other control bytes except newlines and tabs
  return text.replace(/\r/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** The first health problem in `text`, with up to 5 lines before and 20 after it; null when healthy. */
export function scanHealth(text: string): HealthReport | null {
  const lines = clean(text).split('\n');
  for (const p of HEALTH_PATTERNS) {
    const i = lines.findIndex((l) => p.re.test(l));
    if (i >= 0) return { name: p.name, excerpt: lines.slice(Math.max(0, i - 5), i + 21).join('\n').trimEnd() };
  }
  return null;
}

/** The last `n` non-empty lines of the console text (at most `maxChars`), for error messages. */
export function consoleTail(text: string, n = 15, maxChars = 2000): string {
  const lines = clean(text).split('\n').filter((l) => l.trim() !== '').slice(-n);
  const tail = lines.join('\n');
  return tail.length > maxChars ? `...${tail.slice(-maxChars)}` : tail;
}

/** Reads a growing log file from a remembered offset (the console log, while QEMU writes it). */
export class LogReader {
  private offset = 0;
  /** Everything read so far (capped to the last `keep` characters). */
  private text = '';

  constructor(
    readonly path: string,
    private readonly keep = 1 << 20,
  ) {}

  /** The bytes added since the last call, as text; '' when the file does not exist yet. */
  readNew(): string {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return '';
    }
    try {
      const size = statSync(this.path).size;
      if (size <= this.offset) return '';
      const buf = Buffer.alloc(size - this.offset);
      const got = readSync(fd, buf, 0, buf.length, this.offset);
      this.offset += got;
      const added = buf.subarray(0, got).toString('latin1');
      this.text = (this.text + added).slice(-this.keep);
      return added;
    } finally {
      closeSync(fd);
    }
  }

  /** Everything read so far, after reading what is new. */
  all(): string {
    this.readNew();
    return this.text;
  }
}
