/*
 * sequence.h - a stateful sequence (exec protocol version 2, docs/stateful.md) on the live kernel.
 *
 * Each sequence gets a ring of its own, set up fresh with the sequence's setup flags and closed
 * after its last step, so nothing one sequence registers reaches another (or the cached rings of
 * single-SQE cases). Register steps call io_uring_register with arguments built from the step's
 * selectors; submit steps push the SQE alone and wait (bounded) for its CQE; bpf_op steps are
 * answered -EOPNOTSUPP, since this adapter loads no BPF program.
 */
#ifndef URING_SPEC_KERNEL_SEQUENCE_H
#define URING_SPEC_KERNEL_SEQUENCE_H

#include "uring_spec_kit.h"

#include <stdint.h>

/* Runs steps[0..n-1] on a fresh ring; out[i] is step i's outcome. wait_ns bounds each wait for
 * a CQE. The scratch file is put back to its size and position 0 before and after. */
void ku_run_sequence(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out,
		     uint32_t n, int64_t wait_ns);

#endif
