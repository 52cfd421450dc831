#!/bin/sh
# Build the debug kernel the kernel tests also run on, from Debian's
# linux-source-6.1, into build/debug-kernel (about 7 minutes on 2 cores).
# Nothing outside the build tree is written or cached.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/build/linux-source
obj=$top/build/debug-kernel
tarball=$(ls /usr/src/linux-source-6.1*.tar.xz 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
	echo "build-debug-kernel.sh: /usr/src/linux-source-6.1.tar.xz missing;" \
	     "run scripts/install-deps.sh --debug-kernel" >&2
	exit 1
fi
if [ ! -f "$src/Makefile" ]; then
	echo "unpacking $tarball"
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
fi
mkdir -p "$obj"
# Built once per option list: a changed tests/vm/debug-kernel.config rebuilds it.
if [ -r "$obj/arch/x86/boot/bzImage" ] && cmp -s "$top/tests/vm/debug-kernel.config" "$obj/options"; then
	exit 0
fi
rm -f "$obj/options"
make -s -C "$src" O="$obj" tinyconfig >/dev/null
opts=$(grep -v '^#' "$top/tests/vm/debug-kernel.config")
# shellcheck disable=SC2046,SC2086 # one -e per option, split on purpose
"$src/scripts/config" --file "$obj/.config" $(for o in $opts; do printf -- '-e %s ' "$o"; done)
make -s -C "$src" O="$obj" olddefconfig >/dev/null
# Every option asked for must be set: a check that silently drops out
# would let the suite pass for the wrong reason.
for o in $opts; do
	grep -q "^CONFIG_$o=y" "$obj/.config" ||
		{ echo "build-debug-kernel.sh: CONFIG_$o did not stick (missing dependency?)" >&2; exit 1; }
done
echo "building the debug kernel in $obj"
make -s -C "$src" O="$obj" -j"$(nproc)" bzImage modules >"$obj/build.log" 2>&1 ||
	{ tail -50 "$obj/build.log"; exit 1; }
cp "$top/tests/vm/debug-kernel.config" "$obj/options"
echo "debug kernel: $(cat "$obj/include/config/kernel.release")"
