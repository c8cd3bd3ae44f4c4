/*
 * errname.h - errno names for human-readable reasons ("-EINVAL (22)"). Only the errnos
 * io_uring_setup / io_uring_register / mmap give; anything else prints as its number.
 */
#ifndef URING_SPEC_KERNEL_ERRNAME_H
#define URING_SPEC_KERNEL_ERRNAME_H

/* "EINVAL" for 22 (or -22); "errno" for an unknown value. */
const char *ku_errname(int err);

#endif
