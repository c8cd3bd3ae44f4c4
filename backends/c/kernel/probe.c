/*
 * probe.c - what the live kernel offers; see probe.h.
 *
 * The spec ids and their requirements:
 *   nop@6.18       IORING_OP_NOP supported
 *   fixed-buf@6.15 READ_FIXED and WRITE_FIXED supported, and a buffer registers at the
 *                  canonical address
 *   nop@7.2        as nop@6.18, and the kernel's op table is 7.2's: IORING_OP_NOP128 (63)
 *                  supported and IORING_OP_URING_CMD128 (64) the last op (the spec says every
 *                  opcode from 65 up is invalid, which a later kernel's new ops or the series'
 *                  IORING_OP_BPF would contradict)
 *   fixed-buf@7.2  as fixed-buf@6.15, and the kernel's op table is 7.2's (last op 64)
 *   (the 6.18 and 6.15 specs are offered on every kernel with the ops, older and newer: their
 *   disagreements there are findings about the versions, which is what a check is for)
 *   ring-lifecycle@6.18
 *                  as fixed-buf@6.15, and on a fresh ring a sparse buffer table and a sparse file
 *                  table register and unregister (REGISTER_BUFFERS2 / FILES2 with
 *                  IORING_RSRC_REGISTER_SPARSE) and a personality registers with id 1 and
 *                  unregisters (sequences run through run_sequence, exec protocol version 2)
 *   bpf@v1-base, bpf@v1, bpf@v2, bpf@v3
 *                  the probe reports IORING_OP_BPF (65) supported and io_uring_setup accepts the
 *                  version's setup flag, at its bit as posted or, rebased onto Linux 7.2 (where
 *                  bit 20 is IORING_SETUP_SQ_REWIND), at bit 21; a moved bit is reported in the
 *                  hello's "constants" and the harness maps it. The SQE-level behaviour of V2 and
 *                  V3 cannot be told apart by a probe, nor V1 from V1-base without a program:
 *                  every version is offered, and the check of the version the kernel carries is
 *                  the one that passes (series not in mainline)
 */
#include "probe.h"

#include "bpfops.h"

#include "bufmem.h"
#include "errname.h"
#include "io_uring_abi.h"
#include "ring.h"
#include "uring_spec_kit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PROBE_OPS 256u

static int setup_only(uint32_t flags)
{
	struct ku_io_uring_params params;
	int fd;

	memset(&params, 0, sizeof(params));
	params.flags = flags;
	fd = ku_sys_setup(4, &params);
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

/* The register calls ring-lifecycle@6.18 steps through, once each on a fresh ring. */
static void probe_lifecycle(struct ku_probe *p)
{
	struct ku_io_uring_params params;
	struct ku_io_uring_rsrc_register rr;
	int fd, ret = 0;

	memset(&params, 0, sizeof(params));
	fd = ku_sys_setup(4, &params);
	if (fd < 0) {
		p->lifecycle_err = fd;
		p->lifecycle_call = "io_uring_setup";
		return;
	}
	memset(&rr, 0, sizeof(rr));
	rr.nr = 1;
	rr.flags = KU_IORING_RSRC_REGISTER_SPARSE;
#define LIFECYCLE_CALL(call, what)                                                                       \
	do {                                                                                             \
		if (ret >= 0) {                                                                          \
			ret = (call);                                                                    \
			p->lifecycle_call = (what);                                                      \
		}                                                                                        \
	} while (0)
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_REGISTER_BUFFERS2, &rr, sizeof(rr)), "IORING_REGISTER_BUFFERS2 (sparse, 1 slot)");
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_UNREGISTER_BUFFERS, NULL, 0), "IORING_UNREGISTER_BUFFERS");
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_REGISTER_FILES2, &rr, sizeof(rr)), "IORING_REGISTER_FILES2 (sparse, 1 slot)");
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_UNREGISTER_FILES, NULL, 0), "IORING_UNREGISTER_FILES");
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_REGISTER_PERSONALITY, NULL, 0) == 1 ? 0 : -ERANGE, "IORING_REGISTER_PERSONALITY (want id 1)");
	LIFECYCLE_CALL(ku_sys_register(fd, KU_IORING_UNREGISTER_PERSONALITY, NULL, 1), "IORING_UNREGISTER_PERSONALITY");
