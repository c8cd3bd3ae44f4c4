/*
 * aftercare.h - what a case's op may change beyond its own CQE, and putting it back.
 *
 * Isolation: a case's outcome must not depend on the cases before it. The ring is taken care of
 * by submit.c and ctxcache.c; this is everything else a case can reach - the scratch file's size
 * and position, buffer memory a read landed in, descriptors it opened, ring state it changed -
 * classified by opcode (cheap checks for the ops property runs use all the time, a full reset
 * for the rest) and restored after the case.
 */
#ifndef URING_SPEC_KERNEL_AFTERCARE_H
#define URING_SPEC_KERNEL_AFTERCARE_H

#include "submit.h"
#include "uring_spec_kit.h"

enum ku_reach {
	KU_REACH_NOTHING, /* NOP, and opcodes past the probe's last_op (io_init_req refuses them) */
	KU_REACH_READ,    /* reads a file into one range: the file position (at off = -1), and
			   * the bytes that landed in buffer memory */
	KU_REACH_WRITE,   /* writes a file: its position, and its size */
	KU_REACH_FILE,    /* fsync, fadvise: nothing the outcome of a later case can see */
	KU_REACH_ANY      /* anything else: rings, descriptors, memory, the scratch file */
};

/* last_op: the probe's, or -1 when the probe failed (then no opcode is known to be refused). */
enum ku_reach ku_reach_of(unsigned op, int last_op);

/* KU_HINT_* for ku_submit_case. */
unsigned ku_hints_of(const struct uspec_case *c, enum ku_reach reach);

/* Puts back what the case may have changed; r is its outcome. */
void ku_restore_after(const struct uspec_case *c, enum ku_reach reach, const struct ku_result *r);

#endif
