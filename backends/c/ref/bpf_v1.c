/*
 * bpf_v1.c - the C reference for spec bpf@v1: IORING_OP_BPF from Ming Lei's series of 2025-11-04
 * with patch 4/5 ("add buffer support") applied, quoted in full in
 * lore.kernel.org/r/b412ad25-27c4-44ec-bcaa-aeb21a64d657@samba.org, behind the generic checks of
 * mainline io_init_req (order observed on Linux 6.18.44 and 7.2.13). Facts: shared/reference/SPEC-NOTES.md.
 *
 * The code follows the kernel path so a reader can hold the two side by side:
 *   io_init_req()          generic checks every SQE passes, then the op's prep
 *   io_uring_bpf_prep()    setup flag, custom flags, buffers, op lookup
 *   io_bpf_prep_buffers()  the two buffer descriptors
 * Every error return names the spec rule it implements through the macro generated from the rule
 * table (uring_spec_tables.h), so a rule id leads here in one search and its errno has one source.
 * This file is also the source of the mutants (backends/c/mutants/mutants.json): each mutant
 * replaces one exact line or block, so keep the lines they name distinct.
 */
#include <errno.h>
#include <stdint.h>

#include "uring_spec_kit.h"
#include "uring_spec_tables.h"

/* include/uapi/linux/io_uring.h, enum io_uring_op: 65 is counted after URING_CMD128 = 64. */
#define IORING_OP_BPF 65u
#define IORING_OP_LAST 66u

/* include/uapi/linux/io_uring.h, sqe->flags. */
enum {
	IOSQE_FIXED_FILE_BIT,
	IOSQE_IO_DRAIN_BIT,
	IOSQE_IO_LINK_BIT,
	IOSQE_IO_HARDLINK_BIT,
	IOSQE_ASYNC_BIT,
	IOSQE_BUFFER_SELECT_BIT,
	IOSQE_CQE_SKIP_SUCCESS_BIT,
};
#define IOSQE_FIXED_FILE (1u << IOSQE_FIXED_FILE_BIT)
#define IOSQE_IO_DRAIN (1u << IOSQE_IO_DRAIN_BIT)
#define IOSQE_IO_LINK (1u << IOSQE_IO_LINK_BIT)
#define IOSQE_IO_HARDLINK (1u << IOSQE_IO_HARDLINK_BIT)
#define IOSQE_ASYNC (1u << IOSQE_ASYNC_BIT)
#define IOSQE_BUFFER_SELECT (1u << IOSQE_BUFFER_SELECT_BIT)
#define IOSQE_CQE_SKIP_SUCCESS (1u << IOSQE_CQE_SKIP_SUCCESS_BIT)

/* io_uring/io_uring.c: every defined flag; anything else (bit 7) is rejected before any op code. */
#define SQE_VALID_FLAGS (IOSQE_FIXED_FILE | IOSQE_IO_DRAIN | IOSQE_IO_LINK | IOSQE_IO_HARDLINK | \
			 IOSQE_ASYNC | IOSQE_BUFFER_SELECT | IOSQE_CQE_SKIP_SUCCESS)

/* io_uring_params.flags. */
#define IORING_SETUP_IOPOLL (1u << 0)
#define IORING_SETUP_BPF (1u << 20)

/* sqe->bpf_op_flags (patch 4/5): op id 31-24, buffer 1 type 23-21, buffer 2 type 20-18, custom 17-0. */
#define IORING_BPF_OP_BITS 8
#define IORING_BPF_OP_SHIFT 24
#define IORING_BPF_BUF1_TYPE_SHIFT 21
#define IORING_BPF_BUF2_TYPE_SHIFT 18
#define IORING_BPF_BUF_TYPE_NONE 0u
#define IORING_BPF_BUF_TYPE_PLAIN 1u
#define IORING_BPF_BUF_TYPE_FIXED 2u
#define IORING_BPF_BUF_TYPE_MASK 7u
#define IORING_BPF_CUSTOM_FLAGS_MASK ((1u << 18) - 1)

#define IORING_BPF_BUF1_TYPE(flags) (((flags) >> IORING_BPF_BUF1_TYPE_SHIFT) & IORING_BPF_BUF_TYPE_MASK)
#define IORING_BPF_BUF2_TYPE(flags) (((flags) >> IORING_BPF_BUF2_TYPE_SHIFT) & IORING_BPF_BUF_TYPE_MASK)

/* The ops table has one slot per op id; the protocol's bitmap must cover exactly those slots. */
_Static_assert(sizeof(((struct uspec_ctx *)0)->ops) * 8 == 1u << IORING_BPF_OP_BITS,
	       "the ops bitmap covers the 256-slot table of patch 3/5");

/* io_uring/uring_bpf.h: what the BPF program can read after prep. */
struct uring_bpf_data {
	uint32_t opf;
	uint32_t buf1_len;
	uint64_t buf1_addr;
	uint64_t buf2_addr;
	uint32_t buf2_len;
};

/* The parts of struct io_kiocb that prep touches: the ring it belongs to, the fixed buffer index
 * (the patch keeps it in req->buf_index, not in the program's data) and the op's command data. */