#undef LIFECYCLE_CALL
	close(fd);
	p->lifecycle_err = ret < 0 ? ret : 0;
	if (!p->lifecycle_err)
		p->lifecycle_call = NULL;
}

void ku_probe_run(struct ku_probe *p)
{
	struct ku_io_uring_params params;
	struct utsname u;
	struct ku_io_uring_probe *pr;
	int fd;

	memset(p, 0, sizeof(*p));
	if (uname(&u) == 0)
		snprintf(p->release, sizeof(p->release), "%s", u.release);
	memset(&params, 0, sizeof(params));
	fd = ku_sys_setup(4, &params);
	if (fd < 0) {
		p->setup_err = fd;
		p->probe_err = fd;
		p->bufreg_err = fd;
		p->lifecycle_err = fd;
		p->lifecycle_call = "io_uring_setup";
		for (unsigned b = 0; b < 32; b++)
			p->flag_ret[b] = fd;
		return;
	}
	p->features = params.features;

	pr = calloc(1, sizeof(*pr) + PROBE_OPS * sizeof(pr->ops[0]));
	if (!pr) {
		p->probe_err = -ENOMEM;
	} else {
		p->probe_err = ku_sys_register(fd, KU_IORING_REGISTER_PROBE, pr, PROBE_OPS);
		if (p->probe_err > 0)
			p->probe_err = 0;
		if (p->probe_err == 0) {
			p->last_op = pr->last_op;
			for (unsigned i = 0; i < pr->ops_len && i < PROBE_OPS; i++)
				if (pr->ops[i].flags & KU_IO_URING_OP_SUPPORTED)
					p->supported[pr->ops[i].op] = 1;
		}
		free(pr);
	}

	p->bufreg_err = ku_bufmem_ensure(1, 4096);
	if (p->bufreg_err == 0)
		p->bufreg_err = ku_bufmem_register(fd, 1, 4096);
	if (p->bufreg_err > 0)
		p->bufreg_err = 0;
	close(fd);

	for (unsigned b = 0; b < 32; b++)
		p->flag_ret[b] = setup_only(1u << b);
	probe_lifecycle(p);
}

int ku_probe_op_supported(const struct ku_probe *p, unsigned op)
{
	return p->probe_err == 0 && op < PROBE_OPS && p->supported[op];
}

/* A growing string; on allocation failure it turns NULL and stays so. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!b->s && b->cap)
		return;
	for (;;) {
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (b->s && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = (b->cap ? b->cap : 256) * 2 + (size_t)n;
		char *s = realloc(b->s, cap);
		if (!s) {
			free(b->s);
			b->s = NULL;
			b->cap = 1; /* marks failure */
			return;
		}
		b->s = s;
		b->cap = cap;
	}
}

/* JSON string contents (no quotes): the release comes from uname, so it is escaped, not trusted. */
static void sb_json_body(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", c);
		else if (c < 0x20)
			sb_printf(b, "\\u%04x", c);
		else
			sb_printf(b, "%c", c);
	}
}

/* A JSON string. */
static void sb_json_str(struct sbuf *b, const char *s)
{
	sb_printf(b, "\"");
	sb_json_body(b, s);
	sb_printf(b, "\"");
}

static void sb_err(struct sbuf *b, int err)
{
	sb_printf(b, "-%s (%d)", ku_errname(err), err < 0 ? -err : err);
}

/* Why io_uring as a whole is out, or NULL when it is there. Appends to b. */
static int explain_base(struct sbuf *b, const struct ku_probe *p)
{
	if (p->setup_err) {
		sb_printf(b, "io_uring unavailable: io_uring_setup(4, {0}) failed with ");
		sb_err(b, p->setup_err);
		return 1;
	}
	if (p->probe_err) {
		sb_printf(b, "IORING_REGISTER_PROBE failed with ");
		sb_err(b, p->probe_err);
		return 1;
	}
	return 0;
}

