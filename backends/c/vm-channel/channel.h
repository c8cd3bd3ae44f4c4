/*
 * channel.h - the vm backend's shared-memory channel: the layout of the ivshmem-plain region that
 * the host relay (backends/c/vm-relay) and the guest's init (backends/c/vm-init) both map, and the
 * bytes they exchange on ttyS1 to say a request or a response is ready.
 *
 * Why: a 16550 moves a few hundred kilobytes a second under TCG (an interrupt round trip through
 * QEMU per receive-FIFO fill), and a case is 128 bytes in and 64 out. An ivshmem-plain PCI device
 * needs no guest driver (distribution kernels build PCI and sysfs in; the guest mmaps the BAR
 * through /sys/bus/pci/devices/.../resource2), so the case and outcome records cross as memory and
 * ttyS1 carries only the hello and one byte per direction per batch. Those bytes are the doorbells:
 * interrupt-driven on both sides, so neither side polls memory and an idle channel costs nothing.
 *
 * The records in the region are exactly the exec protocol's frames (docs/exec-protocol.md): the
 * host relay copies a request in as the harness sent it and the response out as the adapter wrote
 * it, so the harness sees the same bytes as over the serial channel. Only the relay knows the
 * frames' shapes (a batch of cases, uring-spec/2's sequence request): it tells the guest how long
 * the request is and how long a response it asks for, so init relays any frame without parsing it.
 *
 * test/fixtures/vm/fake-qemu.mjs reads the numbers below from this file: keep them plain #defines.
 */
#ifndef URING_SPEC_VM_CHANNEL_H
#define URING_SPEC_VM_CHANNEL_H

/* The region's size: a power of two (an ivshmem BAR is one), room for the largest frames. */
#define USPEC_SHM_SIZE 0x200000
/* 16 bytes at offset 0, written by the host relay before QEMU starts: this device is the harness's. */
#define USPEC_SHM_MAGIC "uring-spec shm/1"
#define USPEC_SHM_MAGIC_LEN 16
/*
 * The request frame as the harness sent it, REQUEST_LEN bytes of it; RESPONSE_WANT is the length
 * of the response it asks for (4 + 64 per case or step), 0 for `u32 0`, which ends the session.
 */
#define USPEC_SHM_REQUEST_LEN 0x800
#define USPEC_SHM_RESPONSE_WANT 0x804
#define USPEC_SHM_REQUEST 0x1000
#define USPEC_SHM_REQUEST_MAX 0x80004
/* The response: u32 at RESPONSE_LEN says how many bytes of the frame follow at RESPONSE (at most
 * RESPONSE_WANT; fewer when the adapter ended mid-response, as the serial channel would show). */
#define USPEC_SHM_RESPONSE_LEN 0x100000
#define USPEC_SHM_RESPONSE 0x100040
#define USPEC_SHM_RESPONSE_MAX 0x40004

/*
 * The request frames the relay knows (docs/exec-protocol.md, docs/stateful.md): u32 n, then n case
 * records; or u32 SEQUENCE, u32 n, a ring record, n step records. Each is answered by u32 n and n
 * outcome records.
 */
#define USPEC_CASE_RECORD 128
#define USPEC_SEQUENCE 0xffffffffu
#define USPEC_SEQUENCE_HEAD 72
#define USPEC_STEP_RECORD 256
#define USPEC_OUTCOME_RECORD 64

/* Doorbells on ttyS1 once the hello is through: host to guest, a request is in the region... */
#define USPEC_DOORBELL_REQUEST 'Q'
/* ...and guest to host, the response is. */
#define USPEC_DOORBELL_RESPONSE 'A'

/*
 * The guest's first line on ttyS1, before the adapter's hello: which channel it uses, and for the
 * serial one why (e.g. "uring-spec-vm channel: serial (no ivshmem-plain PCI device)"). The relay
 * consumes it and adds "vmChannel" to the hello.
 */
#define USPEC_CHANNEL_LINE "uring-spec-vm channel: "
#define USPEC_CHANNEL_SHM "ivshmem"
#define USPEC_CHANNEL_SERIAL "serial"

/* The PCI ids of QEMU's ivshmem devices (ivshmem-plain and ivshmem-doorbell share them). */
#define USPEC_IVSHMEM_VENDOR 0x1af4
#define USPEC_IVSHMEM_DEVICE 0x1110

#endif
