/*
 * instant-adapter.c - an exec-protocol adapter that answers every case at once with an all-zero
 * outcome (res 0, a CQE posted). bench/instant.ts runs batches through it to measure what the
 * harness itself costs per case (encoding, pipes, decoding), with no implementation to hide it.
 */
#include "uring_spec_kit.h"

static void run_batch(const struct uspec_case *cases, struct uspec_outcome *out, uint32_t n)
{
	/* The kit zeroes every outcome before the call: nothing to do. */
	(void)cases;
	(void)out;
	(void)n;
}

int main(int argc, char **argv)
{
	struct uspec_adapter a = { .name = "instant", .specs_json = "[\"nop@6.18\",\"fixed-buf@6.15\",\"bpf@v1\"]", .run_batch = run_batch };
	return uspec_main(&a, argc, argv);
}
