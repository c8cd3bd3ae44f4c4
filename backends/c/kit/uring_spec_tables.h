/* Generated from the uring-spec tables by `npm run gen:c-header` (backends/c-header.ts). Do not edit. */
#ifndef URING_SPEC_TABLES_H
#define URING_SPEC_TABLES_H

/* struct io_uring_sqe: byte offset of each field (spec/sqe-layout.ts). */
#define USPEC_SQE_OFF_OPCODE 0u
#define USPEC_SQE_OFF_FLAGS 1u
#define USPEC_SQE_OFF_IOPRIO 2u
#define USPEC_SQE_OFF_FD 4u
#define USPEC_SQE_OFF_OFF 8u
#define USPEC_SQE_OFF_ADDR 16u
#define USPEC_SQE_OFF_LEN 24u
#define USPEC_SQE_OFF_OP_FLAGS 28u
#define USPEC_SQE_OFF_USER_DATA 32u
#define USPEC_SQE_OFF_BUF_INDEX 40u
#define USPEC_SQE_OFF_PERSONALITY 42u
#define USPEC_SQE_OFF_SPLICE_FD_IN 44u
#define USPEC_SQE_OFF_ADDR3 48u
#define USPEC_SQE_OFF_PAD2 56u

/* The case record (backends/exec/case-record.ts): the SQE at 0, then the ring context. */
#define USPEC_CASE_RECORD_SIZE 128u
#define USPEC_CASE_OFF_SETUP_FLAGS 64u /* 4 bytes */
#define USPEC_CASE_OFF_NR_BUFS 68u /* 4 bytes */
#define USPEC_CASE_OFF_BUF_SIZE 72u /* 4 bytes */
#define USPEC_CASE_OFF_NR_PERSONALITIES 76u /* 2 bytes */
#define USPEC_CASE_OFF_RESERVED1 78u /* 2 bytes */
#define USPEC_CASE_OFF_OPS 80u /* 32 bytes */
#define USPEC_CASE_OFF_RESERVED2 112u /* 16 bytes */

/* The outcome record (backends/exec/outcome-record.ts). */
#define USPEC_OUTCOME_RECORD_SIZE 64u
#define USPEC_OUTCOME_OFF_RES 0u
#define USPEC_OUTCOME_OFF_FLAGS 4u
#define USPEC_OUTCOME_OFF_OPF 8u
#define USPEC_OUTCOME_OFF_BUF1_LEN 12u
#define USPEC_OUTCOME_OFF_BUF1_ADDR 16u
#define USPEC_OUTCOME_OFF_BUF2_ADDR 24u
#define USPEC_OUTCOME_OFF_BUF2_LEN 32u
#define USPEC_OUTCOME_OFF_BUF_INDEX 36u

/* The sequence request's ring record and step record (backends/exec/step-record.ts, docs/stateful.md). */
#define USPEC_RING_OFF_SETUP_FLAGS 0u /* 4 bytes */
#define USPEC_RING_OFF_SQ_ENTRIES 4u /* 4 bytes */
#define USPEC_STEP_OFF_KIND 0u /* 4 bytes */
#define USPEC_STEP_OFF_OPCODE 4u /* 4 bytes */
#define USPEC_STEP_OFF_NR_ARGS 8u /* 4 bytes */
#define USPEC_STEP_OFF_ARG 12u /* 4 bytes */
#define USPEC_STEP_OFF_OFFSET 16u /* 4 bytes */
#define USPEC_STEP_OFF_FLAGS 20u /* 4 bytes */
#define USPEC_STEP_OFF_NR 24u /* 4 bytes */
#define USPEC_STEP_OFF_RESV 28u /* 4 bytes */
#define USPEC_STEP_OFF_RESV2 32u /* 8 bytes */
#define USPEC_STEP_OFF_TAGS 40u /* 4 bytes */
#define USPEC_STEP_OFF_NR_ENTRIES 44u /* 4 bytes */
#define USPEC_STEP_OFF_SQE 64u /* 64 bytes */
#define USPEC_STEP_OFF_ENTRIES 128u /* 128 bytes */

