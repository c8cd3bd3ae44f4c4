/*
 * kit.c - the uring-spec exec protocol, version 1, for C adapters (see uring_spec_kit.h and
 * docs/exec-protocol.md).
 *
 * The harness and the adapter share nothing but two pipes, so everything here is about not
 * losing sync: frames are read and written whole (short reads, short writes and EINTR are
 * retried), every field is decoded byte by byte in little-endian order (the host's byte order and
 * struct padding never matter), and a frame that ends early is an error, not an end of session.
 * Exit codes: 0 clean end, 1 I/O or truncated frame, 2 protocol misuse (n too large, bad adapter).
 */
/* POSIX.1-2008 (F_DUPFD_CLOEXEC, O_CLOEXEC) even under plain -std=c11, so adapters need no -D. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "uring_spec_kit.h"
#include "uring_spec_tables.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KIT_EXIT_OK 0
#define KIT_EXIT_IO 1
#define KIT_EXIT_PROTOCOL 2

/* Field offsets of the case record after the SQE (docs/exec-protocol.md, "Case record"). */
#define CASE_SETUP_FLAGS 64u
#define CASE_NR_BUFS 68u
#define CASE_BUF_SIZE 72u
#define CASE_NR_PERSONALITIES 76u
#define CASE_OPS 80u
#define CASE_OPS_SIZE 32u

/* Field offsets of the outcome record. */
#define OUT_RES 0u
#define OUT_FLAGS 4u
#define OUT_OPF 8u
#define OUT_BUF1_LEN 12u
#define OUT_BUF1_ADDR 16u
#define OUT_BUF2_ADDR 24u
#define OUT_BUF2_LEN 32u
#define OUT_BUF_INDEX 36u

/* The op table of bpf@v1 has 1 << IORING_BPF_OP_BITS slots; the bitmap covers exactly those. */
#define OPS_SLOTS (CASE_OPS_SIZE * 8u)