static int nop_ok(const struct ku_probe *p)
{
	return ku_probe_op_supported(p, KU_IORING_OP_NOP);
}

static int fixed_ok(const struct ku_probe *p)
{
	return ku_probe_op_supported(p, KU_IORING_OP_READ_FIXED) &&
	       ku_probe_op_supported(p, KU_IORING_OP_WRITE_FIXED) && p->bufreg_err == 0;
}

/* The probe's op table ends where Linux 7.2's does: IORING_OP_URING_CMD128 is the last op. */
static int ops_7_2(const struct ku_probe *p)
{
	return p->probe_err == 0 && p->last_op == KU_IORING_OP_URING_CMD128;
}

static int nop72_ok(const struct ku_probe *p)
{
	return nop_ok(p) && ku_probe_op_supported(p, KU_IORING_OP_NOP128) && ops_7_2(p);
}

static int fixed72_ok(const struct ku_probe *p)
{
	return fixed_ok(p) && ops_7_2(p);
}

static int lifecycle_ok(const struct ku_probe *p)
{
	return nop_ok(p) && fixed_ok(p) && p->lifecycle_err == 0;
}

/* The versions of the IORING_OP_BPF series, with their setup flag as posted (spec/bpf-*). */
struct bpf_version {
	const char *spec;
	const char *flag;
	unsigned posted_bit;
};

static const struct bpf_version BPF_VERSIONS[] = {
	{ "bpf@v1-base", "IORING_SETUP_BPF", 20 },
	{ "bpf@v1", "IORING_SETUP_BPF", 20 },
	{ "bpf@v2", "IORING_SETUP_BPF_OP", 20 },
	{ "bpf@v3", "IORING_SETUP_BPF_EXT", 21 },
};
#define N_BPF_VERSIONS (sizeof(BPF_VERSIONS) / sizeof(BPF_VERSIONS[0]))

/* The bit this kernel takes the version's setup flag at: as posted, else 21 (a 7.2 rebase); -1: none. */
static int bpf_flag_bit(const struct ku_probe *p, const struct bpf_version *v)
{
	if (p->setup_err || !ku_probe_op_supported(p, KU_IORING_OP_BPF))
		return -1;
	if (p->flag_ret[v->posted_bit] == 0)
		return (int)v->posted_bit;
	if (v->posted_bit != 21 && p->flag_ret[21] == 0)
		return 21;
	return -1;
}

/* Ops can be registered: a version of the series runs here and its struct_ops type is in BTF. */
static int bpf_ops_ok(const struct ku_probe *p)
{
	int any = 0;

	for (size_t i = 0; i < N_BPF_VERSIONS; i++)
		any |= bpf_flag_bit(p, &BPF_VERSIONS[i]) >= 0;
	return any && ku_bpf_available(NULL) == 0;
}

char *ku_probe_specs_json(const struct ku_probe *p)
{
	struct sbuf b = { 0 };
	const char *sep = "";

	sb_printf(&b, "[");
	if (nop_ok(p)) {
		sb_printf(&b, "%s\"nop@6.18\"", sep);
		sep = ",";
	}
	if (fixed_ok(p)) {
		sb_printf(&b, "%s\"fixed-buf@6.15\"", sep);
		sep = ",";
	}
	if (nop72_ok(p)) {
		sb_printf(&b, "%s\"nop@7.2\"", sep);
		sep = ",";
	}
	if (fixed72_ok(p)) {
		sb_printf(&b, "%s\"fixed-buf@7.2\"", sep);
		sep = ",";
	}
	if (lifecycle_ok(p)) {
		sb_printf(&b, "%s\"ring-lifecycle@6.18\"", sep);
		sep = ",";
	}
	for (size_t i = 0; i < N_BPF_VERSIONS; i++)
		if (bpf_flag_bit(p, &BPF_VERSIONS[i]) >= 0) {
			sb_printf(&b, "%s\"%s\"", sep, BPF_VERSIONS[i].spec);
			sep = ",";
		}
	sb_printf(&b, "]");
	return b.s;
}

