/** Linux errno names and numbers (asm-generic/errno-base.h, errno.h) that the specs speak of. */

/** The errno table. */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EINVAL: 22,
  EMFILE: 24,
  ENOSYS: 38,
  EOPNOTSUPP: 95,
  EAFNOSUPPORT: 97,
  ENOBUFS: 105,
  ETIME: 62,
  EOVERFLOW: 75,
  ECANCELED: 125,
} as const;

/** An errno name. */
export type ErrnoName = keyof typeof ERRNO;

const BY_NUMBER = new Map<number, ErrnoName>(Object.entries(ERRNO).map(([k, v]) => [v, k as ErrnoName]));

/** -errno for a name: the value a CQE's res carries. */
export function negErrno(name: ErrnoName): number {
  return -ERRNO[name];
}

/**
 * The name for a result: "OK" for res >= 0 (a success, possibly a byte count), the errno name for
 * a known -errno, "E?<n>" for an unknown one.
 */
export function resName(res: number): string {
  if (res >= 0) return 'OK';
  return BY_NUMBER.get(-res) ?? `E?${-res}`;
}

/** The number for an errno name, or undefined. */
export function errnoByName(name: string): number | undefined {
  // own keys only: 'constructor' or '__proto__' are not errno names
  return Object.hasOwn(ERRNO, name) ? (ERRNO as Record<string, number>)[name] : undefined;
}
