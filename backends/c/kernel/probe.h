/*
 * probe.h - what the live kernel offers, found out once before the hello.
 *
 * io_uring_setup on a throwaway ring (features word), IORING_REGISTER_PROBE (last_op and the
 * supported opcodes), every setup flag bit alone on a 4-entry ring (accepted, or the errno:
 * some bits only work with companions, and that refusal is recorded as-is), and one buffer
 * registered at the canonical address. From those the adapter decides which specs it can run
 * and says why it leaves the others out.
 */
#ifndef URING_SPEC_KERNEL_PROBE_H
#define URING_SPEC_KERNEL_PROBE_H

#include <stdint.h>

struct ku_probe {
	char release[65];   /* uname -r */
	int setup_err;      /* io_uring_setup(4, {0}): 0, or -errno (io_uring unavailable) */
	uint32_t features;  /* params.features */
	int probe_err;      /* IORING_REGISTER_PROBE: 0 or -errno */
	unsigned last_op;   /* probe->last_op */
	uint8_t supported[256];
	int flag_ret[32];   /* io_uring_setup with 1 << bit alone: 0, or -errno */
	int bufreg_err;     /* one buf of 4096 bytes at USPEC_BUF_BASE: 0 or -errno */
	int lifecycle_err;  /* ring-lifecycle's register calls on a fresh ring: 0 or the first -errno */
	const char *lifecycle_call; /* the call that failed, when lifecycle_err */
};

void ku_probe_run(struct ku_probe *p);

/* 1 when the kernel reports op as supported. */
int ku_probe_op_supported(const struct ku_probe *p, unsigned op);

/* The hello's "specs" array and extra members ("kernel", "unsupported", and "scratch" when
 * scratch_size > 0), as malloc'd JSON text; NULL when out of memory. */
char *ku_probe_specs_json(const struct ku_probe *p);
char *ku_probe_extra_json(const struct ku_probe *p, int scratch_fd, long scratch_size);

#endif
