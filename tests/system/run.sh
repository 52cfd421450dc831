#!/bin/bash
# The system test: a real Debian bookworm system, systemd as PID 1, with
# sysvec's .deb packages installed by apt, booted under qemu.
#
# usage: tests/system/run.sh        (as root, after `make deb`)
#
# Phases (each one's time is printed at the end):
#   image   tests/system/build-image.sh: debootstrap, apt, the sysvec .debs,
#           `policyc install mytest`, then the rt kernel (DKMS rebuilds),
#           mke2fs -d build/system/disk.img (never mounted)
#   cloud   boot 1, Debian's 6.1 cloud kernel: tests/system/in-guest.sh
#   rt      boot 2 of the same disk, the 6.1 rt kernel installed after
#           sysvec: the same checks, then `apt-get purge` of every sysvec
#           package on the running system, a vector in use
#   purge   the file list after the purge (read from disk.img with debugfs)
#           against build/system/before.list, taken before sysvec was installed
# Every boot's serial console is kept in build/system/console-PHASE.log.
# A boot that does not end by itself within SYSTEM_VM_TIMEOUT seconds (900)
# is killed and fails; so does one whose kernel log shows an oops, BUG,
# WARNING, lockdep report or panic (the patterns of tests/vm/run.sh).
# Prints "system: N passed, N failed"; exits 1 on any failure.
#
# SYSTEM_WITHOUT_SYSVEC=1: the harness alone, without the packages (one boot
# of the cloud kernel: systemd, auditd, apache2 come up).
# SYSTEM_REUSE_IMAGE=1: boot the existing build/system/disk.img again
# (debugging only: the boots change the image).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/system
out=$top/build/system
vm_timeout=${SYSTEM_VM_TIMEOUT:-900}
begin_timeout=${SYSTEM_BEGIN_TIMEOUT:-400}
without_sysvec=${SYSTEM_WITHOUT_SYSVEC:-0}

[ "$(id -u)" = 0 ] || { echo "tests/system/run.sh: run as root" >&2; exit 1; }
for t in debootstrap mke2fs debugfs qemu-system-x86_64 timeout; do
	command -v "$t" >/dev/null || { echo "tests/system/run.sh: $t missing" >&2; exit 1; }
done

