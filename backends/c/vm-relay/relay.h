/* relay.h - the host relay's parts (see main.c for what the relay is). */
#ifndef URING_SPEC_VM_RELAY_H
#define URING_SPEC_VM_RELAY_H

#include <stdint.h>

/* The relay's two sides: the harness's pipes and QEMU's stdio (the guest's ttyS1). */
struct bridge {
	int in, out;   /* the harness: requests in, hello and responses out */
	int qin, qout; /* QEMU's stdin and stdout */
	uint8_t *shm;  /* the shared region when one was offered to the guest, else NULL */
	/* why no region was offered, when the relay failed to make one (named in the hello) */
	const char *host_note;
};

/* One line on stderr (the harness quotes the adapter's stderr tail in its errors). */
void relay_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Relays until QEMU's stdout ends: the guest's channel line, the hello with "vmChannel" added,
 * then frames over the shared region (when the guest took it) or every byte as is.
 * Returns 0, or -1 on a fatal error (already said).
 */
int bridge_run(struct bridge *b);

/*
 * The hello line `line` (len bytes, no newline) with "vmChannel":channel added as its first key,
 * written to fd. A line that is not a JSON object is written unchanged (the harness rejects it).
 * Returns 0, or -1 when the write failed.
 */
int write_hello(int fd, const char *line, size_t len, const char *channel);

#endif
