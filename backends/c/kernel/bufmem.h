/*
 * bufmem.h - the memory behind registered buffers, at the addresses every backend agrees on.
 *
 * Buffer i of a context lives at USPEC_BUF_BASE + i * USPEC_BUF_STRIDE (uring_spec_kit.h). The
 * adapter maps one contiguous anonymous region from USPEC_BUF_BASE, grows it when a context needs
 * more, and never shrinks it: every cached ring registers its own slices of the same memory.
 * The gaps between buffers are mapped too, so plain (unregistered) I/O that crosses a gap sees
 * ordinary memory, as it did in the observations (c.READ.addr+4000.len=8192).
 *
 * So that plain I/O on canonical addresses does not depend on which contexts ran before, the
 * first KU_BUFMEM_FLOOR bytes (64 buffer strides) are mapped at start; only a context that needs
 * more grows the region, and from then on the larger region stays. Its content is kept zero
 * between cases (see the zero functions): an op that reads a structure from it (an iovec array,
 * a timespec) must not see bytes an earlier case left there.
 */
#ifndef URING_SPEC_KERNEL_BUFMEM_H
#define URING_SPEC_KERNEL_BUFMEM_H

#include "uring_spec_kit.h"

#include <stdint.h>

/* Pinned-memory ceiling (nr_bufs * buf_size) above which a context is refused with -ENOMEM
 * instead of asking the kernel to pin it; URING_SPEC_KERNEL_MAX_PIN_MB overrides it. */
#define KU_BUFMEM_DEFAULT_MAX_PIN_MB 1024u

#define KU_BUFMEM_FLOOR (64ull * USPEC_BUF_STRIDE)

void ku_bufmem_set_max_pin(uint64_t bytes);

/* Maps the floor region. Returns 0 or -errno (-EEXIST when the range is taken). */
int ku_bufmem_init(void);

/* Makes sure buffers 0..nr-1 of size bytes each are backed by memory. Returns 0 or -errno
 * (-EEXIST when something else already occupies the canonical range). Sizes the kernel refuses
 * before touching memory (see KU_IORING_MAX_*) are not mapped: the kernel's own answer decides. */
int ku_bufmem_ensure(uint32_t nr, uint32_t size);

/* Zeroes [addr, addr + len) where it lies inside the region: after a read landed there, so the
 * next case finds the memory as every case does, zero. */
void ku_bufmem_zero_range(uint64_t addr, uint64_t len);

/* Zeroes the whole region by dropping its pages. Only while no ring has buffers registered
 * (they pin the old pages, which would then no longer be the ones the adapter sees). */
void ku_bufmem_zero_all(void);

/* Registers buffers 0..nr-1 (size bytes each, at the canonical addresses) on ring_fd. Returns
 * the io_uring_register result (0) or -errno. */
int ku_bufmem_register(int ring_fd, uint32_t nr, uint32_t size);

#endif
