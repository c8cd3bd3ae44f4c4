#!/usr/bin/env python3
"""{{NAME}}: a uring-spec adapter for {{SPEC}} (exec protocol uring-spec/1), written by
`uring-spec init`. Plain Python 3, no packages. It implements nothing yet: run_case answers
-ENOSYS for every case, so `check` fails and its report shows what the spec expects instead.

Check it:  npx uring-spec check --spec {{SPEC}} --backend 'exec:python3 adapter.py'
The byte layouts are in docs/exec-protocol.md of uring-spec; everything is little-endian.
"""
import errno
import json
import struct
import sys

HELLO = {"protocol": "uring-spec/1", "name": "{{NAME}}", "specs": ["{{SPEC}}"], "data": {{DATA_PY}}}
CASE_SIZE = 128
OUTCOME_SIZE = 64
MAX_BATCH = 4096
OUT_DATA_VALID = 0x01

# struct io_uring_sqe (64 bytes) and the outcome record, as the protocol lays them out
SQE = struct.Struct("<BBHiQQIIQHHiQQ")
SQE_FIELDS = ("opcode", "flags", "ioprio", "fd", "off", "addr", "len", "op_flags",
              "user_data", "buf_index", "personality", "splice_fd_in", "addr3", "pad2")
CTX = struct.Struct("<IIIH")
OUTCOME = struct.Struct("<iIIIQQIH26x")


def run_case(sqe, ctx):
    """Your implementation goes here. Return res (0 or a negative errno) and, on success,
    the uring_bpf_data your prep produced (set "data")."""
    return {"res": -errno.ENOSYS}


def decode_case(raw):
    sqe = dict(zip(SQE_FIELDS, SQE.unpack_from(raw, 0)))
    setup_flags, nr_bufs, buf_size, nr_personalities = CTX.unpack_from(raw, 64)
    bitmap = raw[80:112]
    ops = [op for op in range(256) if bitmap[op // 8] & (1 << (op % 8))]
    ctx = {"setup_flags": setup_flags, "nr_bufs": nr_bufs, "buf_size": buf_size,
           "nr_personalities": nr_personalities, "ops": ops}
    return sqe, ctx


def encode_outcome(o):
    d = o.get("data")
    if d is None:
        return OUTCOME.pack(o["res"], o.get("flags", 0), 0, 0, 0, 0, 0, 0)
    return OUTCOME.pack(o["res"], o.get("flags", 0) | OUT_DATA_VALID, d["opf"], d["buf1_len"],
                        d["buf1_addr"], d["buf2_addr"], d["buf2_len"], d["buf_index"])


def read_exact(stream, n):
    """n bytes, or fewer only at end of input."""
    parts = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            break
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def main():
    proto_in = sys.stdin.buffer
    proto_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol
    proto_out.write((json.dumps(HELLO, separators=(",", ":")) + "\n").encode())
    proto_out.flush()
    while True:
        head = read_exact(proto_in, 4)
        if not head:
            return 0  # end of input at a frame boundary: a clean end
        if len(head) < 4:
            print("uring-spec adapter: end of input inside a request count", file=sys.stderr)
            return 1
        (n,) = struct.unpack("<I", head)
        if n == 0:
            return 0
        if n > MAX_BATCH:
            print(f"uring-spec adapter: batch of {n} cases (at most {MAX_BATCH})", file=sys.stderr)
            return 2
        body = read_exact(proto_in, n * CASE_SIZE)
        if len(body) < n * CASE_SIZE:
            print("uring-spec adapter: end of input inside a request", file=sys.stderr)
            return 1
        out = [struct.pack("<I", n)]
        for i in range(n):
            sqe, ctx = decode_case(body[i * CASE_SIZE:(i + 1) * CASE_SIZE])
            out.append(encode_outcome(run_case(sqe, ctx)))
        proto_out.write(b"".join(out))
        proto_out.flush()


if __name__ == "__main__":
    sys.exit(main())
