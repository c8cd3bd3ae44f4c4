/*
 * scratch.h - the scratch file cases may read and write, kept at USPEC_SCRATCH_FD.
 *
 * A regular file of KU_SCRATCH_SIZE bytes filled with a fixed pattern, created in $TMPDIR (or
 * /tmp) and unlinked at once, so nothing outlives the adapter. Only its size and file position
 * decide results (reads past EOF, off = -1 I/O), so after a read or write on it the adapter puts
 * those two back; the content a write changed is left as written, because no outcome of a read
 * or write depends on it (the outcome record carries res, not data). After a case that could do
 * anything (a full reset) the content is rewritten too.
 */
#ifndef URING_SPEC_KERNEL_SCRATCH_H
#define URING_SPEC_KERNEL_SCRATCH_H

#define KU_SCRATCH_SIZE 65536

/* Creates the file at USPEC_SCRATCH_FD. Returns 0 or -errno. */
int ku_scratch_create(void);

/* What ku_scratch_restore puts back. */
#define KU_SCRATCH_SIZE_BACK (1u << 0) /* size to KU_SCRATCH_SIZE (after writes, fallocate, ftruncate) */
#define KU_SCRATCH_POS_BACK (1u << 1)  /* file position to 0 (after I/O at off = -1) */
#define KU_SCRATCH_ALL (1u << 2)       /* both, the pattern, and the file itself if a case closed or
					* replaced it */

void ku_scratch_restore(unsigned what);

#endif