/* bpf@v1-base: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_IOPOLL_UNSUPPORTED EINVAL /* order 6: generic.iopoll.unsupported */
#define USPEC_RULE_BPF_V1_BASE_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_BPF_V1_BASE_BPF_SETUP_MISSING EACCES /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_V1_BASE_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

/* bpf@v1: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_V1_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_BPF_V1_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_BPF_V1_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_BPF_V1_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_BPF_V1_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_BPF_V1_GENERIC_IOPOLL_UNSUPPORTED EINVAL /* order 6: generic.iopoll.unsupported */
#define USPEC_RULE_BPF_V1_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_BPF_V1_BPF_SETUP_MISSING EACCES /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_V1_BPF_CUSTOM_FLAGS_SET EINVAL /* order 11: bpf.custom-flags.set */
#define USPEC_RULE_BPF_V1_BPF_BUF1_FIXED_EMPTY_TABLE EFAULT /* order 12: bpf.buf1.fixed.empty-table */
#define USPEC_RULE_BPF_V1_BPF_BUF1_FIXED_INDEX_OUT_OF_RANGE EINVAL /* order 12: bpf.buf1.fixed.index-out-of-range */
#define USPEC_RULE_BPF_V1_BPF_BUF1_TYPE_RESERVED EINVAL /* order 12: bpf.buf1.type.reserved */
#define USPEC_RULE_BPF_V1_BPF_BUF2_TYPE_FIXED EINVAL /* order 13: bpf.buf2.type.fixed */
#define USPEC_RULE_BPF_V1_BPF_BUF2_TYPE_RESERVED EINVAL /* order 13: bpf.buf2.type.reserved */
#define USPEC_RULE_BPF_V1_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

/* bpf@v2: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_V2_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_BPF_V2_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_BPF_V2_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_BPF_V2_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_BPF_V2_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_BPF_V2_GENERIC_IOPOLL_UNSUPPORTED EINVAL /* order 6: generic.iopoll.unsupported */
#define USPEC_RULE_BPF_V2_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_BPF_V2_BPF_SETUP_MISSING EOPNOTSUPP /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_V2_BPF_OP_OUT_OF_RANGE EINVAL /* order 11: bpf.op.out-of-range */
#define USPEC_RULE_BPF_V2_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

/* bpf@v3: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_V3_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_BPF_V3_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_BPF_V3_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_BPF_V3_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_BPF_V3_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_BPF_V3_GENERIC_IOPOLL_UNSUPPORTED EINVAL /* order 6: generic.iopoll.unsupported */
#define USPEC_RULE_BPF_V3_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_BPF_V3_BPF_SETUP_MISSING EOPNOTSUPP /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_V3_BPF_OP_OUT_OF_RANGE EINVAL /* order 11: bpf.op.out-of-range */
#define USPEC_RULE_BPF_V3_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

/* nop@6.18: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_NOP_6_18_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_NOP_6_18_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_NOP_6_18_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_NOP_6_18_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_NOP_6_18_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_NOP_6_18_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_NOP_6_18_NOP_FLAGS_UNDEFINED EINVAL /* order 10: nop.flags.undefined */
#define USPEC_RULE_NOP_6_18_NOP_CQE32_RING EINVAL /* order 11: nop.cqe32.ring */
#define USPEC_RULE_NOP_6_18_NOP_FILE_FIXED_NO_TABLE EBADF /* order 12: nop.file.fixed-no-table */
#define USPEC_RULE_NOP_6_18_NOP_FILE_NOT_OPEN EBADF /* order 12: nop.file.not-open */
#define USPEC_RULE_NOP_6_18_NOP_FIXED_BUFFER_EMPTY_TABLE EFAULT /* order 13: nop.fixed-buffer.empty-table */
#define USPEC_RULE_NOP_6_18_NOP_FIXED_BUFFER_INDEX_OUT_OF_RANGE EFAULT /* order 13: nop.fixed-buffer.index-out-of-range */

