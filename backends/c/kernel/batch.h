/*
 * batch.h - a whole request of cases on the live kernel, as fast as isolation allows.
 *
 * The cases are grouped by ring context and lane (first appearance order, case order within a
 * group), so each group takes its ring once. Within a group, runs of consecutive cases that are
 * provably independent of each other (ku_batchable) go to the kernel together, up to
 * KU_SUBMIT_MANY_MAX SQEs per io_uring_enter; every other case (links, drains, skipped successes,
 * ops that reach beyond their CQE) takes the one-at-a-time path of caserun.c, with its fences.
 * A batched submission that looks odd in any way is thrown away and its cases run again one at a
 * time. Outcomes land at their case's index: the order the harness sees never changes.
 */
#ifndef URING_SPEC_KERNEL_BATCH_H
#define URING_SPEC_KERNEL_BATCH_H

#include "aftercare.h"
#include "caserun.h"
#include "uring_spec_kit.h"

/* ku_batchable: the case can share a submission with other such cases of its context... */
#define KU_BATCH_OK (1u << 0)
/* ...but it may grow the scratch file (a write past its 65536 bytes)... */
#define KU_BATCH_GROWS (1u << 1)
/* ...or it reads past the file's end, where a growing write would change its result: the two
 * never share a submission. */
#define KU_BATCH_SIZE_READ (1u << 2)

/* What c needs to share an io_uring_enter with other cases of its context (KU_BATCH_*), or 0
 * when it must run alone: no IO_DRAIN together with CQE_SKIP_SUCCESS; and an op that leaves
 * nothing another case could see: NOP or an opcode the kernel refuses, or a plain or fixed
 * READ/WRITE at an explicit offset (not -1, which moves the file position) on the scratch file
 * or on nothing (a closed descriptor, an empty fixed-file table: no pipe or socket that could
 * park it), a write without RWF_APPEND (its content is never an input of an outcome; the
 * file's size is, hence KU_BATCH_GROWS). Links end their submission (ku_submit_many). */
unsigned ku_batchable(const struct uspec_case *c, enum ku_reach reach);

/* Runs cases[0..n) into out[0..n). one_at_a_time: every case through ku_run_one, in case order
 * (URING_SPEC_KERNEL_ONE_AT_A_TIME, the reference the batched path is tested against). */
void ku_run_batch(struct ku_runner *k, const struct uspec_case *cases, struct uspec_outcome *out, uint32_t n,
		  int one_at_a_time);

#endif
