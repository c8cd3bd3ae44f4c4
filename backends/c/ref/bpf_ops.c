/*
 * bpf_ops.c - the C reference for the stateful specs bpf-ops@v2 and bpf-ops@v3: the op
 * registration lifecycle of IORING_OP_BPF in V2 ([PATCH v2 0/13], 2026-01-06, io_uring/bpf_op.c)
 * and V3 ([PATCH v3 0/12] "bpf_ext", 2026-03-24, io_uring/bpf_ext.c), run as sequences
 * (docs/stateful.md, exec protocol version 2). Written from the facts in
 * shared/reference/series/README.md ("V2", "V3") and the order of checks in the registration
 * patches (V2 6/13 <20260106101126.4064990-7-ming.lei@redhat.com>, V3 6/12
 * <20260324163753.1900977-7-ming.lei@redhat.com>, both io_bpf_reg_unreg), not from the model.
 *
 * A sequence runs on simulated rings: the ring of the request's ring record, and a second ring
 * set up with no flags (FD_OTHER_RING). Descriptors: the scratch file (fd 100) is open and is not
 * an io_uring; every other number is closed here.
 *
 * The request does not name its spec. V2 and V3 differ only in which setup flag gives a ring its
 * 16 slots (IORING_SETUP_BPF_OP, bit 20 as posted; IORING_SETUP_BPF_EXT, bit 21), and each spec's
 * rings carry no flag or only its own, so either bit gives a ring slots here: on every ring of
 * either spec that is exactly that version's behaviour.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "uring_spec_kit.h"
#include "uring_spec_tables.h"

/*
 * The rules' errnos come from the generated header (the catalogue, spec/bpf-ops/common.ts). V3's
 * must equal V2's: one code path serves both, and the asserts below fail the build if the
 * catalogues ever drift apart.
 */
#define SAME_IN_V3(rule) _Static_assert(USPEC_RULE_BPF_OPS_V2_##rule == USPEC_RULE_BPF_OPS_V3_##rule, #rule " differs between V2 and V3")
SAME_IN_V3(BPF_REG_UNREG_ID_OUT_OF_RANGE);
SAME_IN_V3(BPF_REG_UNREG_RING_FD_BAD);
SAME_IN_V3(BPF_REG_UNREG_RING_FD_NOT_IO_URING);
SAME_IN_V3(BPF_REG_UNREG_SETUP_MISSING);
SAME_IN_V3(BPF_REG_SLOT_BUSY);
SAME_IN_V3(BPF_UNREG_SLOT_EMPTY);
SAME_IN_V3(BPF_SETUP_MISSING);
SAME_IN_V3(BPF_OP_OUT_OF_RANGE);
SAME_IN_V3(BPF_OP_UNREGISTERED);

/* The opcode is appended to the 7.2 enum. */
#define IORING_OP_BPF 65u
#define IORING_OP_LAST 66u

/* io_uring_params.flags. */
#define IORING_SETUP_IOPOLL (1u << 0)
#define IORING_SETUP_BPF_OP (1u << 20)  /* V2 as posted */
#define IORING_SETUP_BPF_EXT (1u << 21) /* V3 */
#define RING_HAS_SLOTS (IORING_SETUP_BPF_OP | IORING_SETUP_BPF_EXT)

/* sqe->flags */
#define SQE_FLAG_IO_DRAIN (1u << 1)
#define SQE_FLAG_BUFFER_SELECT (1u << 5)
#define SQE_FLAG_CQE_SKIP_SUCCESS (1u << 6)
#define SQE_FLAGS_KNOWN 0x7fu

/* IO_RING_MAX_BPF_OPS; the op id is the top byte of bpf_op_flags. */
#define BPF_SLOTS 16u
#define BPF_OP_ID(op_flags) ((op_flags) >> 24)

/* A slot: the registered ops (here only "present": their prep_fn returns 0) and their refcount,
 * 1 for the registration plus one per request between a successful prep and its cleanup. */
struct slot {
	int has_ops;
	int refcount;
};

struct sim_ring {
	uint32_t setup_flags;
	int has_slots; /* the setup flag made the ring allocate its table */
	int drain_disabled; /* a CQE_SKIP_SUCCESS SQE was seen: later IO_DRAIN SQEs fail */
	struct slot slots[BPF_SLOTS];
};

/* The rings and files a sequence can name. */
struct sim_world {
	struct sim_ring self;
	struct sim_ring other;
};

static void ring_init(struct sim_ring *r, uint32_t setup_flags)
{
	memset(r, 0, sizeof(*r));
	r->setup_flags = setup_flags;
	r->has_slots = (setup_flags & RING_HAS_SLOTS) != 0;
}

/* What a registration's ring_fd is: one of the two rings, or an errno for a descriptor that is
 * closed (no file: -EBADF) or open on something that is not an io_uring (-EOPNOTSUPP). */
static struct sim_ring *ring_of_fd(struct sim_world *w, int32_t fd, int *err)
{
	if (fd == USPEC_FD_SELF)
		return &w->self;
	if (fd == USPEC_FD_OTHER_RING)
		return &w->other;
	if (fd == USPEC_SCRATCH_FD)
		*err = -USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_RING_FD_NOT_IO_URING; /* bpf.reg-unreg.ring-fd.not-io-uring */
	else
		*err = -USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_RING_FD_BAD; /* bpf.reg-unreg.ring-fd.bad */
	return NULL;
}

/* The struct_ops .reg / .unreg of an ops struct with this id and ring_fd. The id member is an
 * unsigned short, so the step's id is taken as an adapter filling the struct would take it. */
