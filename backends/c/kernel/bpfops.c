/*
 * bpfops.c - BPF ops registered through raw bpf(2) calls; see bpfops.h.
 *
 * What a struct_ops registration needs from the kernel's BTF: the id of `struct uring_bpf_ops`
 * (programs are loaded against it, expected_attach_type = the callback's member index), the id
 * and size of its map value wrapper `struct bpf_struct_ops_uring_bpf_ops` (a common header, then
 * the ops as `data`), and the byte offsets of the members written: prep_fn and issue_fn (a
 * program descriptor each), id, and ring_fd when the type has it.
 */
#include "bpfops.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define OPS_TYPE "uring_bpf_ops"
#define VALUE_TYPE "bpf_struct_ops_uring_bpf_ops"
#define BTF_PATH "/sys/kernel/btf/vmlinux"

/* BTF's own layout (include/uapi/linux/btf.h), kept here: the header is not on every libc. */
struct btf_hdr {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
};
struct btf_ty {
	uint32_t name_off, info, size_or_type;
};
struct btf_mem {
	uint32_t name_off, type, offset;
};
#define BTF_MAGIC 0xeB9F
#define KIND(info) (((info) >> 24) & 0x1f)
#define VLEN(info) ((info) & 0xffff)
#define KFLAG(info) ((info) >> 31)
#define KIND_STRUCT 4
#define KIND_FUNC 12
#define SET_RESULT "uring_bpf_set_result"

/* Member indexes and byte offsets in uring_bpf_ops; -1: absent. */
struct ops_layout {
	uint32_t ops_type_id, value_type_id, value_size, data_off;
	uint32_t set_result_id; /* the kfunc uring_bpf_set_result (a FUNC), 0: absent */
	int prep_idx, issue_idx;
	int prep_off, issue_off, id_off, ring_fd_off;
};

static int state = 1; /* 1: not looked yet; 0: available; else -errno */
static const char *why_not;
static struct ops_layout L;

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

/* Bytes a type record's trailer takes after struct btf_ty; -1 for a kind this parser does not know. */
static long trailer(uint32_t info)
{
	switch (KIND(info)) {
	case 1: /* INT */
	case 14: /* VAR */
	case 17: /* DECL_TAG */
		return 4;
	case 3: /* ARRAY */
		return 12;
	case 4: /* STRUCT */
	case 5: /* UNION */
	case 15: /* DATASEC */
	case 19: /* ENUM64 */
		return 12L * VLEN(info);
	case 6: /* ENUM */
	case 13: /* FUNC_PROTO */
		return 8L * VLEN(info);
	case 2: case 7: case 8: case 9: case 10: case 11: case 12: case 16: case 18:
		return 0;
	default:
		return -1;
	}
}

static int fail(int err, const char *why)
{
	why_not = why;
	return err;
}

