/*
 * uring_spec_kit.h - the uring-spec exec protocol, version 1 ("uring-spec/1"), for C implementers.
 *
 * An implementation under test writes one function (a case in, an outcome out) and links kit.c,
 * which speaks the protocol on stdin/stdout. Byte layouts are documented in docs/exec-protocol.md;
 * everything on the wire is little-endian, and the kit decodes it field by field (never by
 * casting a struct over the bytes) so the adapter is correct on any host byte order.
 */
#ifndef URING_SPEC_KIT_H
#define URING_SPEC_KIT_H

#include <stdint.h>

#define USPEC_PROTOCOL "uring-spec/1"
/* Said instead when the adapter runs sequences (run_sequence set): docs/stateful.md. */
#define USPEC_PROTOCOL_2 "uring-spec/2"
#define USPEC_SQE_SIZE 64u
#define USPEC_CASE_SIZE 128u
#define USPEC_OUTCOME_SIZE 64u
#define USPEC_MAX_BATCH 4096u

/* Registered buffer i lives at USPEC_BUF_BASE + i * USPEC_BUF_STRIDE, so every backend agrees. */
#define USPEC_BUF_BASE 0x200000000000ull
#define USPEC_BUF_STRIDE 0x100000ull

/* Outcome flags (outcome record offset 4). */
#define USPEC_OUT_DATA_VALID (1u << 0) /* opf..buf_index hold the uring_bpf_data after prep */
#define USPEC_OUT_NO_CQE (1u << 1)     /* no completion was posted (e.g. IOSQE_CQE_SKIP_SUCCESS) */
#define USPEC_OUT_TIMEOUT (1u << 2)    /* no completion within the adapter's bounded wait */
#define USPEC_OUT_NOT_CONSUMED (1u << 3) /* the kernel did not consume the SQE */
#define USPEC_OUT_CTX_FAILED (1u << 4) /* the ring context could not be realised; res = its -errno */

/* An adapter that offers a scratch file for file operations keeps it open at this descriptor
 * and announces it in its hello as "scratch":{"fd":100,"size":N}. */
#define USPEC_SCRATCH_FD 100

/* struct io_uring_sqe, decoded. Union members are named after the first kernel member. */
struct uspec_sqe {
	uint8_t opcode;
	uint8_t flags;
	uint16_t ioprio;
	int32_t fd;
	uint64_t off; /* addr2 */
	uint64_t addr;
	uint32_t len;
	uint32_t op_flags; /* rw_flags, nop_flags, bpf_op_flags, ... */
	uint64_t user_data;
	uint16_t buf_index; /* buf_group */
	uint16_t personality;
	int32_t splice_fd_in; /* file_index, optlen (as u32) */
	uint64_t addr3;       /* optval */
	uint64_t pad2;        /* __pad2[0] */
};

/* The ring context a case runs in (case record bytes 64..127). */
struct uspec_ctx {
	uint32_t setup_flags;
	uint32_t nr_bufs;
	uint32_t buf_size;
	uint16_t nr_personalities; /* personality ids 1..n are registered */
	uint8_t ops[32];           /* bit (id % 8) of ops[id / 8]: op id has a prep_fn returning 0 */
};

struct uspec_case {
	uint8_t raw_sqe[USPEC_SQE_SIZE]; /* the 64 bytes exactly as received */
	struct uspec_sqe sqe;
	struct uspec_ctx ctx;
};

/* Sequences (protocol version 2, docs/stateful.md): a ring, then steps on it in order. */
#define USPEC_SEQUENCE_MARKER 0xffffffffu
#define USPEC_MAX_STEPS 64u
#define USPEC_MAX_STEP_ENTRIES 8u
#define USPEC_ENTRY_ARRAY_LEN 1024u /* slots of every array an adapter builds for a step */
#define USPEC_RING_RECORD_SIZE 64u
#define USPEC_STEP_RECORD_SIZE 256u

