#!/bin/sh
# Boot a Debian kernel under qemu (TCG) and run the sysvec kernel tests in it.
#
# usage: tests/vm/run.sh FLAVOUR [demo|bench]
#   FLAVOUR  cloud  Debian's 6.1 cloud kernel (linux-image-cloud-amd64)
#            rt     Debian's 6.1 PREEMPT_RT kernel (linux-image-rt-amd64)
#            cloud-6.12, rt-6.12  the same flavours of the 6.12 line
#                   (linux-image-6.12-cloud-amd64, -rt-amd64); a kernel line
#                   of kernel/supported-kernels follows the dash
#            debug  6.1 built from linux-source-6.1 with lockdep and
#                   DEBUG_ATOMIC_SLEEP (tests/vm/build-debug-kernel.sh)
#   demo     boot and run the demo (tests/vm/demo.sh) instead of the tests
#   bench    run the benchmark (tests/bench/bench.c) on one CPU instead,
#            under -icount shift=0 when BENCH_ICOUNT=1, BENCH_REPS times,
#            and write its BENCH lines to build/vm-FLAVOUR/bench.csv
# KTEST_FILTER=substring[,substring...] runs only the tests whose names
# contain one of them;
# KTEST_REPEAT=N runs them N times over (to hunt a flaky test);
# SVT_VM_TIMEOUT=seconds changes how long the VM may run (tests/vm/kernel.sh
# has the defaults); SVT_BOOT_TIMEOUT=seconds (120) how long the kernel may
# take to reach /init before the VM is booted once more; SVT_OUT=dir builds
# and boots in that directory instead of build/vm-FLAVOUR (for runs side by side);
# SVT_APPEND="words" adds them to the kernel's command line (ia32_emulation=0).
#
# Everything is built under build/vm-FLAVOUR/; the serial console is kept in
# build/vm-FLAVOUR/console.log. Prints "N passed, N failed" and exits 1 on
# any failure: a failed test, a kernel warning/BUG/oops/lockdep report, a
# panic or a hang (the VM is killed after a time limit).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
flavour=${1:?usage: tests/vm/run.sh cloud|rt|cloud-LINE|rt-LINE|debug [demo|bench]}
mode=${2:-test}
out=${SVT_OUT:-$top/build/vm-$flavour}
. "$top/tests/vm/kernel.sh"
kernel_locate "$flavour"	# sets KDIR, VMLINUZ, VM_TIMEOUT, TEST_TIMEOUT, ACCEL

echo "== $flavour: kernel $KREL"
rm -rf "$out/src" "$out/root"
mkdir -p "$out/src" "$out/root"

# Modules, built out of tree against this kernel's headers.
cp -r "$top/kernel" "$top/include" "$out/src/"
mkdir -p "$out/src/tests" && cp -r "$top/tests/kernel" "$out/src/tests/"
make -s -C "$KDIR" M="$out/src/kernel" modules >"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; echo "module build failed"; exit 1; }
make -s -C "$KDIR" M="$out/src/tests/kernel/vectors" \
	SYSVEC_KERNEL_DIR="$out/src/kernel" \
	KBUILD_EXTRA_SYMBOLS="$out/src/kernel/Module.symvers" modules >>"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; echo "test vector build failed"; exit 1; }

# The supported kernel lines (kernel/supported-kernels): a build for a line
# outside the list fails with a message naming the list, and a module built
# anyway, as a user who accepts the risk would, refuses to load unless
# allow_unsupported_kernel=1 (the kernel_line_unsupported test loads it as
# unsupported/sysvec.ko). SYSVEC_KERNELS=0.0 stands for a list without
# this kernel's line.
host_passed=0
host_failed=0
host_result() {	# host_result OK DESCRIPTION
	if [ "$1" = 0 ]; then
		echo "ok - $2"
		host_passed=$((host_passed + 1))
	else
		echo "not ok - $2"
		host_failed=$((host_failed + 1))
	fi
}
rm -rf "$out/src-unsupported"
mkdir -p "$out/src-unsupported"
cp -r "$top/kernel" "$top/include" "$top/scripts" "$out/src-unsupported/"
set +e
make -s -C "$KDIR" M="$out/src-unsupported/kernel" SYSVEC_KERNELS=0.0 modules \
	>"$out/unsupported.log" 2>&1
rc=$?
set -e
host_result "$([ "$rc" -ne 0 ] && grep -q "sysvec supports the kernel lines 0.0, not [0-9]*\.[0-9]* " \
	"$out/unsupported.log"; echo $?)" "$flavour: the build for a kernel line not supported fails, naming the supported ones"
make -s -C "$KDIR" M="$out/src-unsupported/kernel" SYSVEC_KERNELS=0.0 SYSVEC_ALLOW_UNSUPPORTED=1 \
	modules >>"$out/unsupported.log" 2>&1 ||
	{ cat "$out/unsupported.log"; echo "the build with SYSVEC_ALLOW_UNSUPPORTED=1 failed"; exit 1; }