static uint8_t *read_all(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 1 << 22, n = 0;
	uint8_t *buf;

	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	while (buf) {
		ssize_t r;
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
}

/* A struct member's byte offset (with kflag set, the low 24 bits of offset are the bit offset). */
static int member_byte_off(const struct btf_ty *t, const struct btf_mem *m)
{
	return (int)((KFLAG(t->info) ? (m->offset & 0xffffff) : m->offset) / 8);
}

/* Walks the BTF once, filling L from the two struct types. */
static int parse(const uint8_t *b, size_t len)
{
	const struct btf_hdr *h = (const void *)b;
	const uint8_t *types, *end;
	const char *strs;
#define NAME(off) ((off) < h->str_len ? strs + (off) : "")
	uint32_t id = 1;
	int found_ops = 0, found_value = 0;

	if (len < sizeof(*h) || h->magic != BTF_MAGIC || (size_t)h->hdr_len + h->str_off + h->str_len > len ||
	    (size_t)h->hdr_len + h->type_off + h->type_len > len)
		return fail(-EINVAL, BTF_PATH " is not BTF this adapter can read");
	types = b + h->hdr_len + h->type_off;
	end = types + h->type_len;
	strs = (const char *)b + h->hdr_len + h->str_off;
	for (const uint8_t *p = types; p + sizeof(struct btf_ty) <= end; id++) {
		const struct btf_ty *t = (const void *)p;
		long extra = trailer(t->info);
		const char *name = NAME(t->name_off);

		if (extra < 0)
			return fail(-EINVAL, BTF_PATH " holds a BTF kind this adapter does not know");
		if (KIND(t->info) == KIND_STRUCT && strcmp(name, OPS_TYPE) == 0) {
			const struct btf_mem *m = (const void *)(t + 1);
			found_ops = 1;
			L.ops_type_id = id;
			for (int i = 0; i < (int)VLEN(t->info); i++) {
				const char *mn = NAME(m[i].name_off);
				int off = member_byte_off(t, &m[i]);
				if (!strcmp(mn, "prep_fn")) {
					L.prep_idx = i;
					L.prep_off = off;
				} else if (!strcmp(mn, "issue_fn")) {
					L.issue_idx = i;
					L.issue_off = off;
				} else if (!strcmp(mn, "id")) {
					L.id_off = off;
				} else if (!strcmp(mn, "ring_fd")) {
					L.ring_fd_off = off;
				}
			}
		} else if (KIND(t->info) == KIND_FUNC && strcmp(name, SET_RESULT) == 0) {
			L.set_result_id = id;
		} else if (KIND(t->info) == KIND_STRUCT && strcmp(name, VALUE_TYPE) == 0) {
			const struct btf_mem *m = (const void *)(t + 1);
			found_value = 1;
			L.value_type_id = id;
			L.value_size = t->size_or_type;
			for (int i = 0; i < (int)VLEN(t->info); i++) {
				if (!strcmp(NAME(m[i].name_off), "data"))
					L.data_off = (uint32_t)member_byte_off(t, &m[i]);
			}
		}
		p += sizeof(*t) + (size_t)extra;
	}
#undef NAME
	if (!found_ops)
		return fail(-ENOENT, "the kernel's BTF has no struct " OPS_TYPE " (a kernel without the IORING_OP_BPF series)");
	if (!found_value || !L.data_off)
		return fail(-ENOENT, "the kernel's BTF has no struct_ops map value " VALUE_TYPE " (struct_ops not built in?)");
	if (!L.set_result_id)
		return fail(-ENOENT, "the kernel's BTF has no kfunc " SET_RESULT);
	if (L.prep_idx < 0 || L.issue_idx < 0 || L.id_off < 0)
		return fail(-ENOENT, "struct " OPS_TYPE " lacks prep_fn, issue_fn or id");
	return 0;
}

int ku_bpf_available(const char **why)
{
	if (state == 1) {
		size_t len = 0;
		uint8_t *b;
		struct stat st;

		memset(&L, 0, sizeof(L));
		L.prep_idx = L.issue_idx = L.prep_off = L.issue_off = L.id_off = L.ring_fd_off = -1;
		if (stat(BTF_PATH, &st) != 0) {
			state = fail(-ENOENT, "no " BTF_PATH " (a kernel built without CONFIG_DEBUG_INFO_BTF, or sysfs not mounted)");
		} else if (!(b = read_all(BTF_PATH, &len))) {
			state = fail(-errno ? -errno : -ENOMEM, "cannot read " BTF_PATH);
		} else {
			state = parse(b, len);
			free(b);
		}
	}
	if (why)
		*why = why_not;
	return state;
}

int ku_bpf_per_ring(void)
{
	return ku_bpf_available(NULL) == 0 && L.ring_fd_off >= 0;
}

/*
 * A struct_ops program for member `idx` of the ops type. prep_fn: return 0. issue_fn:
 * uring_bpf_set_result(data, 0), then return 0. The kfunc call is needed: the series' issue
 * returns issue_fn's value to io_uring as is, and 0 (IOU_COMPLETE) completes the request with
 * req->cqe.res as it stands, which io_init_req does not reset: without the call a request would
 * complete with the result of the io_kiocb's previous request (seen on 7.2.13 with V2: an op 0
 * after a failed op 16 in one submission completed with -EINVAL).
 */
static int load_prog(int idx)
{
	const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const struct bpf_insn issue[] = {
		/* r1 = ctx[0]: the callback's first argument, struct uring_bpf_data *data */
		{ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_1, .src_reg = BPF_REG_1, .off = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_2, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = (int32_t)L.set_result_id },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const int is_issue = idx == L.issue_idx;
	union bpf_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_STRUCT_OPS;
	a.insns = (uint64_t)(uintptr_t)(is_issue ? issue : ret0);
	a.insn_cnt = is_issue ? 5 : 2;
	/* struct_ops programs must be GPL-compatible (the verifier refuses others) */
	a.license = (uint64_t)(uintptr_t)"GPL";
	a.expected_attach_type = (uint32_t)idx;
	a.attach_btf_id = L.ops_type_id;
	/* The verifier answers -EAGAIN when a signal is pending, and io_uring's task work counts as
	 * one (TIF_NOTIFY_SIGNAL): seen on 7.2.13 with V1 in about one check in three. libbpf retries
	 * the load a few times for the same reason; so does this. */
	for (int attempt = 0; (fd = sys_bpf(BPF_PROG_LOAD, &a)) < 0 && errno == EAGAIN && attempt < 5; attempt++)
		;
	if (fd < 0) {
		/* again with the verifier's log, for the message: why a kernel refused it */
		static char log[4096];
		int err = errno;
		a.log_level = 1;
		a.log_buf = (uint64_t)(uintptr_t)log;
		a.log_size = sizeof(log);
		log[0] = 0;
		(void)sys_bpf(BPF_PROG_LOAD, &a);
		fprintf(stderr, "kernel-adapter: BPF_PROG_LOAD of a struct_ops program for member %d of " OPS_TYPE " failed: %s; verifier: %.400s\n", idx, strerror(err), log);
		return -err;
	}
	return (int)fd;
}

/*
 * A BTF object of the program's own, for the map: the kernel wants a struct_ops map to come with
 * one (btf_fd, as a loader passes its object's BTF) and refuses the kernel's own (-EACCES). Its
 * content is never looked at for such a map, so one `int` is all it holds. Loaded once.
 */
static int btf_fd = -1;

static int own_btf_fd(void)
{
	int fd = btf_fd;
	static const struct {
		struct btf_hdr h;
		struct btf_ty t;
		uint32_t int_data;
		char strs[5];
	} __attribute__((packed)) blob = {
		.h = { .magic = BTF_MAGIC, .version = 1, .hdr_len = sizeof(struct btf_hdr), .type_off = 0,
		       .type_len = sizeof(struct btf_ty) + 4, .str_off = sizeof(struct btf_ty) + 4, .str_len = 5 },
		.t = { .name_off = 1, .info = 1u << 24 /* INT */, .size_or_type = 4 },
		.int_data = (1u << 24) /* signed */ | 32 /* bits */,
		.strs = "\0int",
	};
	union bpf_attr a;

	if (fd >= 0)
		return fd;
	memset(&a, 0, sizeof(a));
	a.btf = (uint64_t)(uintptr_t)&blob;
	a.btf_size = sizeof(blob);
	fd = (int)sys_bpf(BPF_BTF_LOAD, &a);
	if (fd < 0) {
		int err = errno;
		fprintf(stderr, "kernel-adapter: BPF_BTF_LOAD of the map's BTF failed: %s\n", strerror(err));
		return -err;
	}
	btf_fd = fd;
	return fd;
}

int ku_bpf_register(unsigned id, int ring_fd, struct ku_bpf_reg *out)
{
	union bpf_attr a;
	uint8_t *value;
	uint32_t key = 0;
	long fd;
	int err;

	out->map_fd = out->prog_fd[0] = out->prog_fd[1] = -1;
	err = ku_bpf_available(NULL);
	if (err)
		return err;
	if ((err = load_prog(L.prep_idx)) < 0)
		goto fail;
	out->prog_fd[0] = err;
	if ((err = load_prog(L.issue_idx)) < 0)
		goto fail;
	out->prog_fd[1] = err;
	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_STRUCT_OPS;
	a.key_size = 4;
	a.value_size = L.value_size;
	a.max_entries = 1;
	a.btf_vmlinux_value_type_id = L.value_type_id;
	if ((err = own_btf_fd()) < 0)
		goto fail;
	a.btf_fd = (uint32_t)err;
	memcpy(a.map_name, "uspec_ops", 10);
	fd = sys_bpf(BPF_MAP_CREATE, &a);
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "kernel-adapter: BPF_MAP_CREATE of a struct_ops map (" VALUE_TYPE ", %u bytes) failed: %s\n", L.value_size, strerror(-err));
		goto fail;
	}
	out->map_fd = (int)fd;
	value = calloc(1, L.value_size);
	if (!value) {
		err = -ENOMEM;
		goto fail;
	}
	/* Function members carry a program descriptor; the kernel's init_member copies id (an
	 * unsigned short) and ring_fd (an int); everything else stays zero, as the kernel wants. */
	{
		uint8_t *data = value + L.data_off;
		uint64_t prep = (uint64_t)out->prog_fd[0], issue = (uint64_t)out->prog_fd[1];
		uint16_t id16 = (uint16_t)id;
		int32_t rfd = ring_fd;
		memcpy(data + L.prep_off, &prep, sizeof(prep));
		memcpy(data + L.issue_off, &issue, sizeof(issue));
		memcpy(data + L.id_off, &id16, sizeof(id16));
		if (L.ring_fd_off >= 0)
			memcpy(data + L.ring_fd_off, &rfd, sizeof(rfd));
	}
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)out->map_fd;
	a.key = (uint64_t)(uintptr_t)&key;
	a.value = (uint64_t)(uintptr_t)value;
	err = sys_bpf(BPF_MAP_UPDATE_ELEM, &a) < 0 ? -errno : 0;
	free(value);
	if (err)
		goto fail;
	return 0;
