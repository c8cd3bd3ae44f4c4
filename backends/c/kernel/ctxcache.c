/*
 * ctxcache.c - ring contexts realised on the live kernel; see ctxcache.h.
 *
 * Slots are found through a small chained hash (the cache is large, and a batch looks up a ring
 * per context group); the least recently used slot is evicted when all are taken.
 */
#include "ctxcache.h"

#include "bufmem.h"
#include "io_uring_abi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define NBUCKETS 2048u
#define NIL 0xffffffffu

struct ku_slot {
	int used;
	uint64_t stamp; /* last use, for LRU */
	uint32_t setup_flags, nr_bufs, buf_size;
	uint16_t nr_personalities;
	uint8_t ops[32]; /* the context's BPF ops: part of the key, a ring holds them (V2/V3) */
	uint8_t lane;
	int err; /* 0: ring is live; else the context's -errno */
	uint32_t next; /* hash chain */
	struct ku_ring ring;
};

static struct ku_slot slots[KU_CTX_SLOTS];
static uint32_t buckets[NBUCKETS];
static int hash_ready;
static uint64_t clock_stamp;
static unsigned long setups;
static unsigned live_rings;

enum ku_lane ku_lane_of(unsigned sqe_flags)
{
	return (sqe_flags & KU_IOSQE_CQE_SKIP_SUCCESS) ? KU_LANE_SKIP : KU_LANE_CLEAN;
}

unsigned long ku_ctx_setups(void)
{
	return setups;
}

static uint32_t hash_of(const struct uspec_ctx *c, unsigned lane)
{
	uint64_t h = 1469598103934665603ull;
	uint32_t v[5] = { c->setup_flags, c->nr_bufs, c->buf_size, c->nr_personalities, lane };

	for (unsigned i = 0; i < 5; i++)
		h = (h ^ v[i]) * 1099511628211ull;
	for (unsigned i = 0; i < sizeof(c->ops); i++)
		h = (h ^ c->ops[i]) * 1099511628211ull;
	return (uint32_t)(h ^ (h >> 29)) & (NBUCKETS - 1);
}