# User-space programs: static, so the initramfs needs no libraries.
make -s -C "$top" build/tests/sysvec-ktest build/policyc/policyc \
	build/svrun/svrun build/svmon/svmon build/tests/sv-probe build/tests/sysvec-bench

# The benchmark's profiles (generated from this kernel's syscall table),
# compiled like the shipped ones below, and its empty tracepoint probe.
bench_profiles=
if [ "$mode" = bench ]; then
	"$top/tests/bench/gen-profiles.sh" "$KDIR/arch/x86/include/generated/uapi/asm" \
		"$out/bench-profiles"
	bench_profiles="$out/bench-profiles/*.yaml"
	mkdir -p "$out/src/tests/bench" && cp -r "$top/tests/bench/kmod" "$out/src/tests/bench/"
	make -s -C "$KDIR" M="$out/src/tests/bench/kmod" modules >>"$out/build.log" 2>&1 ||
		{ cat "$out/build.log"; echo "bench_tp build failed"; exit 1; }
fi

# The shipped profiles, compiled by policyc into vector modules for this kernel.
# shellcheck disable=SC2086 # $bench_profiles is a glob on purpose
for prof in "$top"/profiles/*.yaml "$top"/tests/svrun/*.yaml "$top"/tests/kernel/profiles/*.yaml \
	    $bench_profiles; do
	name=$(basename "$prof" .yaml)
	"$top/build/policyc/policyc" build -q -o "$out/profiles/$name" --kdir "$KDIR" \
		--sysvec "$out/src/kernel" "$prof" >>"$out/build.log" 2>&1 ||
		{ cat "$out/build.log"; echo "profile $name: policyc build failed"; exit 1; }
done

# initramfs
root=$out/root
mkdir -p "$root/bin" "$root/lib/sysvec" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for a in sh mount mkdir echo cat sed grep dmesg insmod rmmod poweroff sleep ls \
	 wget ifconfig id chmod kill rm true; do
	ln -sf busybox "$root/bin/$a"
done
# A dynamic program with the libraries it needs.
copy_prog() {	# copy_prog PROGRAM DEST
	cp "$1" "$root$2"
	for lib in $(ldd "$1" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
# Debian's kmod as /usr/sbin/rmmod: the tests check what an administrator's
# rmmod says about a vector module in use.
mkdir -p "$root/usr/sbin"
copy_prog /usr/bin/kmod /usr/sbin/kmod
ln -sf kmod "$root/usr/sbin/rmmod"
# svrun and svmon as installed, the profiles svrun finds in
# /etc/sysvec/profiles, and the behaviour matrix.
for prog in svrun svmon; do
	copy_prog "$top/build/$prog/$prog" "/usr/sbin/$prog"
done
mkdir -p "$root/etc/sysvec/profiles" "$root/tests/svrun"
cp "$top"/profiles/*.yaml "$top"/profiles/*.c "$top"/tests/svrun/*.yaml \
	"$top"/tests/kernel/profiles/*.yaml "$root/etc/sysvec/profiles/"
cp "$top/tests/svrun/matrix.sh" "$root/tests/svrun/"
cp "$top/build/tests/sv-probe" "$root/bin/"
cp "$top/tests/vm/init.sh" "$root/init"
chmod +x "$root/init"
copy_prog "$top/build/tests/sysvec-ktest" /bin/sysvec-ktest
copy_prog "$top/build/tests/sysvec-bench" /bin/sysvec-bench
if [ "$mode" = bench ]; then
	cp "$out"/bench-profiles/*.yaml "$root/etc/sysvec/profiles/"
	cp "$out/src/tests/bench/kmod/bench_tp.ko" "$root/lib/sysvec/"
fi
cp "$top/tests/vm/demo.sh" "$root/demo.sh"
cp "$out/src/kernel/sysvec.ko" "$out"/src/tests/kernel/vectors/*.ko "$root/lib/sysvec/"
mkdir -p "$root/lib/sysvec/unsupported"
cp "$out/src-unsupported/kernel/sysvec.ko" "$root/lib/sysvec/unsupported/"
cp "$out"/profiles/*/sysvec_*.ko "$root/lib/sysvec/"
# Debian's apache2 and nginx, for the httpd profile's tests.
"$top/tests/vm/httpd-root.sh" "$root"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initrd.gz"

# Boot. x32 is enabled where the kernel has it, so that the tests see it.
append="console=ttyS0 quiet panic=-1 oops=panic syscall.x32=y svt.mode=$mode svt.timeout=$TEST_TIMEOUT"
append="$append svt.watchdog=$((VM_TIMEOUT - 90))${SVT_APPEND:+ $SVT_APPEND}"
smp=2
icount=
if [ "$mode" = bench ]; then
	smp=1
	[ "${BENCH_ICOUNT:-0}" = 1 ] && icount="-icount shift=0"
	append="$append svt.reps=${BENCH_REPS:-1}"