static void kit_error(const char *fmt, ...)
{
	va_list ap;

	fputs("uring-spec kit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static uint16_t get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get_u64(const uint8_t *p)
{
	return (uint64_t)get_u32(p) | ((uint64_t)get_u32(p + 4) << 32);
}

static void put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put_u64(uint8_t *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

void uspec_decode_sqe(const uint8_t raw[USPEC_SQE_SIZE], struct uspec_sqe *sqe)
{
	sqe->opcode = raw[0];
	sqe->flags = raw[1];
	sqe->ioprio = get_u16(raw + 2);
	sqe->fd = (int32_t)get_u32(raw + 4);
	sqe->off = get_u64(raw + 8);
	sqe->addr = get_u64(raw + 16);
	sqe->len = get_u32(raw + 24);
	sqe->op_flags = get_u32(raw + 28);
	sqe->user_data = get_u64(raw + 32);
	sqe->buf_index = get_u16(raw + 40);
	sqe->personality = get_u16(raw + 42);
	sqe->splice_fd_in = (int32_t)get_u32(raw + 44);
	sqe->addr3 = get_u64(raw + 48);
	sqe->pad2 = get_u64(raw + 56);
}

void uspec_decode_case(const uint8_t raw[USPEC_CASE_SIZE], struct uspec_case *c)
{
	memcpy(c->raw_sqe, raw, USPEC_SQE_SIZE);
	uspec_decode_sqe(raw, &c->sqe);
	c->ctx.setup_flags = get_u32(raw + CASE_SETUP_FLAGS);
	c->ctx.nr_bufs = get_u32(raw + CASE_NR_BUFS);
	c->ctx.buf_size = get_u32(raw + CASE_BUF_SIZE);
	c->ctx.nr_personalities = get_u16(raw + CASE_NR_PERSONALITIES);
	/* Bytes 78-79 and 112-127 are reserved: senders write zero, receivers ignore them. */
	memcpy(c->ctx.ops, raw + CASE_OPS, CASE_OPS_SIZE);
}

void uspec_decode_step(const uint8_t raw[USPEC_STEP_RECORD_SIZE], struct uspec_step *st)
{
	st->kind = get_u32(raw + USPEC_STEP_OFF_KIND);
	st->opcode = get_u32(raw + USPEC_STEP_OFF_OPCODE);
	st->nr_args = get_u32(raw + USPEC_STEP_OFF_NR_ARGS);
	st->arg = get_u32(raw + USPEC_STEP_OFF_ARG);
	st->offset = get_u32(raw + USPEC_STEP_OFF_OFFSET);
	st->flags = get_u32(raw + USPEC_STEP_OFF_FLAGS);
	st->nr = get_u32(raw + USPEC_STEP_OFF_NR);
	st->resv = get_u32(raw + USPEC_STEP_OFF_RESV);
	st->resv2 = get_u64(raw + USPEC_STEP_OFF_RESV2);
	st->tags = get_u32(raw + USPEC_STEP_OFF_TAGS);
	st->nr_entries = get_u32(raw + USPEC_STEP_OFF_NR_ENTRIES);
	/* A sender bug must not make an adapter read past the entries it was given. */
	if (st->nr_entries > USPEC_MAX_STEP_ENTRIES)
		st->nr_entries = USPEC_MAX_STEP_ENTRIES;
	memcpy(st->raw_sqe, raw + USPEC_STEP_OFF_SQE, USPEC_SQE_SIZE);
	uspec_decode_sqe(st->raw_sqe, &st->sqe);
	for (uint32_t i = 0; i < USPEC_MAX_STEP_ENTRIES; i++) {
		const uint8_t *e = raw + USPEC_STEP_OFF_ENTRIES + (size_t)i * 16u;
		st->entries[i].value = get_u32(e);
		st->entries[i].len = get_u32(e + 4);
		st->entries[i].tag = get_u64(e + 8);
	}
}

void uspec_encode_outcome(const struct uspec_outcome *o, uint8_t raw[USPEC_OUTCOME_SIZE])
{
	/* Zero first so bytes 38-63 (reserved) are zero whatever the adapter did. */
	memset(raw, 0, USPEC_OUTCOME_SIZE);
	put_u32(raw + OUT_RES, (uint32_t)o->res);
	put_u32(raw + OUT_FLAGS, o->flags);
	put_u32(raw + OUT_OPF, o->opf);
	put_u32(raw + OUT_BUF1_LEN, o->buf1_len);
	put_u64(raw + OUT_BUF1_ADDR, o->buf1_addr);
	put_u64(raw + OUT_BUF2_ADDR, o->buf2_addr);
	put_u32(raw + OUT_BUF2_LEN, o->buf2_len);
	put_u16(raw + OUT_BUF_INDEX, o->buf_index);
}

int uspec_op_registered(const struct uspec_ctx *ctx, unsigned op)
{
	/* An id past the table has no slot at all, so it cannot be registered (and must not index
	 * past the bitmap). */
	if (op >= OPS_SLOTS)
		return 0;
	return (ctx->ops[op / 8u] >> (op % 8u)) & 1u;
}

/* Reads up to len bytes, stopping early only at EOF. Returns the count read, or -1 on error. */
static long read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (long)got;
}

static int write_full(int fd, const uint8_t *buf, size_t len)
{
	size_t put = 0;

	while (put < len) {
		ssize_t w = write(fd, buf + put, len - put);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		put += (size_t)w;
	}
	return 0;
}

/* Appends s to the hello as a JSON string body (quotes added by the caller). */
static size_t json_escape(char *dst, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			dst[n++] = '\\';
			dst[n++] = (char)ch;
		} else if (ch < 0x20) {
			n += (size_t)sprintf(dst + n, "\\u%04x", ch);
		} else {
			dst[n++] = (char)ch;
		}
	}
	dst[n] = '\0';
	return n;
}

static int write_hello(int out, const struct uspec_adapter *a)
{
	const char *name = a->name ? a->name : "unnamed";
	const char *specs = a->specs_json ? a->specs_json : "[]";
	const char *extra = a->extra_hello;
	/* Each name byte escapes to at most 6 bytes; 128 covers the fixed text. */
	size_t cap = strlen(name) * 6 + strlen(specs) + (extra ? strlen(extra) : 0) + 128;
	char *buf = malloc(cap);
	size_t n = 0;
	int rc;

	if (!buf)
		return -1;
	n += (size_t)sprintf(buf + n, "{\"protocol\":\"%s\",\"name\":\"", a->run_sequence ? USPEC_PROTOCOL_2 : USPEC_PROTOCOL);
	n += json_escape(buf + n, name);
	n += (size_t)sprintf(buf + n, "\",\"specs\":%s,\"data\":%s", specs, a->data ? "true" : "false");
	if (extra && *extra)
		n += (size_t)sprintf(buf + n, ",%s", extra);
	n += (size_t)sprintf(buf + n, "}\n");
	rc = write_full(out, (const uint8_t *)buf, n);
	free(buf);
	return rc;
}