struct io_kiocb {
	const struct uspec_ctx *ctx;
	uint16_t buf_index;
	struct uring_bpf_data data;
};

/* io_uring/opdef.h, the capabilities io_init_req asks about. IORING_OP_BPF has none of them
 * (SPEC-NOTES section 3, an inference from the patch's opdef entry), so every flag stays 0. */
struct io_issue_def {
	unsigned buffer_select : 1;
	unsigned ioprio : 1;
	unsigned iopoll : 1;
	int (*prep)(struct io_kiocb *req, const struct uspec_sqe *sqe);
};

/* io_uring/bpf.c, uring_bpf_get_op: the op id is the top byte read as unsigned, so ids 128..255
 * are ordinary slots of the 256-entry table. */
static inline unsigned uring_bpf_get_op(uint32_t op_flags)
{
	return (uint8_t)(op_flags >> IORING_BPF_OP_SHIFT);
}

/* io_uring/bpf.c, uring_bpf_get_flags: the 18 low bits. */
static inline uint32_t uring_bpf_get_flags(uint32_t op_flags)
{
	return op_flags & IORING_BPF_CUSTOM_FLAGS_MASK;
}

static int io_bpf_prep_buf1(struct io_kiocb *req, const struct uspec_sqe *sqe, unsigned buf1_type)
{
	struct uring_bpf_data *data = &req->data;

	if (buf1_type == IORING_BPF_BUF_TYPE_PLAIN) {
		data->buf1_addr = sqe->addr;
		data->buf1_len = sqe->len;
		return 0;
	}
	if (buf1_type == IORING_BPF_BUF_TYPE_FIXED) {
		req->buf_index = sqe->buf_index;
		/* The patch calls addr an "offset", but for user fixed buffers it is an absolute user
		 * address (review, CADUfDZqUbJz_05m63...); prep passes it through unchecked either way. */
		data->buf1_addr = sqe->addr;
		data->buf1_len = sqe->len;
		/* Both checks come after the copies, as in the patch; on error the copies are not
		 * visible because the program never runs. */
		if (req->ctx->nr_bufs == 0)
			return -USPEC_RULE_BPF_V1_BPF_BUF1_FIXED_EMPTY_TABLE; /* bpf.buf1.fixed.empty-table */
		if (req->buf_index >= req->ctx->nr_bufs)
			return -USPEC_RULE_BPF_V1_BPF_BUF1_FIXED_INDEX_OUT_OF_RANGE; /* bpf.buf1.fixed.index-out-of-range */
		return 0;
	}
	if (buf1_type == IORING_BPF_BUF_TYPE_NONE) {
		/* Explicit zeros: the SQE fields a "none" buffer would use are ignored, not rejected. */
		data->buf1_addr = 0;
		data->buf1_len = 0;
		return 0;
	}
	return -USPEC_RULE_BPF_V1_BPF_BUF1_TYPE_RESERVED; /* bpf.buf1.type.reserved */
}

static int io_bpf_prep_buf2(struct io_kiocb *req, const struct uspec_sqe *sqe, unsigned buf2_type)
{
	struct uring_bpf_data *data = &req->data;

	if (buf2_type == IORING_BPF_BUF_TYPE_PLAIN) {
		data->buf2_addr = sqe->addr3;
		/* optlen shares offset 44 with splice_fd_in; it is a u32 length here. */
		data->buf2_len = (uint32_t)sqe->splice_fd_in;
		return 0;
	}
	if (buf2_type == IORING_BPF_BUF_TYPE_NONE) {
		data->buf2_addr = 0;
		data->buf2_len = 0;
		return 0;
	}
	/* A request has one req->buf_index, and buffer 1 owns it, so buffer 2 cannot be fixed. */
	if (buf2_type == IORING_BPF_BUF_TYPE_FIXED)
		return -USPEC_RULE_BPF_V1_BPF_BUF2_TYPE_FIXED; /* bpf.buf2.type.fixed */
	return -USPEC_RULE_BPF_V1_BPF_BUF2_TYPE_RESERVED; /* bpf.buf2.type.reserved */
}

/* io_uring/bpf.c, io_bpf_prep_buffers: buffer 1 decides first, so a fixed buffer 1 on an empty
 * table with a reserved buffer 2 is -EFAULT, not -EINVAL. */
static int io_bpf_prep_buffers(struct io_kiocb *req, const struct uspec_sqe *sqe, uint32_t op_flags)
{
	int ret;

	ret = io_bpf_prep_buf1(req, sqe, IORING_BPF_BUF1_TYPE(op_flags));
	if (ret)
		return ret;
	ret = io_bpf_prep_buf2(req, sqe, IORING_BPF_BUF2_TYPE(op_flags));
	if (ret)
		return ret;
	return 0;
}

