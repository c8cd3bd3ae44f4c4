#!/usr/bin/env bash
# Smoke test of the C kit's framing, run against the built C reference (build/c/c-ref):
# the worked example of docs/exec-protocol.md byte for byte, and the exit codes for a clean end,
# a truncated frame and an oversized batch. Exit codes as in liburing's tests: PASS 0, FAIL 1,
# SKIP 77 (the reference is not built: run `node scripts/build-c.mjs`).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ref=${1:-$root/build/c/c-ref}
[ -x "$ref" ] || { echo "SKIP: $ref not built"; exit 77; }
fail=0

# u32 little-endian as printf escapes.
u32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
zeros() { head -c "$1" /dev/zero; }
hex() { od -An -v -tx1 | tr -d ' \n'; }

# The worked example: IORING_OP_BPF, bpf_op_flags 0x03200000, addr 0x1000, len 16; ring with
# IORING_SETUP_BPF and op 3 registered.
example_case() {
	printf '\x41'
	zeros 15
	printf "$(u32 0x1000)$(u32 0)$(u32 16)$(u32 0x03200000)"
	zeros 32
	printf "$(u32 0x00100000)"
	zeros 12
	printf '\x08'
	zeros 47
}

check() { # name, expected, got
	if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected $2, got $3"; fail=1; fi
}

got=$( { printf "$(u32 1)"; example_case; printf "$(u32 0)"; } | "$ref" | tail -c 68 | hex)
want=01000000000000000100000000002003100000000010000000000000$(printf '0%.0s' $(seq 1 80))
check "worked example response" "$want" "$got"

hello=$(printf "$(u32 0)" | "$ref" | head -1)
check "hello" '{"protocol":"uring-spec/2","name":"c-ref","specs":["bpf@v1","bpf-ops@v2","bpf-ops@v3"],"data":true}' "$hello"

: | "$ref" >/dev/null; check "EOF at a frame boundary ends with 0" 0 $?
{ printf "$(u32 2)"; example_case; } | "$ref" >/dev/null 2>&1; check "EOF inside a frame exits 1" 1 $?
printf '\x01\x00' | "$ref" >/dev/null 2>&1; check "EOF inside a count exits 1" 1 $?
printf "$(u32 4097)" | "$ref" >/dev/null 2>&1; check "n > 4096 exits 2" 2 $?
msg=$(printf "$(u32 4097)" | "$ref" 2>&1 >/dev/null)
check "error message prefix" "uring-spec kit:" "${msg:0:15}"

[ $fail = 0 ] && echo PASS || echo FAIL
exit $fail