/*
 * Takes stdout for the protocol alone: the protocol keeps a private duplicate of fd 1, and fd 1
 * becomes a copy of stderr, so a stray printf in an adapter (or in a library it calls, or in a
 * child it spawns) lands on stderr instead of corrupting a frame. Returns the protocol fd or -1.
 */
static int claim_stdout(void)
{
	int out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);

	if (out < 0)
		return -1;
	fflush(stdout);
	if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		/* No stderr to borrow (the harness closed it): stray output is then simply dropped. */
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (null < 0 || dup2(null, STDOUT_FILENO) < 0) {
			if (null >= 0)
				close(null);
			close(out);
			return -1;
		}
		close(null);
	}
	return out;
}

struct kit_buffers {
	uint8_t *in;                  /* n case records as received */
	uint8_t *out;                 /* u32 n + n outcome records, written in one go */
	struct uspec_case *cases;
	struct uspec_outcome *outcomes;
	struct uspec_step *steps;     /* a sequence's decoded steps */
};

static int alloc_buffers(struct kit_buffers *b)
{
	b->in = malloc((size_t)USPEC_MAX_BATCH * USPEC_CASE_SIZE);
	b->out = malloc(4u + (size_t)USPEC_MAX_BATCH * USPEC_OUTCOME_SIZE);
	b->cases = calloc(USPEC_MAX_BATCH, sizeof(*b->cases));
	b->outcomes = calloc(USPEC_MAX_BATCH, sizeof(*b->outcomes));
	b->steps = calloc(USPEC_MAX_STEPS, sizeof(*b->steps));
	return b->in && b->out && b->cases && b->outcomes && b->steps ? 0 : -1;
}

static void free_buffers(struct kit_buffers *b)
{
	free(b->in);
	free(b->out);
	free(b->cases);
	free(b->outcomes);
	free(b->steps);
}

/* One sequence request (after its marker): reads the ring and the steps, runs them, answers. */
static int serve_sequence(const struct uspec_adapter *a, int in, int out, struct kit_buffers *b)
{
	uint8_t head[4 + USPEC_RING_RECORD_SIZE];
	struct uspec_ring ring;
	uint32_t n;
	size_t want;
	long got;

	if (!a->run_sequence) {
		kit_error("a sequence request, but this adapter speaks %s only (no run_sequence)", USPEC_PROTOCOL);
		return KIT_EXIT_PROTOCOL;
	}
	got = read_full(in, head, sizeof(head));
	if (got < (long)sizeof(head)) {
		kit_error("end of input inside a sequence request's header (%ld of %zu bytes)", got < 0 ? 0 : got, sizeof(head));
		return KIT_EXIT_IO;
	}
	n = get_u32(head);
	if (n == 0 || n > USPEC_MAX_STEPS) {
		kit_error("sequence of %u steps: want 1..%u", n, USPEC_MAX_STEPS);
		return KIT_EXIT_PROTOCOL;
	}
	ring.setup_flags = get_u32(head + 4 + USPEC_RING_OFF_SETUP_FLAGS);
	ring.sq_entries = get_u32(head + 4 + USPEC_RING_OFF_SQ_ENTRIES);
	want = (size_t)n * USPEC_STEP_RECORD_SIZE;
	/* The case buffer (4096 x 128 bytes) holds 64 step records with room to spare. */
	got = read_full(in, b->in, want);
	if (got < 0 || (size_t)got < want) {
		kit_error("end of input inside a sequence of %u steps (%ld of %zu bytes)", n, got < 0 ? 0 : got, want);
		return KIT_EXIT_IO;
	}
	for (uint32_t i = 0; i < n; i++)
		uspec_decode_step(b->in + (size_t)i * USPEC_STEP_RECORD_SIZE, &b->steps[i]);
	memset(b->outcomes, 0, (size_t)n * sizeof(*b->outcomes));
	a->run_sequence(&ring, b->steps, b->outcomes, n);
	put_u32(b->out, n);
	for (uint32_t i = 0; i < n; i++)
		uspec_encode_outcome(&b->outcomes[i], b->out + 4 + (size_t)i * USPEC_OUTCOME_SIZE);
	if (write_full(out, b->out, 4u + (size_t)n * USPEC_OUTCOME_SIZE) < 0) {
		kit_error("writing the response of a %u-step sequence: %s", n, strerror(errno));
		return KIT_EXIT_IO;
	}
	return KIT_EXIT_OK;
}