fail:
	for (int i = 0; i < 2; i++)
		if (out->prog_fd[i] >= 0)
			close(out->prog_fd[i]);
	if (out->map_fd >= 0)
		close(out->map_fd);
	out->map_fd = out->prog_fd[0] = out->prog_fd[1] = -1;
	return err;
}

void ku_bpf_unregister(struct ku_bpf_reg *r)
{
	union bpf_attr a;
	uint32_t key = 0;

	if (r->map_fd < 0)
		return;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)r->map_fd;
	a.key = (uint64_t)(uintptr_t)&key;
	/* the delete runs the unreg callback; closing alone would leave the ops registered */
	if (sys_bpf(BPF_MAP_DELETE_ELEM, &a) < 0)
		fprintf(stderr, "kernel-adapter: unregistering BPF op failed: %s\n", strerror(errno));
	close(r->map_fd);
	for (int i = 0; i < 2; i++)
		if (r->prog_fd[i] >= 0)
			close(r->prog_fd[i]);
	r->map_fd = r->prog_fd[0] = r->prog_fd[1] = -1;
}

/* V1's global table as this adapter registered it. */
static struct ku_bpf_reg global_regs[256];
static uint8_t global_set[32];

int ku_bpf_global_sync(const uint8_t ops[32])
{
	int first = 0;

	if (!memcmp(ops, global_set, sizeof(global_set)))
		return 0;
	/* unregister first: V1's reg refuses a taken slot with -EBUSY */
	for (unsigned id = 0; id < 256; id++)
		if ((global_set[id / 8] >> (id % 8) & 1) && !(ops[id / 8] >> (id % 8) & 1)) {
			ku_bpf_unregister(&global_regs[id]);
			global_set[id / 8] &= (uint8_t)~(1u << (id % 8));
		}
	for (unsigned id = 0; id < 256; id++)
		if ((ops[id / 8] >> (id % 8) & 1) && !(global_set[id / 8] >> (id % 8) & 1)) {
			int err = ku_bpf_register(id, -1, &global_regs[id]);
			if (err) {
				if (!first)
					first = err;
				continue;
			}
			global_set[id / 8] |= (uint8_t)(1u << (id % 8));
		}
	return first;
}

char *ku_bpf_json(void)
{
	const char *why = NULL;
	int err = ku_bpf_available(&why);
	char *s = malloc(512);

	if (!s)
		return NULL;
	if (err == 0)
		snprintf(s, 512, "{\"available\":true,\"type\":\"%s\",\"mode\":\"%s\"}", OPS_TYPE, ku_bpf_per_ring() ? "per-ring" : "global");
	else
		snprintf(s, 512, "{\"available\":false,\"why\":\"%s\"}", why ? why : "unknown");
	return s;
}

void ku_bpf_release_all(void)
{
	static const uint8_t none[32];

	(void)ku_bpf_global_sync(none);
	if (btf_fd >= 0)
		close(btf_fd);
	btf_fd = -1;
}
