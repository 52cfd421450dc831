#!/bin/sh
# Golden tests of policyc: for each NN-name.yaml here,
#   NN-name.expect     what "policyc check" prints (stdout, then stderr) and
#                      its exit status, byte for byte;
#   NN-name.vector.c   if present, the module source "policyc build
#                      --source-only" writes, byte for byte (twice, to
#                      check that the output is deterministic);
#   NN-name.Kbuild     if present, the Kbuild it writes.
# Also: import-oci of Docker's default profile gives profiles/default.yaml, and
# the twin table generator classifies every i386 entry point or fails.
#
# usage: tests/policyc/run.sh POLICYC [--update]
#   --update rewrites the expected files from policyc's output (review the
#   diff before committing it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
policyc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

result() {	# result OK NAME
	if [ "$1" = 0 ]; then
		passed=$((passed + 1)); echo "ok - $2"
	else
		failed=$((failed + 1)); echo "not ok - $2"
	fi
}

compare() {	# compare EXPECTED ACTUAL NAME
	if [ "$update" = --update ]; then
		cp "$2" "$1"
	fi
	if cmp -s "$1" "$2"; then
		result 0 "$3"
	else
		diff -u "$1" "$2" | sed 's/^/#   /' | head -40
		result 1 "$3"
	fi
}

cd "$here" || exit 2
for y in [0-9][0-9]-*.yaml; do
	n=${y%.yaml}
	"$policyc" check "$y" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	{ echo "exit $rc"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; } >"$tmp/$n.expect"
	compare "$n.expect" "$tmp/$n.expect" "$n: check"
	if [ -f "$n.vector.c" ] || { [ "$update" = --update ] && [ "$rc" = 0 ]; }; then
		rm -rf "$tmp/a" "$tmp/b"
		"$policyc" build -q --source-only -o "$tmp/a" "$y" 2>/dev/null &&
			"$policyc" build -q --source-only -o "$tmp/b" "$y" 2>/dev/null
		if cmp -s "$tmp/a/vector.c" "$tmp/b/vector.c"; then
			result 0 "$n: deterministic"
		else
			result 1 "$n: deterministic"
		fi
		compare "$n.vector.c" "$tmp/a/vector.c" "$n: vector.c"
		if [ -f "$n.Kbuild" ] || grep -q wrap "$y"; then
			compare "$n.Kbuild" "$tmp/a/Kbuild" "$n: Kbuild"
		fi
	fi
done

# The twin table generator (profile/gen-syscall-twins.sh) on a small kernel
# of its own: every i386 entry point is classified, or the build stops.
gen=$here/../../profile/gen-syscall-twins.sh
k=$tmp/kdir
mkdir -p "$k/arch/x86/include/generated/asm" "$k/arch/x86/include/generated/uapi/asm" \
	"$k/include/linux" "$tmp/uapi"
printf '%s\n' "__SYSCALL(0, sys_read)" "__SYSCALL(1, sys_setuid)" "__SYSCALL(2, sys_socket)" \
	"__SYSCALL(3, sys_lookup_dcookie)" "__SYSCALL(4, sys_ni_syscall)" "__SYSCALL(5, sys_wait4)" \
	> "$k/arch/x86/include/generated/asm/syscalls_64.h"
printf '#define __NR_%s %s\n' read 0 setuid 1 socket 2 lookup_dcookie 3 afs_syscall 4 wait4 5 \
	> "$k/arch/x86/include/generated/uapi/asm/unistd_64.h"
