/*
 * bufmem.c - the memory behind registered buffers; see bufmem.h.
 */
#include "bufmem.h"

#include "io_uring_abi.h"
#include "ring.h"
#include "uring_spec_kit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000 /* Linux 4.17; older kernels treat it as a hint (checked) */
#endif

static uint64_t mapped_len; /* bytes mapped from USPEC_BUF_BASE */
static uint64_t max_pin = (uint64_t)KU_BUFMEM_DEFAULT_MAX_PIN_MB << 20;

void ku_bufmem_set_max_pin(uint64_t bytes)
{
	max_pin = bytes;
}

/* Grows the region from USPEC_BUF_BASE to at least need bytes. */
static int grow(uint64_t need)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	void *want, *got;

	need = (need + page - 1) & ~(page - 1);
	if (need <= mapped_len)
		return 0;
	want = (void *)(uintptr_t)(USPEC_BUF_BASE + mapped_len);
	/* MAP_NORESERVE: only the pages the kernel pins (the buffers themselves) become real. */
	got = mmap(want, need - mapped_len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (got == MAP_FAILED)
		return -errno;
	if (got != want) {
		munmap(got, need - mapped_len);
		return -EEXIST;
	}
	mapped_len = need;
	return 0;
}

int ku_bufmem_init(void)
{
	return grow(KU_BUFMEM_FLOOR);
}

int ku_bufmem_ensure(uint32_t nr, uint32_t size)
{
	/* Past these limits the kernel fails the registration before it reads a byte of the
	 * buffers, so there is nothing to map and nothing to guard. */
	if (nr == 0 || size == 0 || nr > KU_IORING_MAX_REG_BUFFERS || size > KU_IORING_MAX_BUF_LEN)
		return 0;
	if ((uint64_t)nr * size > max_pin)
		return -ENOMEM;
	return grow((uint64_t)(nr - 1) * USPEC_BUF_STRIDE + size);
}

void ku_bufmem_zero_range(uint64_t addr, uint64_t len)
{
	uint64_t end = USPEC_BUF_BASE + mapped_len;

	if (addr < USPEC_BUF_BASE || addr >= end || len == 0)
		return;
	if (len > end - addr)
		len = end - addr;
	memset((void *)(uintptr_t)addr, 0, (size_t)len);
}

void ku_bufmem_zero_all(void)
{
	/* Private anonymous memory reads as zero again after MADV_DONTNEED; only resident pages
	 * cost anything. */
	if (mapped_len)
		(void)madvise((void *)(uintptr_t)USPEC_BUF_BASE, mapped_len, MADV_DONTNEED);
}

int ku_bufmem_register(int ring_fd, uint32_t nr, uint32_t size)
{
	struct iovec *iov;
	int ret;

	/* The kernel refuses more than KU_IORING_MAX_REG_BUFFERS (-EINVAL) before reading the
	 * iovecs; an array 64 times that size is still built for it, beyond that the adapter
	 * answers the kernel's -EINVAL itself rather than allocate gigabytes of iovecs. */
	if (nr > 64u * KU_IORING_MAX_REG_BUFFERS)
		return -EINVAL;
	iov = calloc(nr ? nr : 1u, sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	for (uint32_t i = 0; i < nr; i++) {
		iov[i].iov_base = (void *)(uintptr_t)(USPEC_BUF_BASE + (uint64_t)i * USPEC_BUF_STRIDE);
		iov[i].iov_len = size;
	}
	ret = ku_sys_register(ring_fd, KU_IORING_REGISTER_BUFFERS, iov, nr);
	free(iov);
	return ret;
}