/* nop@7.2: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_NOP_7_2_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_NOP_7_2_GENERIC_SQE128_REQUIRED EINVAL /* order 1: generic.sqe128.required */
#define USPEC_RULE_NOP_7_2_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_NOP_7_2_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_NOP_7_2_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_NOP_7_2_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_NOP_7_2_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_NOP_7_2_NOP_FLAGS_UNDEFINED EINVAL /* order 10: nop.flags.undefined */
#define USPEC_RULE_NOP_7_2_NOP_CQE32_RING EINVAL /* order 11: nop.cqe32.ring */
#define USPEC_RULE_NOP_7_2_NOP_FILE_FIXED_NO_TABLE EBADF /* order 12: nop.file.fixed-no-table */
#define USPEC_RULE_NOP_7_2_NOP_FILE_NOT_OPEN EBADF /* order 12: nop.file.not-open */
#define USPEC_RULE_NOP_7_2_NOP_FIXED_BUFFER_EMPTY_TABLE EFAULT /* order 13: nop.fixed-buffer.empty-table */
#define USPEC_RULE_NOP_7_2_NOP_FIXED_BUFFER_INDEX_OUT_OF_RANGE EFAULT /* order 13: nop.fixed-buffer.index-out-of-range */

/* fixed-buf@6.15: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_FIXED_BUF_6_15_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_FIXED_BUF_6_15_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_FIXED_BUF_6_15_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_FIXED_BUF_6_15_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_FIXED_BUF_6_15_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_FIXED_BUF_6_15_RW_IOPRIO_INVALID EINVAL /* order 10: rw.ioprio.invalid */
#define USPEC_RULE_FIXED_BUF_6_15_RW_ATTR_UNSUPPORTED EINVAL /* order 11: rw.attr.unsupported */
#define USPEC_RULE_FIXED_BUF_6_15_RW_IMPORT_BAD_ADDRESS EFAULT /* order 12: rw.import.bad-address */
#define USPEC_RULE_FIXED_BUF_6_15_RW_FILE_FIXED_NO_TABLE EBADF /* order 13: rw.file.fixed-no-table */
#define USPEC_RULE_FIXED_BUF_6_15_RW_FILE_NOT_OPEN EBADF /* order 13: rw.file.not-open */
#define USPEC_RULE_FIXED_BUF_6_15_RW_READ_BUFFER_SELECT_NO_BUFFERS ENOBUFS /* order 14: rw.read.buffer-select.no-buffers */
#define USPEC_RULE_FIXED_BUF_6_15_FIXED_IMPORT_EMPTY_TABLE EFAULT /* order 14: fixed.import.empty-table */
#define USPEC_RULE_FIXED_BUF_6_15_FIXED_IMPORT_INDEX_OUT_OF_RANGE EFAULT /* order 14: fixed.import.index-out-of-range */
#define USPEC_RULE_FIXED_BUF_6_15_FIXED_IMPORT_OUTSIDE_BUFFER EFAULT /* order 14: fixed.import.outside-buffer */
#define USPEC_RULE_FIXED_BUF_6_15_RW_FLAGS_UNKNOWN EOPNOTSUPP /* order 15: rw.flags.unknown */
#define USPEC_RULE_FIXED_BUF_6_15_RW_IOPOLL_BUFFERED_FILE EOPNOTSUPP /* order 16: rw.iopoll.buffered-file */
#define USPEC_RULE_FIXED_BUF_6_15_RW_FLAGS_HIPRI_NO_IOPOLL EINVAL /* order 17: rw.flags.hipri-no-iopoll */