i386_table() {	# the i386 table, with extra lines $1 (syscalls_32.h) and $2 (unistd_32.h)
	printf '%s\n' "__SYSCALL(0, sys_read)" "__SYSCALL(1, sys_setuid16)" \
		"__SYSCALL(2, sys_setuid)" "__SYSCALL_WITH_COMPAT(3, sys_socketcall, compat_sys_socketcall)" \
		"__SYSCALL_WITH_COMPAT(4, sys_lookup_dcookie, compat_sys_lookup_dcookie)" \
		"__SYSCALL(5, sys_waitpid)" "__SYSCALL(6, sys_ni_syscall)" \
		"__SYSCALL_WITH_COMPAT(7, sys_vm86, sys_ni_syscall)" ${1:+"$1"} \
		> "$k/arch/x86/include/generated/asm/syscalls_32.h"
	printf '#define __NR_%s %s\n' read 0 setuid 1 setuid32 2 socketcall 3 lookup_dcookie 4 \
		waitpid 5 break 6 vm86 7 syscalls 8 > "$k/arch/x86/include/generated/uapi/asm/unistd_32.h"
	[ -z "${2:-}" ] || echo "$2" >> "$k/arch/x86/include/generated/uapi/asm/unistd_32.h"
}
printf '%s\n' "asmlinkage long sys_lookup_dcookie(u64 cookie64, char __user *buf," \
	"				   size_t len);" > "$k/include/linux/syscalls.h"
printf '%s\n' "#define SYS_SOCKET	1		/* sys_socket(2) */" > "$tmp/uapi/net.h"
printf '%s\n' "#define IPCCALL(version,op)	((version)<<16 | (op))" > "$tmp/uapi/ipc.h"
twins_data() {	# the data file, with extra line $1
	printf '%s\n' "# test" "alias sys_setuid16	setuid	0" "alias sys_waitpid wait4 3" \
		"only sys_vm86" "mux sys_socketcall net.h" ${1:+"$1"} > "$tmp/twins.txt"
}
gen_case() {	# gen_case NAME WANT_EXIT PATTERN: run the generator, grep its output
	"$gen" "$k" "$tmp/uapi" "$tmp/twins.txt" >"$tmp/gen.out" 2>&1
	rc=$?
	if [ "$rc" = "$2" ] && grep -q -- "$3" "$tmp/gen.out"; then
		result 0 "gen-syscall-twins: $1"
	else
		sed 's/^/#   /' "$tmp/gen.out" | head -20
		echo "#   exit $rc, want $2 and \"$3\""
		result 1 "gen-syscall-twins: $1"
	fi
}
i386_table; twins_data
gen_case "every entry classified" 0 "I386_TWINS_KERNEL_ENTRIES 8$"
gen_case "same entry point" 0 '\[2\] = { SVP_TWIN_SAME, 6, "setuid", "sys_setuid" },'
gen_case "legacy entry point" 0 '\[1\] = { SVP_TWIN_ALIAS, 0, "setuid", "sys_setuid16" },'
gen_case "64-bit argument" 0 '\[4\] = { SVP_TWIN_SAME, 0, "lookup_dcookie", "sys_lookup_dcookie" },'
gen_case "multiplexer" 0 '{ "socketcall", "SYS_SOCKET", 1, 0x0, "socket" },'
i386_table "__SYSCALL(9, sys_frobnicate)" "#define __NR_frobnicate 9"
gen_case "unclassified entry point" 1 \
	"i386 frobnicate (9) enters the kernel at sys_frobnicate, which x86_64 does not share; classify it"
i386_table; twins_data "alias sys_frobnicate read 6"
gen_case "stale data line" 0 "warning: not in this kernel, ignored: sys_frobnicate"
twins_data "alias sys_setuid16 read 0"
gen_case "name against entry point" 1 "i386 setuid (1, sys_setuid16) is x86_64 setuid by name"
twins_data "alias sys_setuid16 nosuchcall 0"
gen_case "alias to no call" 1 "nosuchcall is no x86_64 call of this kernel"
twins_data "alias sys_setuid16 setuid"
gen_case "bad data line" 1 "twins.txt:6: cannot read"
twins_data; echo "#define SYS_FROB	2" >> "$tmp/uapi/net.h"
gen_case "sub-call without x86_64 call" 1 "sub-call SYS_FROB of socketcall is no x86_64 call"

# Docker's published default profile, imported, is the shipped "default".
"$policyc" import-oci data/docker-default-seccomp.json --name default -o "$tmp/default.yaml"
compare ../../profiles/default.yaml "$tmp/default.yaml" "import-oci: profiles/default.yaml"

echo "policyc golden: $passed passed, $failed failed"
[ "$failed" = 0 ]
