/**
 * A stateful failure's whole sequence as C (liburing for the ring and submissions, the raw
 * io_uring_register syscall for each register step with its argument built as the exec adapters
 * build it, docs/stateful.md), with each step's expected and actual result in a comment, ready to
 * paste into a kernel selftest or a liburing test.
 */
import { FD_OTHER_RING, FD_SCRATCH, FD_SELF, ENTRY_ARRAY_LEN, IOV_BAD, IOV_BAD_ADDR, IOV_NULL, SEQUENCE_BUFFERS, type Step, type StepSequence } from '../spec/stateful/step.js';
import { registerOpcodeName } from '../spec/stateful/register-opcodes.js';
import { sqeAssignments } from './c-snippet.js';
import { IOVEC_REGISTER_OPCODES, stepWords } from './step-words.js';

/** A step's result as the comment shows it. */
export interface StepResultText {
  expected: string;
  actual: string;
}

function fdExpr(v: number): string {
  const s32 = v | 0;
  if (s32 === FD_SELF) return 'ring_fd';
  if (s32 === FD_OTHER_RING) return 'other_ring_fd';
  if (s32 === FD_SCRATCH) return 'scratch_fd';
  return String(s32);
}

function iovBase(v: number): string {
  if (v === IOV_NULL) return 'NULL';
  if (v >>> 0 === IOV_BAD) return `(void *)0x${IOV_BAD_ADDR.toString(16)}ULL`;
  return `BUF(${v - 1})`;
}

/** The statements of a register step, in a block of their own. */
function registerStep(s: Extract<Step, { kind: 'register' }>): string[] {
  const out: string[] = [];
  const iov = IOVEC_REGISTER_OPCODES.includes(s.opcode);
  const hasData = s.entries.length > 0;
  if (hasData) {
    if (iov) {
      out.push(`static struct iovec data[${ENTRY_ARRAY_LEN}];`, 'memset(data, 0, sizeof(data));');
      s.entries.forEach((e, i) => out.push(`data[${i}] = (struct iovec){ .iov_base = ${iovBase(e.value)}, .iov_len = ${e.len} };`));
    } else {
      out.push(`static int data[${ENTRY_ARRAY_LEN}];`, `for (int i = 0; i < ${ENTRY_ARRAY_LEN}; i++) data[i] = -1;`);
      s.entries.forEach((e, i) => out.push(`data[${i}] = ${fdExpr(e.value)};`));
    }
  }
  if (s.tags) {
    out.push(`static __u64 tags[${ENTRY_ARRAY_LEN}];`, 'memset(tags, 0, sizeof(tags));');
    s.entries.forEach((e, i) => out.push(`tags[${i}] = ${e.tag}ULL;`));
  }
  const data = hasData ? '(__u64)(uintptr_t)data' : '0';
  const tags = s.tags ? '(__u64)(uintptr_t)tags' : '0';
  let arg = 'NULL';
  if (s.arg === 'iovecs' || s.arg === 'fds') arg = hasData ? 'data' : 'NULL';
  else if (s.arg === 'rsrc_register') {
    out.push(`struct io_uring_rsrc_register arg = { .nr = ${s.nr}, .flags = 0x${s.flags.toString(16)}, .resv2 = ${s.resv2}, .data = ${data}, .tags = ${tags} };`);
    arg = '&arg';
  } else if (s.arg === 'rsrc_update') {
    out.push(`struct io_uring_rsrc_update arg = { .offset = ${s.offset}, .resv = ${s.resv}, .data = ${data} };`);
    arg = '&arg';
  } else if (s.arg === 'rsrc_update2') {
    out.push(`struct io_uring_rsrc_update2 arg = { .offset = ${s.offset}, .resv = ${s.resv}, .data = ${data}, .tags = ${tags}, .nr = ${s.nr}, .resv2 = ${s.resv2} };`);
    arg = '&arg';
  }
  out.push(`ret = syscall(__NR_io_uring_register, ring_fd, ${s.opcode} /* ${registerOpcodeName(s.opcode)} */, ${arg}, ${s.nrArgs});`, 'if (ret < 0) ret = -errno;');
  return out;
}

/**
 * C for the whole sequence; `results[i]` is step i's expected and actual result. `afterStep`, when
 * given, adds a statement after each step (a test prints `ret` there and runs the program).
 */
export function cSequenceSnippet(seq: StepSequence, results: readonly StepResultText[], afterStep?: (index: number) => string): string {
  const usesOther = seq.steps.some((s) => (s.kind === 'bpf_op' ? (s.ringFd | 0) === FD_OTHER_RING : s.kind === 'register' && !IOVEC_REGISTER_OPCODES.includes(s.opcode) && s.entries.some((e) => (e.value | 0) === FD_OTHER_RING)));
  const lines = [
    `/* a ${seq.steps.length}-step sequence on one ring (uring-spec, docs/stateful.md); needs liburing */`,
    `#define BUF(i) ((void *)(0x200000000000ULL + (unsigned long long)(i) * 0x100000ULL))`,
    `for (int i = 0; i < ${SEQUENCE_BUFFERS}; i++) /* the canonical buffers, registered or not */`,
    `\tmmap(BUF(i), 0x100000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);`,
    `int scratch_fd = ${FD_SCRATCH}; /* the scratch file at its announced size, position 0 (dup2 one to 100) */`,
    `struct io_uring ring;`,
    `struct io_uring_params p = { .flags = 0x${seq.ring.setupFlags.toString(16)} };`,
    `if (io_uring_queue_init_params(8, &ring, &p) < 0) return 1;`,
    `int ring_fd = ring.ring_fd;`,
    ...(usesOther ? ['struct io_uring other;', 'io_uring_queue_init(8, &other, 0);', 'int other_ring_fd = other.ring_fd;'] : []),
    'struct io_uring_cqe *cqe;',
    'struct io_uring_sqe *sqe;',
    'int ret;',
  ];
  seq.steps.forEach((s, i) => {
    lines.push('', `/* step ${i + 1}: ${stepWords(s)} */`);
    let body: string[];
    if (s.kind === 'register') body = registerStep(s);
    else if (s.kind === 'submit')
      body = [
        // removing a tagged buffer or file posts a CQE carrying the tag: not this step's
        'while (io_uring_peek_cqe(&ring, &cqe) == 0) io_uring_cqe_seen(&ring, cqe);',
        'sqe = io_uring_get_sqe(&ring);',
        'memset(sqe, 0, sizeof(*sqe));',
        ...sqeAssignments(s.sqe),
        'io_uring_submit_and_wait(&ring, 1);',
        'io_uring_wait_cqe(&ring, &cqe);',
        'ret = cqe->res;',
        'io_uring_cqe_seen(&ring, cqe);',
      ];
    else body = [`/* the series' struct_ops registration of a BPF op with id ${s.id} on ${fdExpr(s.ringFd)} (no plain C call) */`, 'ret = 0;'];
    lines.push('{', ...body.map((l) => `\t${l}`), '}');
    const r = results[i];
    if (r) lines.push(`/* expect ret == ${r.expected}; got ${r.actual} */`);
    if (afterStep) lines.push(afterStep(i));
  });
  return lines.join('\n');
}
