#!/usr/bin/env bash
# Smoke test of the live-kernel adapter (build/c/kernel-adapter) against known answers observed on
# Linux 6.18.44 (the kernel-6.18-observed reference records; names below are their case ids), with
# the buffers at the canonical addresses and the data file at fd 100. One request frame carries
# every case, so the table also
# checks isolation: a case's answer must not depend on the cases before it (e.g. IO_DRAIN after
# CQE_SKIP_SUCCESS, a read at EOF after a write that grew the scratch file).
# Exit codes as in liburing's tests: PASS 0, FAIL 1, SKIP 77 (adapter not built, or io_uring
# unavailable on this machine - then the adapter must still answer CTX_FAILED).
set -u
root=$(cd "$(dirname "$0")/../../.." && pwd)
adapter=${1:-$root/build/c/kernel-adapter}
[ -x "$adapter" ] || { echo "SKIP: $adapter not built (node scripts/build-c.mjs)"; exit 77; }
fail=0

u8() { printf '\\x%02x' $(($1 & 255)); }
u16() { printf '\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)); }
u32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
u64() { u32 $(($1 & 0xffffffff)); u32 $(($1 >> 32 & 0xffffffff)); }
zeros() { head -c "$1" /dev/zero; }

BUF0=$((0x200000000000)) BUF1=$((0x200000100000)) SCRATCH=100
UD=$((0x1122334455667788))

# A case record: opcode flags ioprio fd off addr len op_flags buf_index personality | setup_flags
# nr_bufs buf_size nr_personalities. user_data is UD; splice_fd_in, addr3, pad2 are zero.
record() {
	printf "$(u8 $1)$(u8 $2)$(u16 $3)$(u32 $4)$(u64 $5)$(u64 $6)$(u32 $7)$(u32 $8)$(u64 $UD)$(u16 $9)$(u16 ${10})"
	zeros 20
	printf "$(u32 ${11})$(u32 ${12})$(u32 ${13})$(u16 ${14})"
	zeros 50
}

# name | expected "res flags" | record arguments. Flags: 2 NO_CQE, 4 TIMEOUT, 16 CTX_FAILED.
CASES=(
	"a.nop.plain|0 0|0 0 0 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.flags=0x04 (IO_LINK, lone)|0 0|0 4 0 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.flags=0x20 (BUFFER_SELECT)|-95 0|0 32 0 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.flags=0x40 (CQE_SKIP_SUCCESS)|0 2|0 64 0 0 0 0 0 0 0 0 0 0 0 0"
	"nop IO_DRAIN right after a skip|0 0|0 2 0 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.flags=0x80|-22 0|0 128 0 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.ioprio=1|-22 0|0 0 1 0 0 0 0 0 0 0 0 0 0 0"
	"a.nop.personality=1 (none registered)|-22 0|0 0 0 0 0 0 0 0 0 1 0 0 0 0"
	"nop personality=1, 1 registered|0 0|0 0 0 0 0 0 0 0 0 1 0 0 0 1"
	"nop personality=2, 1 registered|-22 0|0 0 0 0 0 0 0 0 0 2 0 0 0 1"
	"a.nop.inject.len=-5|-5 0|0 0 0 0 0 0 $((-5)) 1 0 0 0 0 0 0"
	"inject(-5) with CQE_SKIP_SUCCESS posts its failure|-5 0|0 64 0 0 0 0 $((-5)) 1 0 0 0 0 0 0"
	"a.nop.nop_flags=8.bufs.bi=5|-14 0|0 0 0 0 0 0 0 8 5 0 0 2 4096 0"
	"b.READ_FIXED.bufs.bi=0|4096 0|4 0 0 $SCRATCH 0 $BUF0 4096 0 0 0 0 2 4096 0"
	"b.READ_FIXED.bufs.bi=1|4096 0|4 0 0 $SCRATCH 0 $BUF1 4096 0 1 0 0 2 4096 0"
	"b.READ_FIXED.bufs.bi=2|-14 0|4 0 0 $SCRATCH 0 $BUF0 16 0 2 0 0 2 4096 0"
	"b.READ_FIXED.bufs.addr+100.len=3996|3996 0|4 0 0 $SCRATCH 0 $((BUF0 + 100)) 3996 0 0 0 0 2 4096 0"
	"b.READ_FIXED.bufs.addr+100.len=3997|-14 0|4 0 0 $SCRATCH 0 $((BUF0 + 100)) 3997 0 0 0 0 2 4096 0"
	"b.READ_FIXED.bufs.addr-1|-14 0|4 0 0 $SCRATCH 0 $((BUF0 - 1)) 16 0 0 0 0 2 4096 0"
	"b.READ_FIXED.nobufs.bi=0|-14 0|4 0 0 $SCRATCH 0 $BUF0 4096 0 0 0 0 0 0 0"
	"b.WRITE_FIXED.bufs.bi=1.addr=buf0|-14 0|5 0 0 $SCRATCH 0 $BUF0 16 0 1 0 0 2 4096 0"
	"c.WRITE.off=100000 (grows the scratch file)|16 0|23 0 0 $SCRATCH 100000 $BUF0 16 0 0 0 0 0 0 0"
	"c.READ at 65536 after that write (size restored)|0 0|22 0 0 $SCRATCH 65536 $BUF0 16 0 0 0 0 0 0 0"
	"c.READ.off=-1|16 0|22 0 0 $SCRATCH -1 $BUF0 16 0 0 0 0 0 0 0"
	"c.READ.fd=-1|-9 0|22 0 0 -1 0 $BUF0 16 0 0 0 0 0 0 0"
	"d.opcode=255|-22 0|255 0 0 -1 0 0 0 0 0 0 0 0 0 0"
	"ring with IORING_SETUP_SQ_AFF alone|-22 16|0 0 0 0 0 0 0 0 0 0 4 0 0 0"
	"ring with IORING_SETUP_SQPOLL: nop|0 0|0 0 0 0 0 0 0 0 0 0 2 0 0 0"
	"ring with IORING_SETUP_IOPOLL: nop|0 0|0 0 0 0 0 0 0 0 0 0 1 0 0 0"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for row in "${CASES[@]}"; do
	args=${row##*|}
	record $args
done >"$tmp/cases"
{ printf "$(u32 ${#CASES[@]})"; cat "$tmp/cases"; printf "$(u32 0)"; } >"$tmp/request"
URING_SPEC_KERNEL_WAIT_MS=1000 "$adapter" <"$tmp/request" >"$tmp/out" 2>"$tmp/err"
rc=$?
hello=$(head -1 "$tmp/out")
[ $rc = 0 ] || { echo "FAIL: adapter exited $rc: $(cat "$tmp/err")"; exit 1; }
case $hello in
	# keys may follow the scratch file (registeredOps, ...): the hello is JSON, not a fixed string
	'{"protocol":"uring-spec/2","name":"kernel",'*'"data":false'*'"scratch":{"fd":100,"size":65536}'*'}') echo "ok   hello" ;;
	*) echo "FAIL hello: $hello"; fail=1 ;;
esac

# Outcome i: "res flags" from the i-th 64-byte record after the hello line and the u32 count.
tail -c +$((${#hello} + 2 + 4)) "$tmp/out" | od -An -v -t d4 -w64 | awk '{print $1, ($2 < 0 ? $2 + 4294967296 : $2)}' >"$tmp/got"
mapfile -t got <"$tmp/got"

case $hello in
	*'"specs":[]'*)
		# io_uring unavailable: every case must be a CTX_FAILED with the errno, then SKIP.
		case ${got[0]:-} in
			-*" 16") echo "SKIP: io_uring unavailable here (cases answered CTX_FAILED ${got[0]%% *})"; exit 77 ;;
			*) echo "FAIL: io_uring unavailable but case 0 answered '${got[0]:-nothing}'"; exit 1 ;;
		esac ;;
esac

for i in "${!CASES[@]}"; do
	row=${CASES[$i]}
	name=${row%%|*}
	rest=${row#*|}
	want=${rest%%|*}
	if [ "${got[$i]:-none}" = "$want" ]; then echo "ok   $name: $want"; else echo "FAIL $name: expected $want, got ${got[$i]:-none}"; fail=1; fi
done

[ $fail = 0 ] && echo PASS || echo FAIL
exit $fail
