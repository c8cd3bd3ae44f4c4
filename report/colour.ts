/** ANSI colour, only for a terminal (and never when NO_COLOR is set). */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (on: boolean, code: number) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** A painter for a stream: plain text unless it is a TTY. */
export function paintFor(stream: { isTTY?: boolean }): Paint {
  const on = Boolean(stream.isTTY) && !process.env.NO_COLOR;
  return { red: wrap(on, 31), green: wrap(on, 32), yellow: wrap(on, 33), dim: wrap(on, 2), bold: wrap(on, 1) };
}
