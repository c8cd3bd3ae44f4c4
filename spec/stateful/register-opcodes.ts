/**
 * The io_uring_register opcodes by name (include/uapi/linux/io_uring.h, enum io_uring_register_op,
 * Linux 6.18), for reports and C snippets of sequences: a step carries the number, people read
 * the name. The opcodes ring-lifecycle@6.18 uses take their numbers from here, and its
 * known-answer sequences confirm them on the live kernel.
 */
export const IORING_REGISTER_OPCODES: Readonly<Record<number, string>> = {
  0: 'IORING_REGISTER_BUFFERS',
  1: 'IORING_UNREGISTER_BUFFERS',
  2: 'IORING_REGISTER_FILES',
  3: 'IORING_UNREGISTER_FILES',
  4: 'IORING_REGISTER_EVENTFD',
  5: 'IORING_UNREGISTER_EVENTFD',
  6: 'IORING_REGISTER_FILES_UPDATE',
  7: 'IORING_REGISTER_EVENTFD_ASYNC',
  8: 'IORING_REGISTER_PROBE',
  9: 'IORING_REGISTER_PERSONALITY',
  10: 'IORING_UNREGISTER_PERSONALITY',
  11: 'IORING_REGISTER_RESTRICTIONS',
  12: 'IORING_REGISTER_ENABLE_RINGS',
  13: 'IORING_REGISTER_FILES2',
  14: 'IORING_REGISTER_FILES_UPDATE2',
  15: 'IORING_REGISTER_BUFFERS2',
  16: 'IORING_REGISTER_BUFFERS_UPDATE',
  17: 'IORING_REGISTER_IOWQ_AFF',
  18: 'IORING_UNREGISTER_IOWQ_AFF',
  19: 'IORING_REGISTER_IOWQ_MAX_WORKERS',
  20: 'IORING_REGISTER_RING_FDS',
  21: 'IORING_UNREGISTER_RING_FDS',
  22: 'IORING_REGISTER_PBUF_RING',
  23: 'IORING_UNREGISTER_PBUF_RING',
  24: 'IORING_REGISTER_SYNC_CANCEL',
  25: 'IORING_REGISTER_FILE_ALLOC_RANGE',
  26: 'IORING_REGISTER_PBUF_STATUS',
  27: 'IORING_REGISTER_NAPI',
  28: 'IORING_UNREGISTER_NAPI',
  29: 'IORING_REGISTER_CLOCK',
  30: 'IORING_REGISTER_CLONE_BUFFERS',
  31: 'IORING_REGISTER_SEND_MSG_RING',
  32: 'IORING_REGISTER_ZCRX_IFQ',
  33: 'IORING_REGISTER_RESIZE_RINGS',
  34: 'IORING_REGISTER_MEM_REGION',
};

/** The number of the opcode named `name` (a spec's constants take their values from this table). */
export function registerOpcode(name: string): number {
  const hit = Object.entries(IORING_REGISTER_OPCODES).find(([, n]) => n === name);
  if (!hit) throw new Error(`registerOpcode: no io_uring_register opcode is named ${name}`);
  return Number(hit[0]);
}

/** The opcode's name, or `IORING_REGISTER_<n>` for one this table does not know. */
export function registerOpcodeName(opcode: number): string {
  return IORING_REGISTER_OPCODES[opcode] ?? `IORING_REGISTER_${opcode}`;
}
