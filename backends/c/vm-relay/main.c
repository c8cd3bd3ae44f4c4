/*
 * vm-relay - the host side of the vm backend's shared-memory channel (../vm-channel/channel.h).
 *
 *   vm-relay [--ivshmem] -- QEMU [QEMU ARGS...]
 *
 * The harness runs this instead of QEMU and speaks the exec protocol to it on stdin and stdout,
 * as to any adapter. With --ivshmem the relay makes the shared region (a memfd, so there is no
 * file to clean up: it lives exactly as long as the relay and QEMU hold it), stamps it with the
 * channel's magic and adds an ivshmem-plain device backed by it to QEMU's arguments. It starts
 * QEMU as its child with QEMU's stdio (the guest's ttyS1) on pipes and relays (bridge.c): frames
 * through the region once the guest says it took it, every byte as is when the guest falls back to
 * the serial channel. It exits when QEMU does, with QEMU's exit status, or dies of QEMU's signal;
 * on an error of its own (a frame the region cannot hold) it says so on stderr, kills QEMU and
 * exits 2.
 *
 * No QEMU outlives the relay: QEMU gets PR_SET_PDEATHSIG SIGKILL, and it stays in the relay's
 * process group, which the harness kills as a whole (the relay itself is started with
 * `setpriv --pdeathsig KILL`, so a harness killed outright takes both along).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../vm-channel/channel.h"
#include "relay.h"

void relay_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("vm-relay: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fflush(stderr);
}

/* The shared region, stamped; its fd stays open (not close-on-exec) for QEMU. NULL on failure, with why. */
static uint8_t *make_region(int *fdp, char *why, size_t whylen)
{
	int fd = memfd_create("uring-spec-vm-channel", 0);
	char path[64];
	uint8_t *map;

	if (fd < 0) {
		snprintf(why, whylen, "memfd_create failed: %s", strerror(errno));
		return NULL;
	}
	if (ftruncate(fd, USPEC_SHM_SIZE)) {
		snprintf(why, whylen, "sizing the shared memory failed: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	map = mmap(NULL, USPEC_SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		snprintf(why, whylen, "mapping the shared memory failed: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	/* QEMU opens it by this path: without /proc there is no region to offer */
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (access(path, R_OK | W_OK)) {
		snprintf(why, whylen, "%s is not accessible: %s", path, strerror(errno));
		munmap(map, USPEC_SHM_SIZE);
		close(fd);
		return NULL;
	}
	memcpy(map, USPEC_SHM_MAGIC, USPEC_SHM_MAGIC_LEN);
	*fdp = fd;
	return map;
}

/* QEMU as a child on two pipes; dies with the relay. Returns its pid. */
static pid_t start_qemu(char **argv, int *qin, int *qout)
{
	int to[2], from[2];
	pid_t parent = getpid(), pid;

	if (pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC)) {
		relay_say("pipe failed: %s", strerror(errno));
		exit(2);
	}
	pid = fork();
	if (pid < 0) {
		relay_say("fork failed: %s", strerror(errno));
		exit(2);
	}
	if (pid == 0) {
		/* the relay may have died between fork and prctl: then nothing would kill QEMU */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(2);
		if (dup2(to[0], 0) < 0 || dup2(from[1], 1) < 0)
			_exit(2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		relay_say("cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	*qin = to[1];
	*qout = from[0];
	return pid;
}

int main(int argc, char **argv)
{
	struct bridge b = { .in = 0, .out = 1, .shm = NULL, .host_note = NULL };
	char why[256], object[256];
	int i = 1, ivshmem = 0, shmfd = -1, status, n = 0, failed;
	char **qargv;
	pid_t pid;

	if (i < argc && !strcmp(argv[i], "--ivshmem")) {
		ivshmem = 1;
		i++;
	}
	if (i >= argc || strcmp(argv[i], "--") || i + 1 >= argc) {
		relay_say("usage: vm-relay [--ivshmem] -- QEMU [ARGS...]");
		return 2;
	}
	i++;
	/* the harness reads a dead relay's exit; a write to a dead QEMU is an error to handle */
	signal(SIGPIPE, SIG_IGN);
	qargv = calloc((size_t)(argc - i) + 5, sizeof *qargv);
	if (!qargv) {
		relay_say("out of memory");
		return 2;
	}
	while (i < argc)
		qargv[n++] = argv[i++];
	if (ivshmem) {
		b.shm = make_region(&shmfd, why, sizeof why);
		if (b.shm) {
			/* QEMU opens the memfd by its /proc path: a file backend it can share with us */
			snprintf(object, sizeof object, "memory-backend-file,id=uspec-shm,size=%d,share=on,mem-path=/proc/self/fd/%d", USPEC_SHM_SIZE, shmfd);
			qargv[n++] = "-object";
			qargv[n++] = object;
			qargv[n++] = "-device";
			qargv[n++] = "ivshmem-plain,memdev=uspec-shm";
		} else {
			relay_say("no shared-memory channel: %s; the serial channel carries the frames", why);
			b.host_note = why;
		}
	}
	pid = start_qemu(qargv, &b.qin, &b.qout);
	failed = bridge_run(&b);
	if (failed)
		kill(pid, SIGKILL); /* the relay cannot go on: neither can the guest */
	close(b.qin);
	close(b.qout);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			relay_say("waitpid failed: %s", strerror(errno));
			return 2;
		}
	if (failed)
		return 2;
	if (WIFSIGNALED(status)) {
		/* die the way QEMU did, so the harness names the signal as it would without the relay */
		signal(WTERMSIG(status), SIG_DFL);
		kill(getpid(), WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