/* Why fixed-buf is out beyond io_uring as a whole (nothing when it is in); returns the separator for what follows. */
static const char *explain_fixed(struct sbuf *b, const struct ku_probe *p, const char *and)
{
	if (!ku_probe_op_supported(p, KU_IORING_OP_READ_FIXED)) {
		sb_printf(b, "%sprobe: IORING_OP_READ_FIXED (4) not supported", and);
		and = "; ";
	}
	if (!ku_probe_op_supported(p, KU_IORING_OP_WRITE_FIXED)) {
		sb_printf(b, "%sprobe: IORING_OP_WRITE_FIXED (5) not supported", and);
		and = "; ";
	}
	if (p->bufreg_err) {
		sb_printf(b, "%sIORING_REGISTER_BUFFERS of one 4096-byte buffer at 0x%llx failed with ", and,
			  (unsigned long long)0x200000000000ull);
		sb_err(b, p->bufreg_err);
		and = "; ";
	}
	return and;
}

/* Why the op table is not 7.2's (nothing when it is). */
static void explain_ops_7_2(struct sbuf *b, const struct ku_probe *p, const char *and)
{
	if (ops_7_2(p))
		return;
	sb_printf(b, "%sprobe: last_op %u on ", and, p->last_op);
	sb_json_body(b, p->release);
	sb_printf(b, ", the 7.2 specs describe Linux 7.2, whose last op is IORING_OP_URING_CMD128 (64)");
}

static void unsupported_member(struct sbuf *b, const struct ku_probe *p)
{
	const char *sep = "";

	sb_printf(b, "\"unsupported\":{");
	if (!nop_ok(p)) {
		sb_printf(b, "%s\"nop@6.18\":\"", sep);
		if (!explain_base(b, p))
			sb_printf(b, "probe: IORING_OP_NOP (0) not supported");
		sb_printf(b, "\"");
		sep = ",";
	}
	if (!fixed_ok(p)) {
		sb_printf(b, "%s\"fixed-buf@6.15\":\"", sep);
		if (!explain_base(b, p))
			explain_fixed(b, p, "");
		sb_printf(b, "\"");
		sep = ",";
	}
	if (!nop72_ok(p)) {
		sb_printf(b, "%s\"nop@7.2\":\"", sep);
		if (!explain_base(b, p)) {
			const char *and = "";
			if (!nop_ok(p)) {
				sb_printf(b, "probe: IORING_OP_NOP (0) not supported");
				and = "; ";
			}
			if (!ku_probe_op_supported(p, KU_IORING_OP_NOP128)) {
				sb_printf(b, "%sprobe: IORING_OP_NOP128 (63) not supported", and);
				and = "; ";
			}
			explain_ops_7_2(b, p, and);
		}
		sb_printf(b, "\"");
		sep = ",";
	}
	if (!fixed72_ok(p)) {
		sb_printf(b, "%s\"fixed-buf@7.2\":\"", sep);
		if (!explain_base(b, p))
			explain_ops_7_2(b, p, explain_fixed(b, p, ""));
		sb_printf(b, "\"");
		sep = ",";
	}
	if (!lifecycle_ok(p)) {
		sb_printf(b, "%s\"ring-lifecycle@6.18\":\"", sep);
		sep = ",";
		if (!explain_base(b, p)) {
			const char *and = "";
			if (!nop_ok(p) || !fixed_ok(p)) {
				sb_printf(b, "needs what nop@6.18 and fixed-buf@6.15 need (see their reasons)");
				and = "; ";
			}
			if (p->lifecycle_err) {
				sb_printf(b, "%s%s failed with ", and, p->lifecycle_call ? p->lifecycle_call : "a register call");
				sb_err(b, p->lifecycle_err);
			}
		}
		sb_printf(b, "\"");
	}
	for (size_t i = 0; i < N_BPF_VERSIONS; i++) {
		const struct bpf_version *v = &BPF_VERSIONS[i];
		if (bpf_flag_bit(p, v) >= 0)
			continue;
		sb_printf(b, "%s\"%s\":\"", sep, v->spec);
		sep = ",";
		if (!explain_base(b, p)) {
			const char *and = "";
			if (p->flag_ret[v->posted_bit]) {
				sb_printf(b, "io_uring_setup refused %s (1 << %u) with ", v->flag, v->posted_bit);
				sb_err(b, p->flag_ret[v->posted_bit]);
				and = "; ";
			}
			if (!ku_probe_op_supported(p, KU_IORING_OP_BPF))
				sb_printf(b, "%sprobe: last_op %u, IORING_OP_BPF (65) not supported", and, p->last_op);
		}
		sb_printf(b, "\"");
	}
	sb_printf(b, "}");
}

