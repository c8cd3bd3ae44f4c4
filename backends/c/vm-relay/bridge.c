/*
 * bridge.c - what the relay moves between the harness and the guest (../vm-channel/channel.h).
 *
 * First the guest's channel line, consumed, and the adapter's hello, passed on with "vmChannel"
 * added. Then, when the guest took the shared region: each request frame from the harness (a batch
 * of cases, or uring-spec/2's sequence request) is read straight into the region, its length and
 * that of the response it asks for stored beside it, and announced with one doorbell byte on
 * QEMU's stdin; each doorbell
 * from the guest means a response of RESPONSE_LEN bytes is in the region, written to the harness
 * as it is. Any other byte from the guest is passed on, so a misbehaving guest shows the harness
 * what it sent, as the serial channel would. On the serial channel every byte passes as is.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vm-channel/channel.h"
#include "../vm-channel/channel-io.h"
#include "relay.h"

/* The harness's own limit on a hello line (backends/exec/framing.ts HELLO_MAX_BYTES) and a margin. */
#define LINE_MAX_BYTES ((1 << 20) + 4096)

/* read(2) that retries EINTR; 0 at the end, -1 on error. */
static ssize_t read_some(int fd, void *buf, size_t len)
{
	for (;;) {
		ssize_t r = read(fd, buf, len);

		if (r >= 0 || errno != EINTR)
			return r;
	}
}

int write_hello(int fd, const char *line, size_t len, const char *channel)
{
	char key[600];
	size_t k = 0, i = 1;
	const char *c;

	if (len == 0 || line[0] != '{')
		return uspec_write_all(fd, line, len) || uspec_write_all(fd, "\n", 1) ? -1 : 0;
	k += (size_t)snprintf(key, sizeof key, "{\"vmChannel\":\"");
	for (c = channel; *c && k < sizeof key - 16; c++) {
		if (*c == '"' || *c == '\\')
			key[k++] = '\\';
		if ((unsigned char)*c < 0x20)
			continue;
		key[k++] = *c;
	}
	key[k++] = '"';
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	/* an empty object gets no comma */
	if (i < len && line[i] != '}')
		key[k++] = ',';
	if (uspec_write_all(fd, key, k) || uspec_write_all(fd, line + 1, len - 1) || uspec_write_all(fd, "\n", 1))
		return -1;
	return 0;
}

/*
 * Reads QEMU's stdout up to the hello: the channel line sets *shm_mode and names the channel in
 * `channel`; the hello goes to the harness with it. Returns 1 when the hello went through, 0 when
 * QEMU's stdout ended first (whatever came is passed on), -1 on a fatal error.
 */
static int relay_hello(struct bridge *b, int *shm_mode, char *channel, size_t chlen)
{
	char *buf = malloc(LINE_MAX_BYTES);
	size_t have = 0;
	int rc = -1;

	if (!buf) {
		relay_say("out of memory");
		return -1;
	}
	snprintf(channel, chlen, "%s (the guest named no channel)", USPEC_CHANNEL_SERIAL);
	*shm_mode = 0;
	for (;;) {
		char *nl = have ? memchr(buf, '\n', have) : NULL;
		ssize_t r;

		if (nl) {
			size_t len = (size_t)(nl - buf);
			const size_t pre = strlen(USPEC_CHANNEL_LINE);

			if (len >= pre && !memcmp(buf, USPEC_CHANNEL_LINE, pre)) {
				const char *what = buf + pre;
				size_t wlen = len - pre;

				*shm_mode = b->shm && wlen == strlen(USPEC_CHANNEL_SHM) && !memcmp(what, USPEC_CHANNEL_SHM, wlen);
				if (b->host_note && !*shm_mode)
					snprintf(channel, chlen, "%s (the host offered no shared memory: %s)", USPEC_CHANNEL_SERIAL, b->host_note);
				else
					snprintf(channel, chlen, "%.*s", (int)(wlen < chlen ? wlen : chlen - 1), what);
				memmove(buf, nl + 1, have - len - 1);
				have -= len + 1;
				continue;
			}
			/* the hello, then whatever followed it, unchanged */
			if (write_hello(b->out, buf, len, channel) || uspec_write_all(b->out, nl + 1, have - len - 1))
				goto out;
			rc = 1;
			goto out;
		}
		if (have == LINE_MAX_BYTES) {
			/* no line at all: pass it on, the harness says what is wrong with it */
			if (uspec_write_all(b->out, buf, have))
				goto out;
			have = 0;
		}
		r = read_some(b->qout, buf + have, LINE_MAX_BYTES - have);
		if (r < 0) {
			relay_say("reading QEMU's output failed: %s", strerror(errno));
			goto out;
		}
		if (r == 0) {
			rc = have && uspec_write_all(b->out, buf, have) ? -1 : 0;
			goto out;
		}
		have += (size_t)r;
	}
out:
	free(buf);
	return rc;
}

/*
 * Waits until QEMU's stdout, or the harness's stdin while it is open, has something (or ended);
 * *guest and *harness say which. -1 on error (already said).
 */