/* Serves frames until the end; returns the exit code. */
static int serve(const struct uspec_adapter *a, int in, int out, struct kit_buffers *b)
{
	for (;;) {
		uint8_t head[4];
		long got = read_full(in, head, sizeof(head));
		uint32_t n;
		size_t want;

		if (got < 0) {
			kit_error("reading the request count: %s", strerror(errno));
			return KIT_EXIT_IO;
		}
		/* EOF where a frame would start is a harness that closed instead of sending 0: an end. */
		if (got == 0)
			return KIT_EXIT_OK;
		if (got < (long)sizeof(head)) {
			kit_error("end of input inside a request count (%ld of 4 bytes)", got);
			return KIT_EXIT_IO;
		}
		n = get_u32(head);
		if (n == 0)
			return KIT_EXIT_OK;
		if (n == USPEC_SEQUENCE_MARKER) {
			int rc = serve_sequence(a, in, out, b);
			if (rc != KIT_EXIT_OK)
				return rc;
			continue;
		}
		if (n > USPEC_MAX_BATCH) {
			kit_error("request count %u exceeds the maximum batch of %u", n, USPEC_MAX_BATCH);
			return KIT_EXIT_PROTOCOL;
		}
		want = (size_t)n * USPEC_CASE_SIZE;
		got = read_full(in, b->in, want);
		if (got < 0) {
			kit_error("reading %u case records: %s", n, strerror(errno));
			return KIT_EXIT_IO;
		}
		if ((size_t)got < want) {
			kit_error("end of input inside a request of %u cases (%ld of %zu bytes)", n, got, want);
			return KIT_EXIT_IO;
		}
		for (uint32_t i = 0; i < n; i++)
			uspec_decode_case(b->in + (size_t)i * USPEC_CASE_SIZE, &b->cases[i]);
		/* Adapters fill only what they know; everything else must read as zero on the wire. */
		memset(b->outcomes, 0, (size_t)n * sizeof(*b->outcomes));
		if (a->run_batch) {
			a->run_batch(b->cases, b->outcomes, n);
		} else {
			for (uint32_t i = 0; i < n; i++)
				a->run_case(&b->cases[i], &b->outcomes[i]);
		}
		put_u32(b->out, n);
		for (uint32_t i = 0; i < n; i++)
			uspec_encode_outcome(&b->outcomes[i], b->out + 4 + (size_t)i * USPEC_OUTCOME_SIZE);
		/* write(2) on the raw fd: nothing is buffered, so the response is flushed when this returns. */
		if (write_full(out, b->out, 4u + (size_t)n * USPEC_OUTCOME_SIZE) < 0) {
			kit_error("writing the response of %u cases: %s", n, strerror(errno));
			return KIT_EXIT_IO;
		}
	}
}

int uspec_main(struct uspec_adapter *adapter, int argc, char **argv)
{
	struct kit_buffers b = { 0 };
	int out;
	int rc;

	if (!adapter || (!adapter->run_batch && !adapter->run_case)) {
		kit_error("the adapter has neither run_batch nor run_case");
		return KIT_EXIT_PROTOCOL;
	}
	out = claim_stdout();
	if (out < 0) {
		kit_error("cannot take stdout for the protocol: %s", strerror(errno));
		return KIT_EXIT_IO;
	}
	if (adapter->init && adapter->init(adapter, argc, argv) != 0) {
		kit_error("adapter %s: init failed", adapter->name ? adapter->name : "(unnamed)");
		close(out);
		return KIT_EXIT_PROTOCOL;
	}
	/* Allocate before the hello so a harness never sees an adapter that then dies on its first frame. */
	if (alloc_buffers(&b) < 0) {
		kit_error("out of memory for a batch of %u cases", USPEC_MAX_BATCH);
		free_buffers(&b);
		close(out);
		return KIT_EXIT_IO;
	}
	if (write_hello(out, adapter) < 0) {
		kit_error("writing the hello: %s", strerror(errno));
		free_buffers(&b);
		close(out);
		return KIT_EXIT_IO;
	}
	rc = serve(adapter, STDIN_FILENO, out, &b);
	if (rc == KIT_EXIT_OK && adapter->fini)
		adapter->fini();
	free_buffers(&b);
	close(out);
	return rc;
}
