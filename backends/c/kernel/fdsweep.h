/*
 * fdsweep.h - closes descriptors that cases created (IORING_OP_OPENAT, SOCKET, PIPE, ACCEPT...).
 *
 * Descriptors are numbered lowest-free-first, so one left open by a case would change what a
 * later case's fd refers to. The adapter records the descriptors it has before the first case
 * and, after a case whose opcode can create descriptors, closes every other one. Rings are not
 * spared: the caller closes its cached rings first.
 */
#ifndef URING_SPEC_KERNEL_FDSWEEP_H
#define URING_SPEC_KERNEL_FDSWEEP_H

/* Remembers the descriptors open now. Returns 0, or -errno when /proc/self/fd is unreadable
 * (the sweep is then a no-op). */
int ku_fdsweep_baseline(void);

/* Closes every descriptor not in the baseline. */
void ku_fdsweep_run(void);

#endif