static int wait_either(const struct bridge *b, int in_open, int *guest, int *harness)
{
	struct pollfd p[2] = { { .fd = b->qout, .events = POLLIN }, { .fd = in_open ? b->in : -1, .events = POLLIN } };

	while (poll(p, 2, -1) < 0)
		if (errno != EINTR) {
			relay_say("poll failed: %s", strerror(errno));
			return -1;
		}
	*guest = p[0].revents != 0;
	*harness = p[1].revents != 0;
	return 0;
}

/* Every byte as is, both ways, until QEMU's stdout ends. */
static int pass_through(struct bridge *b)
{
	static uint8_t buf[1 << 16];
	int in_open = 1;

	for (;;) {
		int guest, harness;
		ssize_t r;

		if (wait_either(b, in_open, &guest, &harness))
			return -1;
		if (guest) {
			r = read_some(b->qout, buf, sizeof buf);
			if (r <= 0)
				return 0;
			if (uspec_write_all(b->out, buf, (size_t)r))
				return 0; /* the harness is gone: QEMU's end is all that is left */
		}
		if (harness) {
			r = read_some(b->in, buf, sizeof buf);
			if (r <= 0) {
				in_open = 0; /* as over a serial line: the guest sees no end of input */
				continue;
			}
			if (uspec_write_all(b->qin, buf, (size_t)r))
				in_open = 0;
		}
	}
}

/*
 * The length of the request frame at req, of which `have` bytes are in, into *need, and of the
 * response it asks for into *want. 0 when its head is not complete yet (*need says how much is),
 * 1 when *need is the frame's length, -1 when the region cannot hold it or its response.
 */
static int frame_size(const uint8_t *req, size_t have, size_t *need, size_t *want)
{
	uint32_t n;

	if (have < 4) {
		*need = 4;
		return 0;
	}
	n = uspec_get_le32(req);
	if (n != USPEC_SEQUENCE) {
		*need = 4 + (size_t)n * USPEC_CASE_RECORD;
		*want = n ? 4 + (size_t)n * USPEC_OUTCOME_RECORD : 0;
	} else {
		if (have < 8) {
			*need = 8;
			return 0;
		}
		n = uspec_get_le32(req + 4);
		*need = USPEC_SEQUENCE_HEAD + (size_t)n * USPEC_STEP_RECORD;
		*want = 4 + (size_t)n * USPEC_OUTCOME_RECORD;
	}
	return *need <= USPEC_SHM_REQUEST_MAX && *want <= USPEC_SHM_RESPONSE_MAX ? 1 : -1;
}

/* Frames through the region until QEMU's stdout ends. */
static int frames(struct bridge *b)
{
	uint8_t *req = b->shm + USPEC_SHM_REQUEST;
	size_t have = 0, need = 4, want = 0;
	int in_open = 1;

	for (;;) {
		uint8_t bells[256];
		int guest, harness;
		ssize_t r;

		if (wait_either(b, in_open, &guest, &harness))
			return -1;
		if (guest) {
			r = read_some(b->qout, bells, sizeof bells);
			if (r <= 0)
				return 0;
			for (ssize_t i = 0; i < r; i++) {
				uint32_t len;

				if (bells[i] != USPEC_DOORBELL_RESPONSE) {
					if (uspec_write_all(b->out, &bells[i], 1))
						return 0;
					continue;
				}
				len = uspec_get_le32(b->shm + USPEC_SHM_RESPONSE_LEN);
				if (len > USPEC_SHM_RESPONSE_MAX) {
					relay_say("the guest announced a response of %u bytes, more than %d", len, USPEC_SHM_RESPONSE_MAX);
					return -1;
				}
				if (uspec_write_all(b->out, b->shm + USPEC_SHM_RESPONSE, len))
					return 0;
			}
		}
		if (harness) {
			/* straight into the region: the frame is the harness's bytes, unchanged */
			r = read_some(b->in, req + have, need - have);
			if (r <= 0) {
				in_open = 0; /* as over a serial line: the guest sees no end of input */
				continue;
			}
			have += (size_t)r;
			switch (frame_size(req, have, &need, &want)) {
			case -1:
				relay_say("a request frame of %zu bytes asking for a response of %zu, more than the shared region holds", need, want);
				return -1;
			case 0:
				continue;
			}
			if (have < need)
				continue;
			{
				const uint8_t bell = USPEC_DOORBELL_REQUEST;

				uspec_put_le32(b->shm + USPEC_SHM_REQUEST_LEN, (uint32_t)need);
				uspec_put_le32(b->shm + USPEC_SHM_RESPONSE_WANT, (uint32_t)want);
				if (uspec_write_all(b->qin, &bell, 1))
					in_open = 0;
			}
			have = 0;
			need = 4;
		}
	}
}

int bridge_run(struct bridge *b)
{
	char channel[512];
	int shm_mode;
	int rc = relay_hello(b, &shm_mode, channel, sizeof channel);

	if (rc <= 0)
		return rc;
	return shm_mode ? frames(b) : pass_through(b);
}
