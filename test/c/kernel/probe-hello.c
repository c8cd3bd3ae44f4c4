/*
 * Prints the hello members the kernel adapter's probe gives for a made-up kernel, so a test can
 * check the series' setup-flag handling without a kernel that carries the series: argv[1] names
 * the kernel ("stock", "posted": IORING_OP_BPF with the flags at their posted bits, "rebased":
 * IORING_OP_BPF with bit 20 refused and bit 21 taken, as on Linux 7.2; "7.2": stock Linux 7.2, whose
 * last op is IORING_OP_URING_CMD128 (64); "no-rsrc2": a stock kernel whose REGISTER_BUFFERS2 is
 * refused, as before Linux 5.13).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

int main(int argc, char **argv)
{
	struct ku_probe p;
	const char *kind = argc > 1 ? argv[1] : "stock";

	memset(&p, 0, sizeof(p));
	strcpy(p.release, "made-up");
	p.last_op = !strcmp(kind, "stock") ? 62 : !strcmp(kind, "7.2") ? 64 : 65;
	for (unsigned op = 0; op <= p.last_op; op++)
		p.supported[op] = 1;
	for (unsigned bit = 0; bit < 32; bit++)
		p.flag_ret[bit] = bit > 21 ? -EINVAL : 0;
	if (!strcmp(kind, "stock") || !strcmp(kind, "7.2")) {
		p.flag_ret[20] = -EINVAL; /* 6.18: no bit 20 */
		p.flag_ret[21] = -EINVAL;
	} else if (!strcmp(kind, "rebased")) {
		p.flag_ret[20] = -EINVAL; /* 7.2: SQ_REWIND, refused alone */
	} else if (!strcmp(kind, "posted")) {
		p.flag_ret[21] = -EINVAL; /* before 7.2 and V3: nothing at bit 21 */
	} else if (!strcmp(kind, "no-rsrc2")) {
		p.flag_ret[20] = -EINVAL;
		p.flag_ret[21] = -EINVAL;
		p.lifecycle_err = -EINVAL;
		p.lifecycle_call = "IORING_REGISTER_BUFFERS2 (sparse, 1 slot)";
	}
	char *specs = ku_probe_specs_json(&p);
	char *extra = ku_probe_extra_json(&p, 100, 65536);
	if (!specs || !extra)
		return 1;
	printf("{\"specs\":%s,%s}\n", specs, extra);
	free(specs);
	free(extra);
	return 0;
}
