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
	cloud|rt|cloud-*|rt-*)
		# FLAVOUR-LINE (rt-6.12), or FLAVOUR alone for the first line of
		# kernel/supported-kernels: scripts/kdir.sh names the headers,
		# never "the newest installed".
		kflavour=${1%%-*}
		kline=${1#"$kflavour"}
		kline=${kline#-}
		KDIR=$("$top/scripts/kdir.sh" "$kline" "$kflavour") || exit 1
		KREL=${KDIR#/usr/src/linux-headers-}
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
		echo "unknown flavour '$1' (cloud, rt, cloud-LINE, rt-LINE or debug)" >&2
		exit 2
		;;
	esac
}
