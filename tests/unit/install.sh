#!/bin/sh
# make install into a staging directory, then build a program against the
# installed libsysvec the way its users do: with pkg-config.
# Prints "install: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
stage=$top/build/stage
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }

rm -rf "$stage"
if make -s -C "$top" install DESTDIR="$stage" >"$top/build/install.log" 2>&1; then
	ok "make install"
else
	bad "make install"; cat "$top/build/install.log"
fi
for f in usr/bin/svrun usr/bin/svmon usr/bin/policyc usr/include/sysvec/libsysvec.h \
	 usr/include/sysvec/sysvec.h usr/share/man/man1/svrun.1 usr/share/man/man1/svmon.1 \
	 usr/share/man/man3/libsysvec.3 \
	 usr/share/sysvec/profiles/httpd.yaml; do
	if [ -e "$stage/$f" ]; then ok "installed /$f"; else bad "installed /$f"; fi
done
pcdir=$(find "$stage" -name libsysvec.pc -printf '%h\n' | head -n 1)
cat >"$top/build/pc-user.c" <<'C'
#include <libsysvec.h>
int main(void)
{
	char dir[256];

	return sysvec_vector_dir(dir, sizeof(dir)) ? 1 : 0;
}
C
if flags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$stage pkg-config --static \
		--cflags --libs libsysvec) &&
   cc -o "$top/build/pc-user" "$top/build/pc-user.c" $flags &&
   "$top/build/pc-user"; then
	ok "a program built with pkg-config libsysvec runs"
else
	bad "a program built with pkg-config libsysvec runs"
fi
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