/* fixed-buf@7.2: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_FIXED_BUF_7_2_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_FIXED_BUF_7_2_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_FIXED_BUF_7_2_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_FIXED_BUF_7_2_GENERIC_DRAIN_SKIP_SUCCESS EOPNOTSUPP /* order 4: generic.drain.skip-success */
#define USPEC_RULE_FIXED_BUF_7_2_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_FIXED_BUF_7_2_RW_IOPRIO_INVALID EINVAL /* order 10: rw.ioprio.invalid */
#define USPEC_RULE_FIXED_BUF_7_2_RW_ATTR_UNSUPPORTED EINVAL /* order 11: rw.attr.unsupported */
#define USPEC_RULE_FIXED_BUF_7_2_RW_IMPORT_BAD_ADDRESS EFAULT /* order 12: rw.import.bad-address */
#define USPEC_RULE_FIXED_BUF_7_2_RW_FILE_FIXED_NO_TABLE EBADF /* order 13: rw.file.fixed-no-table */
#define USPEC_RULE_FIXED_BUF_7_2_RW_FILE_NOT_OPEN EBADF /* order 13: rw.file.not-open */
#define USPEC_RULE_FIXED_BUF_7_2_RW_READ_BUFFER_SELECT_NO_BUFFERS ENOBUFS /* order 14: rw.read.buffer-select.no-buffers */
#define USPEC_RULE_FIXED_BUF_7_2_FIXED_IMPORT_EMPTY_TABLE EFAULT /* order 14: fixed.import.empty-table */
#define USPEC_RULE_FIXED_BUF_7_2_FIXED_IMPORT_INDEX_OUT_OF_RANGE EFAULT /* order 14: fixed.import.index-out-of-range */
#define USPEC_RULE_FIXED_BUF_7_2_FIXED_IMPORT_OUTSIDE_BUFFER EFAULT /* order 14: fixed.import.outside-buffer */
#define USPEC_RULE_FIXED_BUF_7_2_RW_FLAGS_UNKNOWN EOPNOTSUPP /* order 15: rw.flags.unknown */
#define USPEC_RULE_FIXED_BUF_7_2_RW_IOPOLL_BUFFERED_FILE EOPNOTSUPP /* order 16: rw.iopoll.buffered-file */
#define USPEC_RULE_FIXED_BUF_7_2_RW_FLAGS_HIPRI_NO_IOPOLL EINVAL /* order 17: rw.flags.hipri-no-iopoll */