/* io_uring/bpf.c, io_uring_bpf_prep. */
static int io_uring_bpf_prep(struct io_kiocb *req, const struct uspec_sqe *sqe)
{
	const uint32_t op_flags = sqe->op_flags;
	int ret;

	if (!(req->ctx->setup_flags & IORING_SETUP_BPF))
		return -USPEC_RULE_BPF_V1_BPF_SETUP_MISSING; /* bpf.setup.missing */
	/* The UAPI comment says these 18 bits are "available for BPF programs", yet prep rejects
	 * them; review asked and got no answer. The spec keeps the code's behaviour. */
	if (uring_bpf_get_flags(op_flags) != 0)
		return -USPEC_RULE_BPF_V1_BPF_CUSTOM_FLAGS_SET; /* bpf.custom-flags.set */

	req->data.opf = op_flags;
	/* Buffers before the op lookup: an unregistered op with bad buffer bits reports the buffer. */
	ret = io_bpf_prep_buffers(req, sqe, op_flags);
	if (ret)
		return ret;
	/* A registered op's prep_fn returns 0 in this spec's world (the ops bitmap). */
	if (!uspec_op_registered(req->ctx, uring_bpf_get_op(req->data.opf)))
		return -USPEC_RULE_BPF_V1_BPF_OP_UNREGISTERED; /* bpf.op.unregistered */
	return 0;
}

static const struct io_issue_def io_issue_defs[IORING_OP_LAST] = {
	[IORING_OP_BPF] = { .prep = io_uring_bpf_prep },
};

/* io_uring/io_uring.c, io_init_req: the generic checks in the kernel's order. */
static int io_init_req(struct io_kiocb *req, const struct uspec_sqe *sqe)
{
	const struct io_issue_def *def;

	if (sqe->opcode >= IORING_OP_LAST)
		return -USPEC_RULE_BPF_V1_GENERIC_OPCODE_INVALID; /* generic.opcode.invalid */
	def = &io_issue_defs[sqe->opcode];
	/* Opcodes below IORING_OP_BPF are outside bpf@v1 and never sent for it; a plain -EINVAL
	 * makes a stray one visible instead of modelling an op this file does not know. */
	if (!def->prep)
		return -EINVAL;
	if (sqe->flags & ~SQE_VALID_FLAGS)
		return -USPEC_RULE_BPF_V1_GENERIC_FLAGS_UNDEFINED; /* generic.flags.undefined */
	if ((sqe->flags & IOSQE_BUFFER_SELECT) && !def->buffer_select)
		return -USPEC_RULE_BPF_V1_GENERIC_BUFFER_SELECT_UNSUPPORTED; /* generic.buffer-select.unsupported */
	/* CQE_SKIP_SUCCESS sets ctx->drain_disabled before this SQE's own IO_DRAIN is checked. */
	if ((sqe->flags & IOSQE_CQE_SKIP_SUCCESS) && (sqe->flags & IOSQE_IO_DRAIN))
		return -USPEC_RULE_BPF_V1_GENERIC_DRAIN_SKIP_SUCCESS; /* generic.drain.skip-success */
	if (sqe->ioprio != 0 && !def->ioprio)
		return -USPEC_RULE_BPF_V1_GENERIC_IOPRIO_UNSUPPORTED; /* generic.ioprio.unsupported */
	if ((req->ctx->setup_flags & IORING_SETUP_IOPOLL) && !def->iopoll)
		return -USPEC_RULE_BPF_V1_GENERIC_IOPOLL_UNSUPPORTED; /* generic.iopoll.unsupported */
	/* Personalities are registered as ids 1..nr_personalities; 0 means "the submitter". */
	if (sqe->personality != 0 && sqe->personality > req->ctx->nr_personalities)
		return -USPEC_RULE_BPF_V1_GENERIC_PERSONALITY_UNREGISTERED; /* generic.personality.unregistered */
	return def->prep(req, sqe);
}

static void run_case(const struct uspec_case *c, struct uspec_outcome *out)
{
	struct io_kiocb req = { .ctx = &c->ctx };
	int res = io_init_req(&req, &c->sqe);

	/* The kit zeroed *out, so an error leaves every data field zero. */
	out->res = res;
	if (res == 0) {
		out->flags |= USPEC_OUT_DATA_VALID;
		out->opf = req.data.opf;
		out->buf1_addr = req.data.buf1_addr;
		out->buf1_len = req.data.buf1_len;
		out->buf2_addr = req.data.buf2_addr;
		out->buf2_len = req.data.buf2_len;
		out->buf_index = req.buf_index;
	}
	/* CQE_SKIP_SUCCESS suppresses only successful completions; errors are always posted. */
	if (res >= 0 && (c->sqe.flags & IOSQE_CQE_SKIP_SUCCESS))
		out->flags |= USPEC_OUT_NO_CQE;
}

/* bpf_ops.c: sequences of bpf-ops@v2 and bpf-ops@v3 (protocol version 2). */
void bpf_ops_run_sequence(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out, uint32_t n);

static struct uspec_adapter c_ref = {
	.name = "c-ref",
	.specs_json = "[\"bpf@v1\",\"bpf-ops@v2\",\"bpf-ops@v3\"]",
	.data = 1,
	.run_case = run_case,
	.run_sequence = bpf_ops_run_sequence,
};

int main(int argc, char **argv)
{
	return uspec_main(&c_ref, argc, argv);
}
