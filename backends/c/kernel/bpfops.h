/*
 * bpfops.h - BPF ops registered on a kernel carrying the IORING_OP_BPF series.
 *
 * The series' ops are a struct_ops type, `uring_bpf_ops` (prep_fn, issue_fn, ..., an op `id`,
 * and in V2/V3 the `ring_fd` they belong to). A context's ops are registered the way a BPF
 * loader would: a struct_ops program per callback, a BPF_MAP_TYPE_STRUCT_OPS map whose value
 * names them, and an update of that map, which calls the series' reg callback. No clang, no
 * libbpf: the programs are two instructions each (prep_fn and issue_fn return 0, the "registered
 * op" every spec's context means), and the type ids and member offsets come from the kernel's own
 * BTF (/sys/kernel/btf/vmlinux), so one adapter serves every version and every build of it.
 *
 * V1 keeps one global table (the type has no ring_fd): the adapter keeps the registered set equal
 * to the context in use (ku_bpf_global_sync). V2/V3 keep a table per ring: a ring's ops are
 * registered when it is set up and unregistered before it is closed (ku_bpf_register per op).
 */
#ifndef URING_SPEC_KERNEL_BPFOPS_H
#define URING_SPEC_KERNEL_BPFOPS_H

#include <stdint.h>

/* One registration: the map whose update registered it, and its programs. */
struct ku_bpf_reg {
	int map_fd;
	int prog_fd[2];
};

/*
 * Finds the struct_ops type in the kernel's BTF (once; later calls return the first answer).
 * 0: ops can be registered; else -errno, and *why (static text) says what is missing.
 */
int ku_bpf_available(const char **why);

/* 1 when ops belong to a ring (the type has ring_fd: V2/V3); 0 when global (V1). */
int ku_bpf_per_ring(void);

/* Registers op `id` (on ring_fd when per ring). 0, or the -errno of the step that failed (the
 * map update's is the reg callback's: -EBUSY for a taken slot, -EINVAL for a ring without the
 * series' setup flag or an id the version refuses). On failure nothing is left open. */
int ku_bpf_register(unsigned id, int ring_fd, struct ku_bpf_reg *out);

/* Unregisters (the map's delete calls the unreg callback) and closes everything. */
void ku_bpf_unregister(struct ku_bpf_reg *r);

/* Global table (V1): makes the registered ids exactly those set in ops (bit id % 8 of ops[id / 8]).
 * 0, or the first -errno. */
int ku_bpf_global_sync(const uint8_t ops[32]);

/* Unregisters V1's global ops and closes every descriptor this file keeps (before the adapter
 * sweeps descriptors a case may have made: fdsweep.h); the next registration starts afresh. */
void ku_bpf_release_all(void);

/* The hello's description: JSON text of an object, malloc'd ("available", "mode" or "why"). */
char *ku_bpf_json(void);

#endif
