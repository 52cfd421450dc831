#!/bin/sh
# Everything `make check` runs: the unit tests, then the kernel test suite
# in a VM on each kernel flavour. Every part runs even if an earlier one
# failed; the last lines give each part's time and add the results up as
# "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
mkdir -p build
total_p=0
total_f=0
rc=0
times=""
part() {	# part NAME COMMAND...
	name=$1
	shift
	echo "=== $name"
	start=$(date +%s)
	{ "$@"; echo "PART-STATUS $?"; } 2>&1 | tee "build/$name.log" | grep -v '^PART-STATUS'
	status=$(sed -n 's/^PART-STATUS //p' "build/$name.log")
	# the part's own closing line; a part that printed none failed
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "build/$name.log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
	[ -n "$p" ] || { p=0; f=1; echo "$name: printed no result"; }
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	if [ "$status" != 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: exited with status $status"
		f=1
		total_f=$((total_f + 1))
	fi
	[ "$f" -eq 0 ] || rc=1
	times="$times$(printf '%-28s %5ss  %s passed, %s failed' "$name" $(($(date +%s) - start)) "$p" "$f")
"
}
all_start=$(date +%s)

part unit sh -c 'make -s build/tests/unit-tests && build/tests/unit-tests'
part install tests/unit/install.sh
part syscall-tables profile/gen-syscall-tables.sh --check
part policyc sh -c 'make -s build/policyc/policyc && tests/policyc/run.sh build/policyc/policyc'
part policyc-install tests/policyc/install.sh build/policyc/policyc
part svrun-seccomp sh -c 'make -s build/svrun/svrun build/tests/sv-probe &&
	tests/svrun/matrix.sh seccomp build/svrun/svrun build/tests/sv-probe tests/svrun'
part fuzz tests/fuzz/run.sh 60
# 6.1 (cloud, rt, debug) and 6.12 (cloud, rt): kernel/supported-kernels.
# The whole suite on each but 6.12 rt, which runs every test except the
# apache2, nginx and svrun-matrix ones (user space under a vector, run on
# the four other kernels): that keeps make check within its hour.
for flavour in cloud rt debug cloud-6.12; do
	part "vm-$flavour" tests/vm/run.sh "$flavour"
done
rt612_set=abi_,action,attach,cond,dynsys,guard,hooks,inherit,ioctl,monitor,paths,perm,rmmod
rt612_set=$rt612_set,scope,uring,numbers,audit_,detach,probes,proc_,register,kernel_line
rt612_set=$rt612_set,profile_default,profile_logall,profile_trace,profile_protect
rt612_set=$rt612_set,profile_httpd_rules,svrun_stale,svrun_libsysvec,svrun_kmodload
part vm-rt-6.12 env KTEST_FILTER="$rt612_set" tests/vm/run.sh rt-6.12
# 6.12 booted with ia32_emulation=0: no i386 call is made at all (t_abi.c)
part vm-cloud-6.12-ia32-off env SVT_APPEND=ia32_emulation=0 KTEST_FILTER=abi_ia32_switch \
	SVT_OUT="$top/build/vm-cloud-6.12-ia32-off" tests/vm/run.sh cloud-6.12
# The packages (make deb, make rpm), then a Debian system with them
# installed by apt, booted with systemd (tests/system/)
part deb sh -c 'make -s deb >build/deb.build.log 2>&1 || { tail -n 30 build/deb.build.log; exit 1; }
	packaging/deb/check.sh'
part rpm sh -c 'packaging/rpm/build.sh >build/rpm.build.log 2>&1 || { tail -n 30 build/rpm.build.log; exit 1; }
	packaging/rpm/check.sh'
part system tests/system/run.sh
part style tests/check-style.sh
echo "=== time per part"
printf '%s' "$times"
echo "all: $(($(date +%s) - all_start))s"
echo "check: $total_p passed, $total_f failed"
exit $rc