/* ring-lifecycle@6.18: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_RING_LIFECYCLE_6_18_GENERIC_OPCODE_INVALID EINVAL /* order 1: generic.opcode.invalid */
#define USPEC_RULE_RING_LIFECYCLE_6_18_GENERIC_FLAGS_UNDEFINED EINVAL /* order 2: generic.flags.undefined */
#define USPEC_RULE_RING_LIFECYCLE_6_18_GENERIC_BUFFER_SELECT_UNSUPPORTED EOPNOTSUPP /* order 3: generic.buffer-select.unsupported */
#define USPEC_RULE_RING_LIFECYCLE_6_18_GENERIC_IOPRIO_UNSUPPORTED EINVAL /* order 5: generic.ioprio.unsupported */
#define USPEC_RULE_RING_LIFECYCLE_6_18_GENERIC_PERSONALITY_UNREGISTERED EINVAL /* order 7: generic.personality.unregistered */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_SIZE EINVAL /* order 10: rsrc-register.size */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_FAULT EFAULT /* order 11: rsrc-register.fault */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_NR_ZERO EINVAL /* order 12: rsrc-register.nr-zero */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_RESV2 EINVAL /* order 12: rsrc-register.resv2 */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_FLAGS EINVAL /* order 13: rsrc-register.flags */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_REGISTER_SPARSE_WITH_DATA EINVAL /* order 14: rsrc-register.sparse-with-data */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_NULL_ARG EFAULT /* order 15: buffers.register.null-arg */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_BUSY EBUSY /* order 16: buffers.register.busy */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_NR_INVALID EINVAL /* order 17: buffers.register.nr-invalid */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_NULL_WITH_LEN EFAULT /* order 18: buffers.register.null-with-len */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_ZERO_LEN EFAULT /* order 18: buffers.register.zero-len */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_UNMAPPED EFAULT /* order 18: buffers.register.unmapped */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_REGISTER_TAG_WITHOUT_BUFFER EINVAL /* order 19: buffers.register.tag-without-buffer */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UNREGISTER_ARGS EINVAL /* order 21: buffers.unregister.args */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UNREGISTER_NO_TABLE ENXIO /* order 22: buffers.unregister.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_NULL_ARG EFAULT /* order 24: files.register.null-arg */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_BUSY EBUSY /* order 25: files.register.busy */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_NR_ZERO EINVAL /* order 26: files.register.nr-zero */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_TOO_MANY EMFILE /* order 27: files.register.too-many */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_TAG_WITHOUT_FILE EINVAL /* order 28: files.register.tag-without-file */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_FD_NOT_OPEN EBADF /* order 28: files.register.fd-not-open */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_REGISTER_FD_IO_URING EBADF /* order 28: files.register.fd-io-uring */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UNREGISTER_ARGS EINVAL /* order 30: files.unregister.args */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UNREGISTER_NO_TABLE ENXIO /* order 31: files.unregister.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_SIZE EINVAL /* order 33: rsrc-update.size */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_NR_ARGS_ZERO EINVAL /* order 33: rsrc-update.nr-args-zero */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_FAULT EFAULT /* order 34: rsrc-update.fault */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_NR_ZERO EINVAL /* order 35: rsrc-update.nr-zero */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_RESV EINVAL /* order 35: rsrc-update.resv */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RSRC_UPDATE_OVERFLOW EOVERFLOW /* order 36: rsrc-update.overflow */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_NO_TABLE ENXIO /* order 37: buffers.update.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_OUT_OF_RANGE EINVAL /* order 38: buffers.update.out-of-range */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_DATA_FAULT EFAULT /* order 39: buffers.update.data-fault */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_NULL_WITH_LEN EFAULT /* order 39: buffers.update.null-with-len */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_ZERO_LEN EFAULT /* order 39: buffers.update.zero-len */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_UNMAPPED EFAULT /* order 39: buffers.update.unmapped */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFERS_UPDATE_TAG_WITHOUT_BUFFER EINVAL /* order 40: buffers.update.tag-without-buffer */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_NO_TABLE ENXIO /* order 42: files.update.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_OUT_OF_RANGE EINVAL /* order 43: files.update.out-of-range */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_DATA_FAULT EFAULT /* order 44: files.update.data-fault */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_TAG_WITHOUT_FILE EINVAL /* order 44: files.update.tag-without-file */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_FD_NOT_OPEN EBADF /* order 45: files.update.fd-not-open */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILES_UPDATE_FD_IO_URING EBADF /* order 45: files.update.fd-io-uring */
#define USPEC_RULE_RING_LIFECYCLE_6_18_PERSONALITY_REGISTER_ARGS EINVAL /* order 47: personality.register.args */
#define USPEC_RULE_RING_LIFECYCLE_6_18_PERSONALITY_UNREGISTER_ARG EINVAL /* order 49: personality.unregister.arg */
#define USPEC_RULE_RING_LIFECYCLE_6_18_PERSONALITY_UNREGISTER_UNKNOWN EINVAL /* order 50: personality.unregister.unknown */
#define USPEC_RULE_RING_LIFECYCLE_6_18_NOP_FLAGS_UNDEFINED EINVAL /* order 60: nop.flags.undefined */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILE_FIXED_NO_TABLE EBADF /* order 61: file.fixed.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILE_FIXED_INDEX_OUT_OF_RANGE EBADF /* order 61: file.fixed.index-out-of-range */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILE_FIXED_EMPTY_SLOT EBADF /* order 61: file.fixed.empty-slot */
#define USPEC_RULE_RING_LIFECYCLE_6_18_FILE_NOT_OPEN EBADF /* order 61: file.not-open */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFER_FIXED_NO_TABLE EFAULT /* order 62: buffer.fixed.no-table */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFER_FIXED_INDEX_OUT_OF_RANGE EFAULT /* order 62: buffer.fixed.index-out-of-range */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFER_FIXED_EMPTY_SLOT EFAULT /* order 62: buffer.fixed.empty-slot */
#define USPEC_RULE_RING_LIFECYCLE_6_18_BUFFER_FIXED_OUTSIDE EFAULT /* order 63: buffer.fixed.outside */
#define USPEC_RULE_RING_LIFECYCLE_6_18_RW_IOPOLL_BUFFERED_FILE EOPNOTSUPP /* order 64: rw.iopoll.buffered-file */

