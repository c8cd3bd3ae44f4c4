/**
 * The io_uring_register constants ring-lifecycle@6.18 speaks of, by their kernel names
 * (include/uapi/linux/io_uring.h and io_uring/rsrc.h as of Linux 6.18).
 */

/** enum io_uring_register_op: the opcodes this spec describes. */
export const IORING_REGISTER_BUFFERS = 0;
export const IORING_UNREGISTER_BUFFERS = 1;
export const IORING_REGISTER_FILES = 2;
export const IORING_UNREGISTER_FILES = 3;
export const IORING_REGISTER_FILES_UPDATE = 6;
export const IORING_REGISTER_PERSONALITY = 9;
export const IORING_UNREGISTER_PERSONALITY = 10;
export const IORING_REGISTER_FILES2 = 13;
export const IORING_REGISTER_FILES_UPDATE2 = 14;
export const IORING_REGISTER_BUFFERS2 = 15;
export const IORING_REGISTER_BUFFERS_UPDATE = 16;

/** The register opcodes of this spec, by name (reports and generators use the names). */
export const REGISTER_OPCODE_NAMES: Readonly<Record<number, string>> = {
  [IORING_REGISTER_BUFFERS]: 'REGISTER_BUFFERS',
  [IORING_UNREGISTER_BUFFERS]: 'UNREGISTER_BUFFERS',
  [IORING_REGISTER_FILES]: 'REGISTER_FILES',
  [IORING_UNREGISTER_FILES]: 'UNREGISTER_FILES',
  [IORING_REGISTER_FILES_UPDATE]: 'REGISTER_FILES_UPDATE',
  [IORING_REGISTER_PERSONALITY]: 'REGISTER_PERSONALITY',
  [IORING_UNREGISTER_PERSONALITY]: 'UNREGISTER_PERSONALITY',
  [IORING_REGISTER_FILES2]: 'REGISTER_FILES2',
  [IORING_REGISTER_FILES_UPDATE2]: 'REGISTER_FILES_UPDATE2',
  [IORING_REGISTER_BUFFERS2]: 'REGISTER_BUFFERS2',
  [IORING_REGISTER_BUFFERS_UPDATE]: 'REGISTER_BUFFERS_UPDATE',
};

/** io_uring_rsrc_register.flags: a table of empty slots (data must then be NULL). */
export const IORING_RSRC_REGISTER_SPARSE = 1 << 0;
/** An fd of FILES_UPDATE(2) that leaves its slot as it is. */
export const IORING_REGISTER_FILES_SKIP = -2;
/** An fd that names an empty slot (REGISTER_FILES) or empties one (FILES_UPDATE). */
export const FILE_SLOT_EMPTY = -1;
/** IORING_MAX_FIXED_FILES (io_uring/rsrc.h): a larger file table is refused with -EMFILE. */
export const IORING_MAX_FIXED_FILES = 1 << 20;

/**
 * sizeof(struct io_uring_rsrc_register) and sizeof(struct io_uring_rsrc_update2): what
 * REGISTER_FILES2 / BUFFERS2 / FILES_UPDATE2 / BUFFERS_UPDATE want in nr_args ("keep it
 * extendible").
 */
export const RSRC_REGISTER_SIZE = 32;
export const RSRC_UPDATE2_SIZE = 32;

/** Personality ids are handed out cyclically from 1 (xa_alloc_cyclic, XA_FLAGS_ALLOC1) up to USHRT_MAX. */
export const PERSONALITY_FIRST_ID = 1;
export const PERSONALITY_MAX_ID = 0xffff;