static void init_hash(void)
{
	struct rlimit rl;

	if (hash_ready)
		return;
	for (unsigned i = 0; i < NBUCKETS; i++)
		buckets[i] = NIL;
	hash_ready = 1;
	/* A ring per slot is a descriptor per slot: raise the soft limit toward KU_CTX_SLOTS plus
	 * room for what cases open, but stay far below 9999, a descriptor the specs use as
	 * certainly closed. If the limit cannot be raised, ku_ctx_acquire evicts on -EMFILE. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 4096) {
		rlim_t want = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
		if (want > rl.rlim_cur) {
			rl.rlim_cur = want;
			(void)setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
}

static int same_ctx(const struct ku_slot *s, const struct uspec_ctx *c, unsigned lane)
{
	return s->used && s->lane == lane && s->setup_flags == c->setup_flags && s->nr_bufs == c->nr_bufs &&
	       s->buf_size == c->buf_size && s->nr_personalities == c->nr_personalities &&
	       !memcmp(s->ops, c->ops, sizeof(s->ops));
}

static struct ku_slot *find(const struct uspec_ctx *c, unsigned lane)
{
	for (uint32_t i = buckets[hash_of(c, lane)]; i != NIL; i = slots[i].next)
		if (same_ctx(&slots[i], c, lane))
			return &slots[i];
	return NULL;
}

static void unlink_slot(struct ku_slot *s)
{
	uint32_t idx = (uint32_t)(s - slots);
	struct uspec_ctx c;
	uint32_t *p;

	memset(&c, 0, sizeof(c));
	c.setup_flags = s->setup_flags;
	c.nr_bufs = s->nr_bufs;
	c.buf_size = s->buf_size;
	c.nr_personalities = s->nr_personalities;
	memcpy(c.ops, s->ops, sizeof(c.ops));
	for (p = &buckets[hash_of(&c, s->lane)]; *p != NIL; p = &slots[*p].next) {
		if (*p == idx) {
			*p = s->next;
			return;
		}
	}
}

static void free_slot(struct ku_slot *s)
{
	if (!s->used)
		return;
	unlink_slot(s);
	if (s->err == 0) {
		ku_ring_close(&s->ring);
		live_rings--;
	}
	memset(s, 0, sizeof(*s));
}

/* Count of ops set in the context's bitmap. */
static unsigned ops_count(const struct uspec_ctx *c)
{
	unsigned n = 0;

	for (unsigned id = 0; id < 256; id++)
		n += uspec_op_registered(c, id) ? 1u : 0u;
	return n;
}

/*
 * V2/V3: the context's ops registered on this ring. A ring without the series' setup flag cannot
 * hold ops (reg refuses it with -EINVAL), and every IORING_OP_BPF case on it fails before the
 * slot is looked at, so there the refusal leaves the ring without ops and is not an error.
 * V1 (global table): nothing here, ku_ctx_acquire syncs the table. A kernel without the series
 * cannot hold ops at all: a context naming some is refused with -EOPNOTSUPP.
 */
static int register_ops(struct ku_ring *r, const struct uspec_ctx *c)
{
	unsigned n = ops_count(c);
	const char *why = NULL;

	if (n == 0)
		return 0;
	if (ku_bpf_available(&why) != 0) {
		fprintf(stderr, "kernel-adapter: the context names BPF ops, but %s\n", why);
		return -EOPNOTSUPP;
	}
	if (!ku_bpf_per_ring())
		return 0;
	r->bpf_regs = calloc(n, sizeof(*r->bpf_regs));
	if (!r->bpf_regs)
		return -ENOMEM;
	for (unsigned id = 0; id < 256; id++) {
		int err;
		if (!uspec_op_registered(c, id))
			continue;
		err = ku_bpf_register(id, r->fd, &r->bpf_regs[r->bpf_nregs]);
		if (err == -EINVAL && r->bpf_nregs == 0) {
			/* the ring refused its first op: a ring without the setup flag; no op will take */
			return 0;
		}
		if (err)
			return err;
		r->bpf_nregs++;
	}
	return 0;
}

int ku_ctx_realise(struct ku_ring *r, const struct uspec_ctx *c)
{
	/* One io-wq worker of each kind: work punted to io-wq then runs in submission order, so a
	 * fence NOP sent with IOSQE_ASYNC completes only after the case's io-wq work (submit.c).
	 * Concurrency is all this changes; on kernels without the call (< 5.15) it is skipped. */
	uint32_t workers[2] = { 1, 1 };
	int err = ku_ring_open(r, KU_RING_ENTRIES, c->setup_flags);

	if (err)
		return err;
	(void)ku_sys_register(r->fd, KU_IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
	if (c->nr_bufs) {
		err = ku_bufmem_ensure(c->nr_bufs, c->buf_size);
		if (!err)
			err = ku_bufmem_register(r->fd, c->nr_bufs, c->buf_size);
		if (err)
			goto fail;
	}
	for (unsigned want = 1; want <= c->nr_personalities; want++) {
		int id = ku_sys_register(r->fd, KU_IORING_REGISTER_PERSONALITY, NULL, 0);
		if (id < 0) {
			err = id;
			goto fail;
		}
		if ((unsigned)id != want) {
			/* The harness names personalities 1..n; a kernel that hands out other ids cannot
			 * realise the context. No errno says this; -ERANGE marks it (and stderr says so). */
			fprintf(stderr, "kernel-adapter: IORING_REGISTER_PERSONALITY returned id %d, expected %u\n", id, want);
			err = -ERANGE;
			goto fail;
		}
	}
	err = register_ops(r, c);
	if (err)
		goto fail;
	/* A ring set up disabled is enabled once registered, as IORING_SETUP_R_DISABLED intends:
	 * the cases test what the ring does, and a disabled ring does nothing (-EBADFD). */
	if (c->setup_flags & KU_IORING_SETUP_R_DISABLED) {
		err = ku_sys_register(r->fd, KU_IORING_REGISTER_ENABLE_RINGS, NULL, 0);
		if (err < 0)
			goto fail;
		err = 0;
	}
	return 0;
fail:
	ku_ring_close(r);
	return err;
}

/* Errors that may come from the adapter holding many rings rather than from the context: the
 * descriptor limit, memory (pinned-page accounting for a user without CAP_IPC_LOCK). */
static int resource_error(int err)
{
	return err == -EMFILE || err == -ENFILE || err == -ENOMEM || err == -EAGAIN;
}

static void close_others(const struct ku_slot *keep)
{
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++)
		if (&slots[i] != keep)
			free_slot(&slots[i]);
}

struct ku_ring *ku_ctx_acquire(const struct uspec_ctx *c, enum ku_lane lane, int *err)
{
	struct ku_slot *s, *victim = NULL;
	uint32_t h;

	init_hash();
	if (!ku_bpf_per_ring() && ku_bpf_available(NULL) == 0) {
		/* V1: one table for every ring; it must hold exactly this context's ops now */
		int e = ku_bpf_global_sync(c->ops);
		if (e) {
			*err = e;
			return NULL;
		}
	}
	s = find(c, lane);
	if (s) {
		s->stamp = ++clock_stamp;
		*err = s->err;
		return s->err ? NULL : &s->ring;
	}
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++) {
		if (!slots[i].used) {
			victim = &slots[i];
			break;
		}
		if (!victim || slots[i].stamp < victim->stamp)
			victim = &slots[i];
	}
	free_slot(victim);
	victim->used = 1;
	victim->stamp = ++clock_stamp;
	victim->setup_flags = c->setup_flags;
	victim->nr_bufs = c->nr_bufs;
	victim->buf_size = c->buf_size;
	victim->nr_personalities = c->nr_personalities;
	memcpy(victim->ops, c->ops, sizeof(victim->ops));
	victim->lane = (uint8_t)lane;
	h = hash_of(c, lane);
	victim->next = buckets[h];
	buckets[h] = (uint32_t)(victim - slots);
	setups++;
	victim->err = ku_ctx_realise(&victim->ring, c);
	if (resource_error(victim->err) && live_rings > 0) {
		/* Not the context's fault, perhaps: the same attempt with no other ring open decides. */
		close_others(victim);
		victim->err = ku_ctx_realise(&victim->ring, c);
	}
	if (victim->err == 0)
		live_rings++;
	*err = victim->err;
	return victim->err ? NULL : &victim->ring;
}

void ku_ctx_discard(const struct uspec_ctx *c, enum ku_lane lane)
{
	struct ku_slot *s;

	init_hash();
	s = find(c, lane);
	if (s)
		free_slot(s);
}

void ku_ctx_close_all(void)
{
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++)
		free_slot(&slots[i]);
}