passed=0
failed=0
result() {	# result OK DESCRIPTION
	if [ "$1" = 0 ]; then
		echo "ok - $2"
		passed=$((passed + 1))
	else
		echo "not ok - $2"
		failed=$((failed + 1))
	fi
}
times=""
t0=$(date +%s)
timed() {	# timed NAME START
	times="$times$(printf '#   %-8s %5ss' "$1" $(($(date +%s) - $2)))
"
}
finish() {
	timed total "$t0"
	echo "# phase times:"
	printf '%s' "$times"
	echo "system: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}

# --- the image ---
mkdir -p "$out"
start=$(date +%s)
if [ "${SYSTEM_REUSE_IMAGE:-0}" = 1 ] && [ -f "$out/disk.img" ]; then
	echo "# reusing $out/disk.img"
else
	echo "== image (tests/system/build-image.sh; log: build/system/build.log)"
	SYSTEM_WITHOUT_SYSVEC=$without_sysvec "$here/build-image.sh" >"$out/build.log" 2>&1
	rc=$?
	grep -E '^# ' "$out/build.log"
	if [ "$rc" != 0 ]; then
		tail -n 40 "$out/build.log" | grep -vE '^# ' | sed 's/^/#   /'
		result 1 "image: build-image.sh (exit $rc)"
		timed image "$start"
		finish
	fi
	result 0 "image: debootstrap, apt (sysvec packages, policyc install mytest, then the rt kernel), mke2fs"
	if [ "$without_sysvec" != 1 ] && [ -s "$out/policyc-install.log" ] &&
	   grep -q 'policyc install mytest failed' "$out/build.log"; then
		result 1 "image: policyc install mytest in the chroot"
		sed 's/^/#   /' "$out/policyc-install.log" | tail -n 15
	fi
fi
timed image "$start"
cloud=$(cat "$out/kernel-cloud")
rt=$(cat "$out/kernel-rt")

# boot PHASE KREL: one boot of disk.img with the guest's own kernel and
# initrd; the verdict on its console.
bad='Kernel panic|BUG:|WARNING:|Oops|Call Trace|scheduling while atomic|sleeping function called from invalid context|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|DEBUG_LOCKS_WARN_ON|INFO: possible|general protection|UBSAN|KASAN|refcount_t:|list_add corruption|list_del corruption|INFO: task .* blocked|lockdep'
boot() {
	local phase=$1 krel=$2 log=$out/console-$1.log vm waited qemu_rc
	echo "== $phase: boot $krel"
	for f in "$out/root/boot/vmlinuz-$krel" "$out/root/boot/initrd.img-$krel"; do
		[ -r "$f" ] || { result 1 "$phase: $f missing"; return; }
	done
	timeout -k 10 "$vm_timeout" qemu-system-x86_64 -accel tcg,thread=single -cpu max -m 2G -smp 2 \
		-nographic -no-reboot -nic none \
		-drive file="$out/disk.img",format=raw,if=virtio \
		-kernel "$out/root/boot/vmlinuz-$krel" -initrd "$out/root/boot/initrd.img-$krel" \
		-append "root=LABEL=sysroot console=ttyS0 panic=-1 sysvec_test.phase=$phase sysvec_test.krel=$krel" \
		>"$log" 2>&1 </dev/null &
	vm=$!
	# A boot that never reaches the test unit is stopped early.
	waited=0
	while kill -0 "$vm" 2>/dev/null && ! grep -q SYSVEC-TEST-BEGIN "$log"; do
		if [ "$waited" -ge "$begin_timeout" ]; then
			kill "$vm"
			break
		fi
		sleep 2
		waited=$((waited + 2))
	done
	wait "$vm"
	qemu_rc=$?
	tr -d '\r' <"$log" | grep -E '^(ok|not ok|#) ' | grep -v '^# dkms status' || true
	tr -d '\r' <"$log" | grep '^# dkms status' | head -n 8
	local p f
	p=$(tr -d '\r' <"$log" | sed -n 's/^in-guest: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -n 1)
	f=$(tr -d '\r' <"$log" | sed -n 's/^in-guest: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
		result 1 "$phase: the VM hung and was killed after ${vm_timeout}s"
	elif ! grep -q SYSVEC-TEST-BEGIN "$log"; then
		result 1 "$phase: the system did not reach the test unit within ${begin_timeout}s"
	elif ! grep -q '^SYSVEC-TEST-END' "$log"; then
		result 1 "$phase: the test did not finish (qemu exit $qemu_rc)"
	elif [ "$qemu_rc" -ne 0 ]; then
		result 1 "$phase: the system did not power off by itself (qemu exit $qemu_rc)"
	else
		result 0 "$phase: booted with systemd, ran the test, powered off"
	fi
	if ! grep -q '^SYSVEC-TEST-END' "$log"; then
		echo "# the last 40 lines of the console ($log):"
		tr -d '\r' <"$log" | tail -n 40 | sed 's/^/#   /'
	fi
	# The kernel's lines: the console's "[ seconds] ..." lines, which
	# include the dmesg the test prints at its end.
	if tr -d '\r' <"$log" | grep -E '^\[ *[0-9]+\.[0-9]+\] ' | grep -E "$bad" |
		grep -vE 'traps: [^ ]+\[[0-9]+\] general protection fault ip:' >"$out/kernel-reports-$phase.txt"; then
		result 1 "$phase: the kernel reported problems:"
		sort -u "$out/kernel-reports-$phase.txt" | head -40 | sed 's/^/#   /'
	else
		result 0 "$phase: kernel log clean (no oops, BUG, WARNING, lockdep, panic)"
	fi
	echo "# console: $log"
}

if [ "$without_sysvec" = 1 ]; then
	start=$(date +%s)
	boot base "$cloud"
	timed base "$start"
	finish
fi

start=$(date +%s)
boot cloud "$cloud"
timed cloud "$start"
start=$(date +%s)
boot rt "$rt"
timed rt "$start"

# --- the purge: nothing of sysvec's is left ---
start=$(date +%s)
echo "== purge: the files after the purge against the files before sysvec"
rm -f "$out/after.list" "$out/dpkg-owned.list"
for f in after.list dpkg-owned.list; do
	debugfs -R "dump /var/tmp/sysvec-system-test/$f $out/$f" "$out/disk.img" >/dev/null 2>&1
done
if [ ! -s "$out/after.list" ] || [ ! -s "$out/dpkg-owned.list" ]; then
	result 1 "purge: the guest wrote no file list after the purge"
else
	# dpkg names files as packages ship them (/lib/modules/...); the
	# system has merged /usr, where find sees them (/usr/lib/modules/...).
	sed -E 's#^/(bin|sbin|lib|lib32|lib64|libx32)(/|$)#/usr/\1\2#' "$out/dpkg-owned.list" |
		LC_ALL=C sort -u >"$out/dpkg-owned-usr.list"
	# New since the baseline and still new after the purge, less what other
	# packages own (dpkg's lists after the purge: the rt kernel's files) and
	# what installing the rt kernel generated (its initramfs, depmod's
	# indexes, initramfs-tools' record of it).
	LC_ALL=C comm -13 "$out/before.list" "$out/after.list" |
		LC_ALL=C comm -23 - "$out/dpkg-owned-usr.list" |
		grep -vxE "/boot/initrd\.img-$rt|/var/lib/initramfs-tools/$rt|/usr/lib/modules/$rt/modules\.[a-z.]+" \
		>"$out/left-behind.list"
	LC_ALL=C comm -23 "$out/before.list" "$out/after.list" >"$out/removed.list"
	# depmod's indexes in the modules directory of a kernel that has only
	# headers (linux-headers-amd64, which dkms recommends): DKMS made the
	# directory to install sysvec there, and its depmod after `dkms remove`
	# writes the indexes again. Debian's DKMS does that for any module; not
	# sysvec's files, but said here.
	grep -E '^/usr/lib/modules/[^/]+/modules\.[a-z.]+$' "$out/left-behind.list" |
		while read -r f; do
			k=${f%/modules.*}
			grep -qxF "$k/kernel" "$out/after.list" || echo "$f"
		done >"$out/left-depmod.list"
	if [ -s "$out/left-depmod.list" ]; then
		echo "# not counted: $(wc -l <"$out/left-depmod.list") depmod index files DKMS left in" \
			"$(sed 's#/modules\.[a-z.]*$##' "$out/left-depmod.list" | sort -u | tr '\n' ' ')(kernels without an image)"
		grep -vxF -f "$out/left-depmod.list" "$out/left-behind.list" >"$out/left-behind.tmp" || true
		mv "$out/left-behind.tmp" "$out/left-behind.list"
	fi
	if [ -s "$out/left-behind.list" ]; then
		result 1 "purge: $(wc -l <"$out/left-behind.list") files left behind (build/system/left-behind.list)"
		head -n 30 "$out/left-behind.list" | sed 's/^/#   /'
	else
		result 0 "purge: no file of sysvec's is left behind"
	fi
	if [ -s "$out/removed.list" ]; then
		result 1 "purge: $(wc -l <"$out/removed.list") files of the system before sysvec are gone (build/system/removed.list)"
		head -n 30 "$out/removed.list" | sed 's/^/#   /'
	else
		result 0 "purge: every file of the system before sysvec is still there"
	fi
fi
timed purge "$start"
finish
