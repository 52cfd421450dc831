#!/bin/sh
# The svrun behaviour matrix: the same program under the same profile gets
# the same result from both backends, or the documented difference below.
#
# usage: tests/svrun/matrix.sh kmod|seccomp SVRUN PROBE PROFILE_DIR
# Runs natively for seccomp (make check's svrun part) and in the test VM
# for both (tests/kernel/t_svrun.c). Prints one line per case and
# "svrun matrix (BACKEND): N passed, N failed"; exits 1 on any failure.
#
# Documented differences (svrun(1)):
#  - kill: the kernel module sends SIGKILL, seccomp kills with SIGSYS;
#  - return 7: the kernel module returns 7; seccomp refuses the profile
#    (exit 122) unless --allow-degraded, and then returns 0;
#  - audit: sysvec records (type 1316) vs seccomp's (type 1326).
set -u
backend=${1:?usage: matrix.sh kmod|seccomp SVRUN PROBE PROFILE_DIR}
svrun=${2:?}
probe=${3:?}
dir=${4:?}
passed=0
failed=0

# result OPTIONS... -- CASE ARGS: what the probe printed, or exit:N, signal:N
result() {
	out=$("$svrun" -q -b "$backend" "$@" 2>/tmp/svrun-matrix.err)
	rc=$?
	if [ "$rc" -gt 128 ]; then
		echo "signal:$((rc - 128))"
	elif [ -z "$out" ]; then
		echo "exit:$rc"
	else
		echo "$out"
	fi
}

# check NAME WANT_KMOD WANT_SECCOMP OPTIONS... -- CASE
check() {
	name=$1
	if [ "$backend" = kmod ]; then want=$2; else want=$3; fi
	shift 3
	got=$(result "$@")
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
		echo "ok - $backend: $name: $got"
	else
		failed=$((failed + 1))
		echo "not ok - $backend: $name: want $want, got $got"
		sed 's/^/#   /' /tmp/svrun-matrix.err
	fi
}

m=$dir/matrix.yaml
if [ -e /dev/sysvec ]; then nostate=unbound; else nostate=none; fi
# The probe itself, unconfined: every case below starts from "ok".
for c in getppid getpgrp getpriority-pgrp umask; do
	got=$("$probe" $c)
	case "$got" in
	ok|63) passed=$((passed + 1)); echo "ok - unconfined: $c: $got" ;;
	*) failed=$((failed + 1)); echo "not ok - unconfined: $c: $got" ;;
	esac
done

check "allow" ok ok -p "$m" -- "$probe" getpid
check "deny errno" EACCES EACCES -p "$m" -- "$probe" getppid
check "deny+log errno" EXDEV EXDEV -p "$m" -- "$probe" getpgrp
check "log runs the call" ok ok -p "$m" -- "$probe" getuid
rm -rf /tmp/sv-matrix-kill
check "kill" signal:9 signal:31 -p "$m" -- "$probe" mkdir /tmp/sv-matrix-kill
if [ -e /tmp/sv-matrix-kill ]; then
	failed=$((failed + 1)); echo "not ok - $backend: kill: the killed mkdir ran"
fi
check "return 0" 0 0 -p "$m" -- "$probe" umask
check "condition holds" EPERM EPERM -p "$m" -- "$probe" getpriority-pgrp
check "condition fails" ok ok -p "$m" -- "$probe" getpriority-process
check "int 0x80 deny" EACCES EACCES -p "$m" -- "$probe" int80-getppid
check "int 0x80 allow" ok ok -p "$m" -- "$probe" int80-getpid
check "x32 denied" ENOSYS ENOSYS -p "$m" -- "$probe" x32-getpid
check "io_uring denied" EPERM EPERM -p "$m" -- "$probe" io_uring
check "child inherits" EACCES EACCES -p "$m" -- "$probe" fork-getppid
check "kept across execve" EACCES EACCES -p "$m" -- "$probe" exec-getppid
check "complain: deny runs" ok ok --complain -p "$m" -- "$probe" getppid
rm -rf /tmp/sv-matrix-complain
check "complain: kill runs" ok ok --complain -p "$m" -- "$probe" mkdir /tmp/sv-matrix-complain
rm -rf /tmp/sv-matrix-complain
# what the kernel reports about the binding (seccomp: no sysvec state;
# natively, where no /dev/sysvec exists, "none" too)
check "binding" bound "$nostate" -p "$m" -- "$probe" sysvec-state
check "binding, --lock" bound,locked "$nostate" --lock -p "$m" -- "$probe" sysvec-state
check "binding, --complain" bound,complain "$nostate" --complain -p "$m" -- "$probe" sysvec-state
check "return 7" 7 exit:122 -p "$dir/return7.yaml" -- "$probe" umask
check "return 7, degraded" 7 0 --allow-degraded -p "$dir/return7.yaml" -- "$probe" umask
check "no such profile" exit:120 exit:120 -p no-such-profile -- "$probe" getpid
check "bad capability" exit:125 exit:125 --caps cap_no_such -p "$m" -- "$probe" getpid
check "no such command" exit:127 exit:127 -p "$m" -- /no/such/command
if [ "$(id -u)" = 0 ]; then
	check "user, no capabilities" \
		"Uid:65534 Gid:65534 CapEff:0000000000000000 CapBnd:0000000000000000 CapAmb:0000000000000000 NoNewPrivs:1" \
		"Uid:65534 Gid:65534 CapEff:0000000000000000 CapBnd:0000000000000000 CapAmb:0000000000000000 NoNewPrivs:1" \
		--user 65534 --group 65534 --drop-caps -p "$m" -- "$probe" ids
	check "user, one capability" \
		"Uid:65534 Gid:65534 CapEff:0000000000000400 CapBnd:0000000000000400 CapAmb:0000000000000400 NoNewPrivs:1" \
		"Uid:65534 Gid:65534 CapEff:0000000000000400 CapBnd:0000000000000400 CapAmb:0000000000000400 NoNewPrivs:1" \
		--user 65534 --group 65534 --caps net_bind_service -p "$m" -- "$probe" ids
	check "user, still confined" EACCES EACCES --user 65534 --group 65534 -p "$m" -- \
		"$probe" getppid
else
	echo "# not root: the --user and --caps cases need root and were not run"
	failed=$((failed + 1))
fi

echo "svrun matrix ($backend): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