enum uspec_step_kind { USPEC_STEP_REGISTER = 1, USPEC_STEP_SUBMIT = 2, USPEC_STEP_BPF_OP = 3 };
enum uspec_step_arg {
	USPEC_ARG_NONE = 0,
	USPEC_ARG_IOVECS = 1,
	USPEC_ARG_FDS = 2,
	USPEC_ARG_RSRC_REGISTER = 3,
	USPEC_ARG_RSRC_UPDATE = 4,
	USPEC_ARG_RSRC_UPDATE2 = 5,
};
enum uspec_bpf_op_action { USPEC_BPF_OP_REGISTER = 1, USPEC_BPF_OP_UNREGISTER = 2 };

/* Selectors (docs/stateful.md, "Steps"). */
#define USPEC_IOV_NULL 0u
#define USPEC_IOV_BAD 0xffffffffu
#define USPEC_IOV_BAD_ADDR 0x1000ull
#define USPEC_FD_SELF 0x7ffffff0
#define USPEC_FD_OTHER_RING 0x7ffffff1
#define USPEC_SEQUENCE_BUFFERS 16u

struct uspec_ring {
	uint32_t setup_flags;
	uint32_t sq_entries; /* 0: 8 */
};

struct uspec_step_entry {
	uint32_t value;
	uint32_t len;
	uint64_t tag;
};

struct uspec_step {
	uint32_t kind; /* enum uspec_step_kind */
	uint32_t opcode; /* IORING_REGISTER_*, or enum uspec_bpf_op_action */
	uint32_t nr_args;
	uint32_t arg; /* enum uspec_step_arg */
	uint32_t offset; /* bpf_op: the op id */
	uint32_t flags;
	uint32_t nr;
	uint32_t resv;
	uint64_t resv2;
	uint32_t tags;
	uint32_t nr_entries;
	uint8_t raw_sqe[USPEC_SQE_SIZE];
	struct uspec_sqe sqe;
	struct uspec_step_entry entries[USPEC_MAX_STEP_ENTRIES];
};

/* What the implementation reports for one case (outcome record, 64 bytes on the wire). */
struct uspec_outcome {
	int32_t res;
	uint32_t flags; /* USPEC_OUT_* */
	uint32_t opf;
	uint32_t buf1_len;
	uint64_t buf1_addr;
	uint64_t buf2_addr;
	uint32_t buf2_len;
	uint16_t buf_index;
};

struct uspec_adapter {
	const char *name;
	/* JSON array of spec ids, e.g. "[\"bpf@v1\"]"; init may replace it after probing. */
	const char *specs_json;
	/* 1 when outcomes carry the uring_bpf_data (USPEC_OUT_DATA_VALID may be set). */
	int data;
	/* Extra members for the hello object, without braces, e.g. "\"scratch\":{\"fd\":3}"; or NULL. */
	const char *extra_hello;
	/* Optional: called once before the hello; nonzero aborts with exit 2. May edit the adapter. */
	int (*init)(struct uspec_adapter *self, int argc, char **argv);
	/* One of the two: a whole batch (for adapters that amortise work), or one case at a time. */
	void (*run_batch)(const struct uspec_case *cases, struct uspec_outcome *out, uint32_t n);
	void (*run_case)(const struct uspec_case *c, struct uspec_outcome *out);
	/* Optional: runs a sequence (protocol version 2); out[i] is step i's outcome. When set, the
	 * hello says "uring-spec/2" and sequence requests reach it. */
	void (*run_sequence)(const struct uspec_ring *ring, const struct uspec_step *steps, struct uspec_outcome *out, uint32_t n);
	/* Optional: called at the end of the session. */
	void (*fini)(void);
};

/* Runs the protocol on stdin/stdout until the harness sends n = 0. Returns the exit code. */
int uspec_main(struct uspec_adapter *adapter, int argc, char **argv);

/* Whether op id has a registered prep_fn in the context. */
int uspec_op_registered(const struct uspec_ctx *ctx, unsigned op);

/* Decoders, exposed for adapters and tests. */
void uspec_decode_sqe(const uint8_t raw[USPEC_SQE_SIZE], struct uspec_sqe *sqe);
void uspec_decode_case(const uint8_t raw[USPEC_CASE_SIZE], struct uspec_case *c);
void uspec_decode_step(const uint8_t raw[USPEC_STEP_RECORD_SIZE], struct uspec_step *st);
void uspec_encode_outcome(const struct uspec_outcome *o, uint8_t raw[USPEC_OUTCOME_SIZE]);

#endif
