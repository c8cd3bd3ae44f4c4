/*
 * init.c - /init of the vm backend's initramfs (backends/vm/): PID 1 inside the guest.
 *
 * It mounts what the kernel adapter needs (devtmpfs for /dev/ttyS1, proc, sysfs, a tmpfs for the
 * scratch file) and turns the second 16550 (ttyS1) into a raw 8-bit channel. When the host relay
 * offers its ivshmem-plain region (ivshmem.c), the frames cross there and init relays them to the
 * adapter's pipes (shm-serve.c), ttyS1 carrying only the hello and the doorbells
 * (../vm-channel/channel.h); otherwise ttyS1 itself is the adapter's stdin and stdout, so the
 * host's QEMU stdio chardev is an ordinary exec-protocol pipe. Either way the first line on ttyS1
 * names the channel. The console (ttyS0) keeps stderr: the adapter's diagnostics land in the
 * console log next to the kernel's own messages. When the adapter exits, init says so on the
 * console and powers off: PID 1 must never return (the kernel would panic), and a powered-off guest
 * ends QEMU (-no-reboot).
 *
 * Every failure is one line on the console starting "uring-spec vm-init:" followed by a power
 * off; the host quotes the console tail, so the line is what the user sees.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "../vm-channel/channel.h"
#include "init.h"

#define CHANNEL "/dev/ttyS1"
#define ADAPTER "/adapter"
/* The host waits for this line (console.ts) to know every kernel message before it was logged. */
#define DONE_MARK "uring-spec vm-init: adapter exited"

void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	/* stderr is the console; ignore failures: there is nowhere else to report them */
	if (write(2, line, (size_t)n) < 0)
		return;
}

void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	/* reboot only returns on failure; PID 1 must not exit, so wait for the host's timeout */
	say("uring-spec vm-init: power off failed (%s)", strerror(errno));
	for (;;)
		pause();
}

static void must_mount(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY) {
		say("uring-spec vm-init: mounting %s on %s failed (%s)", type, dir, strerror(errno));
		power_off();
	}
}

/*
 * QEMU hands the guest only as many bytes as the receive FIFO's trigger level before it waits for
 * the guest to read them, so the channel's speed is one interrupt per trigger level: 14 beats the
 * driver's default 8. Best effort: an old kernel without the attribute just runs slower.
 */
static void raise_rx_trigger(void)
{
	int fd = open("/sys/class/tty/ttyS1/rx_trig_bytes", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, "14", 2) != 2)
		say("uring-spec vm-init: note: rx_trig_bytes not raised (%s); the channel runs slower", strerror(errno));
	close(fd);
}

/* The protocol channel: raw 8-bit, no echo, no flow control, fastest divisor of a 16550. */
static int open_channel(void)
{
	struct termios t;
	int fd = open(CHANNEL, O_RDWR | O_NOCTTY);

	if (fd < 0) {
		say("uring-spec vm-init: cannot open %s (%s); is the kernel's 8250 serial driver built in?", CHANNEL, strerror(errno));
		power_off();
	}
	if (tcgetattr(fd, &t)) {
		say("uring-spec vm-init: %s is not a terminal (%s)", CHANNEL, strerror(errno));
		power_off();
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cflag &= ~CRTSCTS;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	/* QEMU's 16550 times its receive-FIFO interrupt by the baud rate: the highest is the quickest */
	cfsetispeed(&t, B115200);
	cfsetospeed(&t, B115200);
	if (tcsetattr(fd, TCSANOW, &t)) {
		say("uring-spec vm-init: cannot set %s to raw mode (%s)", CHANNEL, strerror(errno));
		power_off();
	}
	raise_rx_trigger();
	return fd;
}

/* The first line on ttyS1: which channel the frames take (the host relay reads it). */
static void announce(int tty, const char *channel, const char *why)
{
	char line[512];
	int n = snprintf(line, sizeof line, USPEC_CHANNEL_LINE "%s%s%s%s\n", channel, why ? " (" : "", why ? why : "", why ? ")" : "");

	if (n < 0 || n >= (int)sizeof line || write(tty, line, (size_t)n) != n) {
		say("uring-spec vm-init: cannot write to %s (%s)", CHANNEL, strerror(errno));
		power_off();
	}
}

/* Starts the adapter with stdin and stdout on in and out (both closed here). */
static pid_t start_adapter(int in, int out)
{
	char *adapter_argv[] = { ADAPTER, NULL };
	pid_t pid = fork();

	if (pid < 0) {
		say("uring-spec vm-init: fork failed (%s)", strerror(errno));
		power_off();
	}
	if (pid == 0) {
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0) {
			say("uring-spec vm-init: dup2 for the adapter failed (%s)", strerror(errno));
			_exit(127);
		}
		if (in > 1)
			close(in);
		if (out > 1 && out != in)
			close(out);
		signal(SIGPIPE, SIG_DFL); /* the adapter gets the default init ignores */
		execv(ADAPTER, adapter_argv);
		say("uring-spec vm-init: cannot run %s (%s)", ADAPTER, strerror(errno));
		_exit(127);
	}
	return pid;
}

/* The adapter on pipes, init relaying its frames through the shared region. */
static pid_t run_on_shm(int tty, volatile uint8_t *shm)
{
	int to[2], from[2];
	pid_t pid;

	if (pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC)) {
		say("uring-spec vm-init: pipe failed (%s)", strerror(errno));
		power_off();
	}
	pid = start_adapter(to[0], from[1]);
	close(to[0]);
	close(from[1]);
	shm_serve(tty, shm, to[1], from[0]);
	close(from[0]);
	return pid;
}

int main(int argc, char **argv)
{
	char why[256];
	volatile uint8_t *shm;
	int fd, status;
	pid_t pid;

	(void)argc;
	(void)argv;
	/* the initramfs carries /dev/console, so fds 0-2 are the console when there is one */
	if (fcntl(2, F_GETFD) < 0) {
		fd = open("/dev/console", O_RDWR | O_NOCTTY);
		if (fd >= 0 && fd != 2)
			dup2(fd, 2);
	}
	/* a write to the pipe of an adapter that died is an error to handle, not a signal */
	signal(SIGPIPE, SIG_IGN);
	must_mount("devtmpfs", "/dev", "devtmpfs");
	must_mount("proc", "/proc", "proc");
	must_mount("sysfs", "/sys", "sysfs");
	must_mount("tmpfs", "/tmp", "tmpfs");
	fd = open_channel();
	shm = ivshmem_map(why, sizeof why);
	if (shm) {
		announce(fd, USPEC_CHANNEL_SHM, NULL);
		/* ttyS1 is init's alone now: the adapter talks to pipes */
		if (fd > 2)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
		pid = run_on_shm(fd, shm);
	} else {
		announce(fd, USPEC_CHANNEL_SERIAL, why);
		pid = start_adapter(fd, fd);
	}
	if (fd > 2)
		close(fd);
	/* PID 1 also reaps orphans: wait for the adapter itself, not just any child */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			say("uring-spec vm-init: waitpid failed (%s)", strerror(errno));
			power_off();
		}
	if (WIFEXITED(status))
		say(DONE_MARK " with status %d", WEXITSTATUS(status));
	else
		say(DONE_MARK " on signal %d", WTERMSIG(status));
	power_off();
	return 0;
}