static void kernel_member(struct sbuf *b, const struct ku_probe *p)
{
	const char *sep = "";

	sb_printf(b, "\"kernel\":{\"release\":");
	sb_json_str(b, p->release);
	if (p->setup_err) {
		sb_printf(b, ",\"setupError\":%d}", p->setup_err);
		return;
	}
	sb_printf(b, ",\"features\":%u", p->features);
	if (p->probe_err == 0) {
		sb_printf(b, ",\"lastOp\":%u,\"ops\":[", p->last_op);
		for (unsigned op = 0; op < PROBE_OPS; op++)
			if (p->supported[op]) {
				sb_printf(b, "%s%u", sep, op);
				sep = ",";
			}
		sb_printf(b, "]");
	} else {
		sb_printf(b, ",\"probeError\":%d", p->probe_err);
	}
	sb_printf(b, ",\"setupFlags\":{\"accepted\":[");
	sep = "";
	for (unsigned bit = 0; bit < 32; bit++)
		if (p->flag_ret[bit] == 0) {
			sb_printf(b, "%s%u", sep, bit);
			sep = ",";
		}
	sb_printf(b, "],\"refused\":{");
	sep = "";
	for (unsigned bit = 0; bit < 32; bit++)
		if (p->flag_ret[bit]) {
			sb_printf(b, "%s\"%u\":%d", sep, bit, p->flag_ret[bit]);
			sep = ",";
		}
	sb_printf(b, "}}}");
}

/* "constants": each series setup flag this kernel takes at another bit than posted (none: no key). */
static void constants_member(struct sbuf *b, const struct ku_probe *p)
{
	const char *sep = "";

	for (size_t i = 0; i < N_BPF_VERSIONS; i++) {
		const struct bpf_version *v = &BPF_VERSIONS[i];
		int bit = bpf_flag_bit(p, v);
		int seen = 0;
		if (bit < 0 || (unsigned)bit == v->posted_bit)
			continue;
		for (size_t j = 0; j < i; j++) /* V1-base and V1 share their flag's name */
			seen |= strcmp(BPF_VERSIONS[j].flag, v->flag) == 0 && bpf_flag_bit(p, &BPF_VERSIONS[j]) == bit;
		if (seen)
			continue;
		sb_printf(b, "%s\"%s\":%u", *sep ? sep : ",\"constants\":{", v->flag, 1u << bit);
		sep = ",";
	}
	if (*sep)
		sb_printf(b, "}");
}

char *ku_probe_extra_json(const struct ku_probe *p, int scratch_fd, long scratch_size)
{
	struct sbuf b = { 0 };

	unsupported_member(&b, p);
	sb_printf(&b, ",");
	kernel_member(&b, p);
	if (scratch_size > 0)
		sb_printf(&b, ",\"scratch\":{\"fd\":%d,\"size\":%ld}", scratch_fd, scratch_size);
	constants_member(&b, p);
	/* Ops can be registered when the kernel's BTF has the series' struct_ops type (bpfops.h) */
	{
		char *ops = ku_bpf_json();
		sb_printf(&b, ",\"registeredOps\":%s", bpf_ops_ok(p) ? "true" : "false");
		if (ops)
			sb_printf(&b, ",\"bpfOps\":%s", ops);
		free(ops);
	}
	/* Cases are grouped by ring context within a request (batch.c): the larger the request, the
	 * larger the groups and the more cases share an io_uring_enter. A hint for the harness; the
	 * protocol's limit stays the only limit. */
	sb_printf(&b, ",\"preferredBatch\":%u", USPEC_MAX_BATCH);
	return b.s;
}
