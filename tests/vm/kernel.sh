# shellcheck shell=sh disable=SC2034,SC2154 # sourced: sets variables for run.sh, uses its $top
# Sourced by tests/vm/run.sh: where the kernel of a test flavour is.
# kernel_locate FLAVOUR sets KREL, KDIR (headers or build tree to build
# modules against), VMLINUZ, VM_TIMEOUT (seconds for the whole boot),
# TEST_TIMEOUT (seconds for one test) and ACCEL (qemu's -accel).
#
# Every flavour runs under single-threaded TCG (-accel tcg,thread=single;
# the guest still has two vCPUs, which qemu runs in turns). Under qemu
# 7.2's multi-threaded TCG a guest hangs, with both vCPUs trapping at the
# sys_enter static-key site, when a sys_enter tracepoint is enabled while
# other threads keep making syscalls: toggling the kernel's own
# events/raw_syscalls/sys_enter/enable through tracefs, with no sysvec
# module loaded, hung the RT kernel in 4 of 7 boots and 0 of 8 under
# thread=single, and attach_detach_while_churning hung the cloud kernel
# the same way (RCU stall, soft lockup at do_exit). It is a qemu fault,
# not a kernel one, so no flavour is exempt.
kernel_locate() {
	case "$1" in
	cloud|rt)
		# The newest installed headers of that flavour; never a fixed ABI.
		KREL=$(ls -d /usr/src/linux-headers-*-"$1"-amd64 2>/dev/null |
			sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
		if [ -z "$KREL" ]; then
			echo "no linux-headers-*-$1-amd64: run scripts/install-deps.sh${1:+ --rt}" >&2
			exit 1
		fi
		KDIR=/usr/src/linux-headers-$KREL
		VMLINUZ=/boot/vmlinuz-$KREL
		if [ ! -r "$VMLINUZ" ]; then
			echo "$VMLINUZ missing: install linux-image-$KREL" >&2
			exit 1
		fi
		VM_TIMEOUT=${SVT_VM_TIMEOUT:-400}
		TEST_TIMEOUT=120
		ACCEL=tcg,thread=single
		;;
	debug)
		KDIR=$top/build/debug-kernel
		VMLINUZ=$KDIR/arch/x86/boot/bzImage
		"$top/tests/vm/build-debug-kernel.sh"	# a no-op once built with these options
		KREL=$(cat "$KDIR/include/config/kernel.release")
		# Syscalls are slower with lockdep; a normal run takes about 30 s.
		VM_TIMEOUT=${SVT_VM_TIMEOUT:-600}
		TEST_TIMEOUT=180
		ACCEL=tcg,thread=single
		;;
	*)
		echo "unknown flavour '$1' (cloud, rt or debug)" >&2
		exit 2
		;;
	esac
}
