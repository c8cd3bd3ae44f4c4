/*
 * scratch.c - the scratch file at USPEC_SCRATCH_FD; see scratch.h.
 */
#include "scratch.h"

#include "uring_spec_kit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static dev_t scratch_dev;
static ino_t scratch_ino;

/* Byte i of the file: varies within every 256-byte run and between runs, so a read that lands
 * at the wrong offset is visible to anyone who looks. */
static unsigned char pattern(unsigned i)
{
	return (unsigned char)(i ^ (i >> 8) ^ 0x5a);
}

static int open_in(const char *dir)
{
	char path[4096];
	int fd;

	if (!dir || !*dir || snprintf(path, sizeof(path), "%s/uring-spec-scratch-XXXXXX", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	unlink(path);
	return fd;
}

static int fill(int fd)
{
	static unsigned char buf[KU_SCRATCH_SIZE];

	if (!buf[0]) /* not built yet: pattern(0) is 0x5a */
		for (unsigned i = 0; i < sizeof(buf); i++)
			buf[i] = pattern(i);
	errno = 0;
	return pwrite(fd, buf, sizeof(buf), 0) == (ssize_t)sizeof(buf) ? 0 : -1;
}

int ku_scratch_create(void)
{
	struct stat st;
	int fd = open_in(getenv("TMPDIR"));

	if (fd < 0)
		fd = open_in("/tmp");
	if (fd < 0)
		return fd;
	if (fill(fd) < 0 || (fd != USPEC_SCRATCH_FD && dup2(fd, USPEC_SCRATCH_FD) < 0)) {
		int err = errno ? -errno : -EIO;
		close(fd);
		return err;
	}
	if (fd != USPEC_SCRATCH_FD)
		close(fd);
	if (fstat(USPEC_SCRATCH_FD, &st) < 0)
		return -errno;
	scratch_dev = st.st_dev;
	scratch_ino = st.st_ino;
	return 0;
}

void ku_scratch_restore(unsigned what)
{
	struct stat st;

	if (what & KU_SCRATCH_ALL)
		what |= KU_SCRATCH_SIZE_BACK | KU_SCRATCH_POS_BACK;
	if (what & KU_SCRATCH_SIZE_BACK) {
		if (fstat(USPEC_SCRATCH_FD, &st) < 0 || st.st_dev != scratch_dev || st.st_ino != scratch_ino) {
			int err;
			if (!(what & KU_SCRATCH_ALL))
				return; /* only a case that may close descriptors gets to replace the file */
			err = ku_scratch_create();
			if (err)
				fprintf(stderr, "kernel-adapter: recreating the scratch file failed (%s)\n", strerror(-err));
			return;
		}
		if (st.st_size != KU_SCRATCH_SIZE && ftruncate(USPEC_SCRATCH_FD, KU_SCRATCH_SIZE) < 0)
			fprintf(stderr, "kernel-adapter: ftruncate of the scratch file failed (%s)\n", strerror(errno));
	}
	if (what & KU_SCRATCH_POS_BACK)
		lseek(USPEC_SCRATCH_FD, 0, SEEK_SET);
	if ((what & KU_SCRATCH_ALL) && fill(USPEC_SCRATCH_FD) < 0)
		fprintf(stderr, "kernel-adapter: rewriting the scratch file failed (%s)\n", strerror(errno ? errno : EIO));
}
