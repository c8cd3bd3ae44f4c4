/**
 * The io_uring_register constants ring-lifecycle@6.18 speaks of, by their kernel names
 * (include/uapi/linux/io_uring.h and io_uring/rsrc.h as of Linux 6.18).
 */
import { registerOpcode, registerOpcodeName } from '../stateful/register-opcodes.js';

/** enum io_uring_register_op: the opcodes this spec describes (numbers from the one table of them). */
export const IORING_REGISTER_BUFFERS = registerOpcode('IORING_REGISTER_BUFFERS');
export const IORING_UNREGISTER_BUFFERS = registerOpcode('IORING_UNREGISTER_BUFFERS');
export const IORING_REGISTER_FILES = registerOpcode('IORING_REGISTER_FILES');
export const IORING_UNREGISTER_FILES = registerOpcode('IORING_UNREGISTER_FILES');
export const IORING_REGISTER_FILES_UPDATE = registerOpcode('IORING_REGISTER_FILES_UPDATE');
export const IORING_REGISTER_PERSONALITY = registerOpcode('IORING_REGISTER_PERSONALITY');
export const IORING_UNREGISTER_PERSONALITY = registerOpcode('IORING_UNREGISTER_PERSONALITY');
export const IORING_REGISTER_FILES2 = registerOpcode('IORING_REGISTER_FILES2');
export const IORING_REGISTER_FILES_UPDATE2 = registerOpcode('IORING_REGISTER_FILES_UPDATE2');
export const IORING_REGISTER_BUFFERS2 = registerOpcode('IORING_REGISTER_BUFFERS2');
export const IORING_REGISTER_BUFFERS_UPDATE = registerOpcode('IORING_REGISTER_BUFFERS_UPDATE');

const DESCRIBED = [
  IORING_REGISTER_BUFFERS,
  IORING_UNREGISTER_BUFFERS,
  IORING_REGISTER_FILES,
  IORING_UNREGISTER_FILES,
  IORING_REGISTER_FILES_UPDATE,
  IORING_REGISTER_PERSONALITY,
  IORING_UNREGISTER_PERSONALITY,
  IORING_REGISTER_FILES2,
  IORING_REGISTER_FILES_UPDATE2,
  IORING_REGISTER_BUFFERS2,
  IORING_REGISTER_BUFFERS_UPDATE,
];

/** The register opcodes of this spec, by name without the IORING_ prefix (domain messages use them). */
export const REGISTER_OPCODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(DESCRIBED.map((op) => [op, registerOpcodeName(op).replace(/^IORING_/, '')]));

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
