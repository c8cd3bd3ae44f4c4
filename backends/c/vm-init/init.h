/* init.h - what the parts of the guest's /init share: console lines and the power off. */
#ifndef URING_SPEC_VM_INIT_H
#define URING_SPEC_VM_INIT_H

#include <stddef.h>
#include <stdint.h>

/* One line on the console (stderr), newline added. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Syncs and powers the guest off; never returns. */
void power_off(void) __attribute__((noreturn));

/*
 * Maps the ivshmem-plain region the host relay offers; NULL when there is none or it cannot be
 * used, with the reason in why (the guest then falls back to the serial channel).
 */
volatile uint8_t *ivshmem_map(char *why, size_t whylen);

/*
 * Serves the exec protocol over the shared region: the adapter's hello from `from_adapter` onto
 * `tty`, then one request per doorbell. Returns when the harness ended the session (u32 0, after
 * closing `to_adapter`), the adapter stopped answering (its stdout ended), or ttyS1 failed.
 */
void shm_serve(int tty, volatile uint8_t *shm, int to_adapter, int from_adapter);

#endif
