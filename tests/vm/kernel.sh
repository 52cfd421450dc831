# shellcheck shell=sh disable=SC2034,SC2154 # sourced: sets variables for run.sh, uses its $top
# Sourced by tests/vm/run.sh: where the kernel of a test flavour is.
# kernel_locate FLAVOUR sets KREL, KDIR (headers or build tree to build
# modules against), VMLINUZ, VM_TIMEOUT (seconds for the whole boot) and
# TEST_TIMEOUT (seconds for one test).
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
		;;
	debug)
		KDIR=$top/build/debug-kernel
		VMLINUZ=$KDIR/arch/x86/boot/bzImage
		[ -r "$VMLINUZ" ] || "$top/tests/vm/build-debug-kernel.sh"
		KREL=$(cat "$KDIR/include/config/kernel.release")
		# Syscalls are slower with lockdep; a normal run takes about 30 s.
		VM_TIMEOUT=${SVT_VM_TIMEOUT:-600}
		TEST_TIMEOUT=180
		;;
	*)
		echo "unknown flavour '$1' (cloud, rt or debug)" >&2
		exit 2
		;;
	esac
}
