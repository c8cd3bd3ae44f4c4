/*
 * channel-io.h - the little both halves of the channel (the host relay, the guest's init) do
 * alike: whole writes to a pipe or tty, and the little-endian u32s of the frames and the region.
 */
#ifndef URING_SPEC_VM_CHANNEL_IO_H
#define URING_SPEC_VM_CHANNEL_IO_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

/* Writes all of buf to a blocking fd, retrying short writes and EINTR; -1 on error. */
static inline int uspec_write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *b = buf;

	while (len) {
		ssize_t w = write(fd, b, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		len -= (size_t)w;
	}
	return 0;
}

static inline uint32_t uspec_get_le32(const volatile uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void uspec_put_le32(volatile uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#endif
