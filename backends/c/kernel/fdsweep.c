/*
 * fdsweep.c - closes descriptors that cases created; see fdsweep.h.
 */
#include "fdsweep.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* Descriptors at or above this are not tracked in the baseline (and are swept). A process of
 * this adapter holds a handful. */
#define KU_FDSWEEP_MAX 4096

static unsigned char baseline[KU_FDSWEEP_MAX];
static int have_baseline;

/* Calls fn(fd) for every open descriptor but the directory stream's own. */
static int each_fd(void (*fn)(int))
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int self;

	if (!d)
		return -errno;
	self = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		char *end;
		long fd = strtol(e->d_name, &end, 10);
		if (e->d_name[0] < '0' || e->d_name[0] > '9' || *end || fd == self)
			continue;
		fn((int)fd);
	}
	closedir(d);
	return 0;
}

static void remember(int fd)
{
	if (fd < KU_FDSWEEP_MAX)
		baseline[fd] = 1;
}

static void close_unknown(int fd)
{
	if (fd >= KU_FDSWEEP_MAX || !baseline[fd])
		close(fd);
}

int ku_fdsweep_baseline(void)
{
	int err = each_fd(remember);

	have_baseline = err == 0;
	return err;
}

void ku_fdsweep_run(void)
{
	if (have_baseline)
		(void)each_fd(close_unknown);
}