/* bpf-ops@v2: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_ID_OUT_OF_RANGE EINVAL /* order 1: bpf.reg-unreg.id.out-of-range */
#define USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_RING_FD_BAD EBADF /* order 2: bpf.reg-unreg.ring-fd.bad */
#define USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_RING_FD_NOT_IO_URING EOPNOTSUPP /* order 2: bpf.reg-unreg.ring-fd.not-io-uring */
#define USPEC_RULE_BPF_OPS_V2_BPF_REG_UNREG_SETUP_MISSING EINVAL /* order 3: bpf.reg-unreg.setup.missing */
#define USPEC_RULE_BPF_OPS_V2_BPF_REG_SLOT_BUSY EBUSY /* order 4: bpf.reg.slot.busy */
#define USPEC_RULE_BPF_OPS_V2_BPF_UNREG_SLOT_EMPTY EINVAL /* order 4: bpf.unreg.slot.empty */
#define USPEC_RULE_BPF_OPS_V2_BPF_SETUP_MISSING EOPNOTSUPP /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_OPS_V2_BPF_OP_OUT_OF_RANGE EINVAL /* order 11: bpf.op.out-of-range */
#define USPEC_RULE_BPF_OPS_V2_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

/* bpf-ops@v3: each failure rule's errno (positive; return -MACRO), in check order. */
#define USPEC_RULE_BPF_OPS_V3_BPF_REG_UNREG_ID_OUT_OF_RANGE EINVAL /* order 1: bpf.reg-unreg.id.out-of-range */
#define USPEC_RULE_BPF_OPS_V3_BPF_REG_UNREG_RING_FD_BAD EBADF /* order 2: bpf.reg-unreg.ring-fd.bad */
#define USPEC_RULE_BPF_OPS_V3_BPF_REG_UNREG_RING_FD_NOT_IO_URING EOPNOTSUPP /* order 2: bpf.reg-unreg.ring-fd.not-io-uring */
#define USPEC_RULE_BPF_OPS_V3_BPF_REG_UNREG_SETUP_MISSING EINVAL /* order 3: bpf.reg-unreg.setup.missing */
#define USPEC_RULE_BPF_OPS_V3_BPF_REG_SLOT_BUSY EBUSY /* order 4: bpf.reg.slot.busy */
#define USPEC_RULE_BPF_OPS_V3_BPF_UNREG_SLOT_EMPTY EINVAL /* order 4: bpf.unreg.slot.empty */
#define USPEC_RULE_BPF_OPS_V3_BPF_SETUP_MISSING EOPNOTSUPP /* order 10: bpf.setup.missing */
#define USPEC_RULE_BPF_OPS_V3_BPF_OP_OUT_OF_RANGE EINVAL /* order 11: bpf.op.out-of-range */
#define USPEC_RULE_BPF_OPS_V3_BPF_OP_UNREGISTERED EOPNOTSUPP /* order 14: bpf.op.unregistered */

#endif
