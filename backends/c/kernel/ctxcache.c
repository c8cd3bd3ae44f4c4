/*
 * ctxcache.c - ring contexts realised on the live kernel; see ctxcache.h.
 */
#include "ctxcache.h"

#include "bufmem.h"
#include "io_uring_abi.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct ku_slot {
	int used;
	uint64_t stamp; /* last use, for LRU */
	uint32_t setup_flags, nr_bufs, buf_size;
	uint16_t nr_personalities;
	int err; /* 0: ring is live; else the context's -errno */
	int skip_seen; /* the ring refuses IOSQE_IO_DRAIN from now on */
	struct ku_ring ring;
};

static struct ku_slot slots[KU_CTX_SLOTS];
static uint64_t clock_stamp;

static int same_ctx(const struct ku_slot *s, const struct uspec_ctx *c)
{
	return s->used && s->setup_flags == c->setup_flags && s->nr_bufs == c->nr_bufs &&
	       s->buf_size == c->buf_size && s->nr_personalities == c->nr_personalities;
}

static void free_slot(struct ku_slot *s)
{
	if (s->used && s->err == 0)
		ku_ring_close(&s->ring);
	memset(s, 0, sizeof(*s));
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

struct ku_ring *ku_ctx_acquire(const struct uspec_ctx *c, int drain, int *err)
{
	struct ku_slot *victim = &slots[0];

	for (unsigned i = 0; i < KU_CTX_SLOTS; i++) {
		struct ku_slot *s = &slots[i];
		if (same_ctx(s, c)) {
			if (drain && s->skip_seen) {
				victim = s; /* rebuilt in place */
				break;
			}
			s->stamp = ++clock_stamp;
			*err = s->err;
			return s->err ? NULL : &s->ring;
		}
		if (!s->used || (victim->used && s->stamp < victim->stamp))
			victim = s;
	}
	free_slot(victim);
	victim->used = 1;
	victim->stamp = ++clock_stamp;
	victim->setup_flags = c->setup_flags;
	victim->nr_bufs = c->nr_bufs;
	victim->buf_size = c->buf_size;
	victim->nr_personalities = c->nr_personalities;
	victim->err = ku_ctx_realise(&victim->ring, c);
	*err = victim->err;
	return victim->err ? NULL : &victim->ring;
}

void ku_ctx_note_skip(const struct uspec_ctx *c)
{
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++)
		if (same_ctx(&slots[i], c))
			slots[i].skip_seen = 1;
}

void ku_ctx_discard(const struct uspec_ctx *c)
{
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++)
		if (same_ctx(&slots[i], c))
			free_slot(&slots[i]);
}

void ku_ctx_close_all(void)
{
	for (unsigned i = 0; i < KU_CTX_SLOTS; i++)
		free_slot(&slots[i]);
}