fi
if [ -n "${KTEST_FILTER:-}" ]; then
	case "$KTEST_FILTER" in
	*[!a-z0-9_,]*) echo "KTEST_FILTER: only [a-z0-9_,]" >&2; exit 2 ;;
	esac
	append="$append svt.filter=$KTEST_FILTER"
fi
if [ -n "${KTEST_REPEAT:-}" ]; then
	case "$KTEST_REPEAT" in
	''|*[!0-9]*) echo "KTEST_REPEAT: a number" >&2; exit 2 ;;
	esac
	append="$append svt.repeat=$KTEST_REPEAT"
fi
log=$out/console.log

# boot_vm: run the VM to its end, its console in $log; sets qemu_rc.
# The kernel reaches /init in about 10 s. If /init has not said SVT-BOOT
# after BOOT_TIMEOUT seconds, the boot itself hung (nothing of sysvec is
# loaded before that line): stop it and return 1, so that it can be booted
# again instead of waiting out the whole VM_TIMEOUT.
BOOT_TIMEOUT=${SVT_BOOT_TIMEOUT:-120}
boot_vm() {
	timeout -k 10 "$VM_TIMEOUT" qemu-system-x86_64 -accel "$ACCEL" -cpu max -m 1024 -smp "$smp" $icount \
		-nographic -no-reboot -kernel "$VMLINUZ" -initrd "$out/initrd.gz" \
		-append "$append" >"$log" 2>&1 </dev/null &
	vm=$!
	waited=0
	while kill -0 "$vm" 2>/dev/null && ! grep -q SVT-BOOT "$log"; do
		if [ "$waited" -ge "$BOOT_TIMEOUT" ]; then
			kill "$vm"
			wait "$vm"
			return 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait "$vm"
	qemu_rc=$?
	return 0
}

set +e
if ! boot_vm; then
	cp "$log" "$out/console-boot-hang.log"
	echo "# $flavour: the kernel did not reach /init in ${BOOT_TIMEOUT}s (console kept in"
	echo "#   $out/console-boot-hang.log); booting once more"
	tr -d '\r' <"$log" | tail -n 20 | sed 's/^/#   /'
	boot_vm || qemu_rc=boot
fi
set -e

if [ "$mode" = demo ]; then
	sed -n '/SVT-DEMO-BEGIN/,/SVT-DEMO-END/p' "$log" | sed '1d;$d'
	exit 0
fi
if [ "$mode" = bench ]; then
	tr -d '\r' <"$log" | grep -E '^BENCH-ERROR' >&2 || true
	tr -d '\r' <"$log" | sed -n 's/^BENCH,//p' >"$out/bench.csv"
	tr -d '\r' <"$log" | grep -q '^BENCH-END' && ! grep -q '^BENCH-ERROR' "$log" ||
		{ echo "bench: the benchmark did not finish cleanly (console: $log)" >&2; exit 1; }
	exit 0
fi

# Verdict: the test program's own lines, plus the kernel's health.
tr -d '\r' <"$log" | grep -E '^(ok|not ok|#) ' || true
passed=$(tr -d '\r' <"$log" | sed -n 's/^ktest: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
failed=$(tr -d '\r' <"$log" | sed -n 's/^ktest: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
passed=$((${passed:-0} + host_passed))
failed=$((${failed:-0} + host_failed))
if [ "$qemu_rc" = boot ]; then
	echo "not ok - $flavour: the kernel did not reach /init in ${BOOT_TIMEOUT}s, twice"
	failed=$((failed + 1))
elif [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
	echo "not ok - $flavour: the VM hung and was killed after ${VM_TIMEOUT}s"
	failed=$((failed + 1))
elif ! grep -q '^SVT-EXIT' "$log"; then
	echo "not ok - $flavour: the test program did not finish (panic or crash)"
	failed=$((failed + 1))
fi
# A run that did not finish shows where it stopped, so that a failure seen
# only in CI can be read from CI's output.
if ! grep -q '^SVT-EXIT' "$log"; then
	echo "# the last 60 lines of the console:"
	tr -d '\r' <"$log" | tail -n 60 | sed 's/^/#   /'
fi
bad='Kernel panic|BUG:|WARNING:|Oops|Call Trace|scheduling while atomic|sleeping function called from invalid context|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|DEBUG_LOCKS_WARN_ON|INFO: possible|general protection|UBSAN|KASAN|refcount_t:|list_add corruption|list_del corruption|INFO: task .* blocked'
# A user-space fault the kernel logs ("traps: prog[pid] general protection
# fault ip:...", as int $0x80 gives under ia32_emulation=0) is no kernel report.
if tr -d '\r' <"$log" | grep -E "$bad" |
	grep -vE 'traps: [^ ]+\[[0-9]+\] general protection fault ip:' >"$out/kernel-reports.txt"; then
	echo "not ok - $flavour: the kernel reported problems:"
	sed 's/^/#   /' "$out/kernel-reports.txt" | head -40
	failed=$((failed + 1))
else
	echo "ok - $flavour: kernel log clean"
	passed=$((passed + 1))
fi
echo "console log: $log"
echo "$flavour: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 1 ]
