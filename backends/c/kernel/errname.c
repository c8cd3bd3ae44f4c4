/*
 * errname.c - errno names; see errname.h. A table, not strerrorname_np: that is glibc >= 2.32
 * only, and the adapter must build with any libc.
 */
#include "errname.h"

#include <errno.h>

static const struct {
	int no;
	const char *name;
} names[] = {
	{ EPERM, "EPERM" },   { ENOENT, "ENOENT" },	{ EINTR, "EINTR" },   { EIO, "EIO" },
	{ ENXIO, "ENXIO" },   { EBADF, "EBADF" },	{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" },	{ EBUSY, "EBUSY" },   { EEXIST, "EEXIST" },
	{ ENODEV, "ENODEV" }, { EINVAL, "EINVAL" },	{ EMFILE, "EMFILE" }, { ENFILE, "ENFILE" },
	{ ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" },	{ EOVERFLOW, "EOVERFLOW" },
	{ EBADFD, "EBADFD" }, { EOPNOTSUPP, "EOPNOTSUPP" }, { ETIME, "ETIME" },
	{ ECANCELED, "ECANCELED" }, { EOWNERDEAD, "EOWNERDEAD" },
};

const char *ku_errname(int err)
{
	if (err < 0)
		err = -err;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].no == err)
			return names[i].name;
	return "errno";
}