static int bpf_op_reg_unreg(struct sim_world *w, uint16_t id, int32_t ring_fd, int reg)
{
	struct sim_ring *ring;
	struct slot *s;
	int err = 0;

	/* the id range comes first: a bad id never reaches the descriptor */
	if (id >= BPF_SLOTS)
		return -USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_ID_OUT_OF_RANGE; /* bpf.reg-unreg.id.out-of-range */
	ring = ring_of_fd(w, ring_fd, &err);
	if (!ring)
		return err;
	if (!ring->has_slots)
		return -USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_SETUP_MISSING; /* bpf.reg-unreg.setup.missing */
	s = &ring->slots[id];
	if (reg) {
		if (s->has_ops)
			return -USPEC_RULE_BPF_OPS_V2_BPF_REG_SLOT_BUSY; /* bpf.reg.slot.busy */
		s->has_ops = 1;
		s->refcount = 1;
		return 0;
	}
	if (!s->has_ops)
		return -USPEC_RULE_BPF_OPS_V2_BPF_UNREG_SLOT_EMPTY; /* bpf.unreg.slot.empty */
	/* Drop the registration's reference. Every submit step completes (and cleans up) before the
	 * next step, so no request holds one and the slot empties now instead of waiting. */
	s->refcount--;
	if (s->refcount == 0)
		s->has_ops = 0;
	return 0;
}

/* io_uring_bpf_prep: the ring's flag, the id range, the slot; a registered prep_fn returns 0 and
 * takes a reference until the request is cleaned up. */
static int bpf_prep(struct sim_ring *r, uint32_t op_flags, struct slot **held)
{
	uint32_t op = BPF_OP_ID(op_flags);
	struct slot *s;

	if (!(r->setup_flags & RING_HAS_SLOTS))
		return -USPEC_RULE_BPF_OPS_V2_BPF_SETUP_MISSING; /* bpf.setup.missing */
	if (op >= BPF_SLOTS)
		return -USPEC_RULE_BPF_OPS_V2_BPF_OP_OUT_OF_RANGE; /* bpf.op.out-of-range */
	s = &r->slots[op];
	/* a refcount of 0 would be an unregistration in progress; none outlives a step here */
	if (!s->has_ops || s->refcount == 0)
		return -USPEC_RULE_BPF_OPS_V2_BPF_OP_UNREGISTERED; /* bpf.op.unregistered */
	s->refcount++;
	*held = s;
	return 0;
}

/*
 * io_init_req's checks before an op's prep, for IORING_OP_BPF (no buffer_select, ioprio or iopoll
 * in its entry; no personality is registered in these sequences). The ring remembers a
 * CQE_SKIP_SUCCESS SQE: from then on IO_DRAIN is refused. The specs' own SQEs set only the opcode
 * and bpf_op_flags, so none of this decides for them.
 */
static int init_req(struct sim_ring *r, const struct uspec_sqe *sqe)
{
	if (sqe->opcode != IORING_OP_BPF)
		return -EINVAL; /* an opcode >= IORING_OP_LAST, or one these specs do not describe */
	if (sqe->flags & ~SQE_FLAGS_KNOWN)
		return -EINVAL;
	if (sqe->flags & SQE_FLAG_BUFFER_SELECT)
		return -EOPNOTSUPP;
	if (sqe->flags & SQE_FLAG_CQE_SKIP_SUCCESS)
		r->drain_disabled = 1;
	if ((sqe->flags & SQE_FLAG_IO_DRAIN) && r->drain_disabled)
		return -EOPNOTSUPP;
	if (sqe->ioprio != 0 || (r->setup_flags & IORING_SETUP_IOPOLL) || sqe->personality != 0)
		return -EINVAL;
	return 0;
}

/* One SQE submitted alone: checks, prep, then issue (no issue_fn result: 0), completion and cleanup,
 * which drops prep's reference before the step ends. */
static void submit(struct sim_ring *r, const struct uspec_sqe *sqe, struct uspec_outcome *out)
{
	struct slot *held = NULL;
	int res = init_req(r, sqe);

	if (res == 0)
		res = bpf_prep(r, sqe->op_flags, &held);
	if (held)
		held->refcount--;
	out->res = res;
	if (res >= 0 && (sqe->flags & SQE_FLAG_CQE_SKIP_SUCCESS))
		out->flags |= USPEC_OUT_NO_CQE;
}

/* The adapter's run_sequence (uring_spec_kit.h): fresh rings, then every step in order. */
void bpf_ops_run_sequence(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out, uint32_t n)
{
	struct sim_world w;

	ring_init(&w.self, ring->setup_flags);
	ring_init(&w.other, 0);
	for (uint32_t i = 0; i < n; i++) {
		const struct uspec_step *st = &steps[i];

		if (st->kind == USPEC_STEP_SUBMIT) {
			submit(&w.self, &st->sqe, &out[i]);
		} else if (st->kind == USPEC_STEP_BPF_OP && st->nr_entries >= 1 &&
			   (st->opcode == USPEC_BPF_OP_REGISTER || st->opcode == USPEC_BPF_OP_UNREGISTER)) {
			/* the outcome of a registration is its return; no completion is involved */
			out[i].res = bpf_op_reg_unreg(&w, (uint16_t)st->offset, (int32_t)st->entries[0].value,
						      st->opcode == USPEC_BPF_OP_REGISTER);
		} else {
			/* io_uring_register steps belong to other specs; c-ref does not implement them */
			out[i].res = -ENOSYS;
		}
	}
}
