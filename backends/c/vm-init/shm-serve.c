/*
 * shm-serve.c - the guest's half of the shared-memory channel (../vm-channel/channel.h): init sits
 * between ttyS1 plus the ivshmem region on one side and the adapter's stdin and stdout pipes on
 * the other, so the adapter itself still just reads and writes exec-protocol frames. A doorbell
 * byte on ttyS1 says a request frame is in the region, with its length and the length of the
 * response it asks for (the host relay knows the frames; init does not parse them); init feeds it
 * to the adapter while reading the response into the region (both at once: neither pipe can then
 * fill up and stall the other), stores the response's length and rings back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "../vm-channel/channel.h"
#include "../vm-channel/channel-io.h"
#include "init.h"

/*
 * The adapter's hello line (and whatever it wrote right after it, which the harness must see as
 * the serial channel would show it) onto ttyS1. Returns -1 when the adapter ended first.
 */
static int forward_hello(int tty, int from_adapter)
{
	char buf[4096];

	for (;;) {
		ssize_t r = read(from_adapter, buf, sizeof buf);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (uspec_write_all(tty, buf, (size_t)r))
			return -1;
		if (memchr(buf, '\n', (size_t)r))
			return 0;
	}
}

/*
 * Feeds `in` bytes of the request to the adapter while reading up to `want` bytes of its response
 * into `out`. Returns the bytes read; *ended is set when the adapter's stdout ended first.
 */
static size_t pump(volatile const uint8_t *req, size_t in, int to_adapter, volatile uint8_t *out, size_t want, int from_adapter, int *ended)
{
	size_t put = 0, got = 0;

	*ended = 0;
	while (put < in || got < want) {
		struct pollfd p[2];
		int k = 0, wi = -1, ri = -1;

		if (put < in) {
			wi = k;
			p[k++] = (struct pollfd){ .fd = to_adapter, .events = POLLOUT };
		}
		if (got < want) {
			ri = k;
			p[k++] = (struct pollfd){ .fd = from_adapter, .events = POLLIN };
		}
		if (poll(p, (nfds_t)k, -1) < 0) {
			if (errno == EINTR)
				continue;
			say("uring-spec vm-init: poll failed (%s)", strerror(errno));
			*ended = 1;
			return got;
		}
		if (wi >= 0 && p[wi].revents) {
			/* the adapter's stdin is non-blocking: a full pipe writes part and poll waits for the rest */
			ssize_t w = write(to_adapter, (const void *)(req + put), in - put);

			if (w > 0)
				put += (size_t)w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR)
				put = in; /* the adapter closed its stdin (EPIPE): its stdout tells the rest */
		}
		if (ri >= 0 && p[ri].revents) {
			ssize_t r = read(from_adapter, (void *)(out + got), want - got);

			if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
				*ended = 1;
				return got;
			}
			if (r > 0)
				got += (size_t)r;
		}
	}
	return got;
}

void shm_serve(int tty, volatile uint8_t *shm, int to_adapter, int from_adapter)
{
	volatile uint8_t *req = shm + USPEC_SHM_REQUEST;

	fcntl(to_adapter, F_SETFL, fcntl(to_adapter, F_GETFL) | O_NONBLOCK);
	if (forward_hello(tty, from_adapter))
		goto out;
	for (;;) {
		uint8_t bell;
		ssize_t r = read(tty, &bell, 1);
		uint32_t in, want;
		size_t got;
		int ended;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			say("uring-spec vm-init: reading ttyS1 failed (%s)", r ? strerror(errno) : "end of file");
			goto out;
		}
		if (bell != USPEC_DOORBELL_REQUEST) {
			say("uring-spec vm-init: unexpected byte 0x%02x on ttyS1 instead of a doorbell, ignored", bell);
			continue;
		}
		in = uspec_get_le32(shm + USPEC_SHM_REQUEST_LEN);
		want = uspec_get_le32(shm + USPEC_SHM_RESPONSE_WANT);
		if (in > USPEC_SHM_REQUEST_MAX || want > USPEC_SHM_RESPONSE_MAX) {
			say("uring-spec vm-init: a request of %u bytes asking for %u in the shared region, more than it holds", in, want);
			goto out;
		}
		got = pump(req, in, to_adapter, shm + USPEC_SHM_RESPONSE, want, from_adapter, &ended);
		if (want == 0)
			goto out; /* u32 0: the adapter exits */
		uspec_put_le32(shm + USPEC_SHM_RESPONSE_LEN, (uint32_t)got);
		bell = USPEC_DOORBELL_RESPONSE;
		if (uspec_write_all(tty, &bell, 1)) {
			say("uring-spec vm-init: writing ttyS1 failed (%s)", strerror(errno));
			goto out;
		}
		if (ended)
			goto out;
	}
out:
	/* the adapter sees the end of its input and exits; init waits for it */
	close(to_adapter);
}
