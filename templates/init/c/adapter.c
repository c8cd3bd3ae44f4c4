/*
 * {{NAME}}: a uring-spec adapter for {{SPEC}} (exec protocol uring-spec/1), written by
 * `uring-spec init`. The kit in kit/ does the hello, the framing and the little-endian decoding;
 * run_case is yours. It implements nothing yet: every case answers -ENOSYS, so `make check`
 * fails and its report shows, case by case, what the spec expects instead.
 */
#include <errno.h>

#include "uring_spec_kit.h"

static void run_case(const struct uspec_case *c, struct uspec_outcome *out)
{
	/*
	 * c->sqe is the decoded SQE, c->ctx the ring (setup flags, registered buffers and
	 * personalities; uspec_op_registered(&c->ctx, op) for the BPF ops). out is zeroed. Call your
	 * implementation here: set out->res to 0 or a negative errno and, on success, fill opf ..
	 * buf_index and set USPEC_OUT_DATA_VALID (see docs/exec-protocol.md in uring-spec).
	 */
	(void)c;
	out->res = -ENOSYS;
}

static struct uspec_adapter adapter = {
	.name = "{{NAME}}",
	.specs_json = "[\"{{SPEC}}\"]",
	.data = {{DATA_INT}},
	.run_case = run_case,
};

int main(int argc, char **argv)
{
	return uspec_main(&adapter, argc, argv);
}
