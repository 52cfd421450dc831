#!/bin/sh
# What a package of sysvec's user space gets: `make install` into a staging
# directory, libsysvec as users link it (pkg-config, shared and static) and
# exporting only sysvec_*, and a second build in a copy of the tree the way
# Debian builds it (dpkg-buildflags, PREFIX=/usr/local), whose programs
# must use the /usr/local paths and pass hardening-check.
# Prints "install: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
stage=$top/build/stage
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
check() {	# check DESCRIPTION COMMAND...: passes when COMMAND succeeds
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

rm -rf "$stage"
if make -s -C "$top" install DESTDIR="$stage" >"$top/build/install.log" 2>&1; then
	ok "make install"
else
	bad "make install"; cat "$top/build/install.log"
fi
libdir=$(find "$stage" -name libsysvec.pc -printf '%h\n' | sed 's|/pkgconfig$||' | head -n 1)
for f in usr/bin/svrun usr/bin/svmon usr/bin/policyc usr/include/sysvec/libsysvec.h \
	 usr/include/sysvec/sysvec.h usr/share/man/man1/svrun.1 usr/share/man/man1/svmon.1 \
	 usr/share/man/man1/policyc.1 usr/share/man/man3/libsysvec.3 \
	 usr/share/man/man4/sysvec.4 usr/share/man/man5/profile.5 \
	 usr/share/sysvec/profiles/httpd.yaml usr/share/sysvec/profiles/trace-calls.c \
	 usr/share/sysvec/kernel/sysvec_vector.h usr/share/sysvec/kernel/sysvec.h \
	 usr/share/bash-completion/completions/svrun usr/share/bash-completion/completions/svmon \
	 usr/share/bash-completion/completions/policyc; do
	if [ -e "$stage/$f" ]; then ok "installed /$f"; else bad "installed /$f"; fi
done
check "installed /etc/sysvec/profiles, empty" \
	sh -c "[ -d '$stage/etc/sysvec/profiles' ] && [ -z \"\$(ls -A '$stage/etc/sysvec/profiles')\" ]"

# ---- what packaging/ relies on (docs/design/packaging.md) ----
# policyc's default --sysvec directory compiles a vector module by itself:
# every header sysvec_vector.h includes with quotes is beside it.
kdir=$stage/usr/share/sysvec/kernel
missing=$(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$kdir/sysvec_vector.h" |
	while read -r h; do [ -e "$kdir/$h" ] || echo "$h"; done)
check "/usr/share/sysvec/kernel has what sysvec_vector.h includes${missing:+ (missing: $(echo $missing))}" \
	test -z "$missing"
check "/usr/share/sysvec/kernel/sysvec.h is the uapi header" \
	cmp -s "$kdir/sysvec.h" "$top/include/uapi/sysvec.h"
# Each completion loads into bash-completion and registers its command.
if [ -r /usr/share/bash-completion/bash_completion ]; then
	for prog in svrun svmon policyc; do
		check "bash completion for $prog registers" \
			bash -c ". /usr/share/bash-completion/bash_completion &&
				 . '$stage/usr/share/bash-completion/completions/$prog' &&
				 complete -p $prog | grep -q -- '-F _$prog $prog\$'"
	done
else
	bad "bash-completion is not installed: run scripts/install-deps.sh --packaging"
fi
for f in libsysvec.a libsysvec.so libsysvec.so.0; do
	if [ -e "$libdir/$f" ]; then ok "installed $f"; else bad "installed $f"; fi
done

# ---- what libsysvec exports ----
so=$libdir/libsysvec.so.0
check "libsysvec.so.0 has SONAME libsysvec.so.0" \
	sh -c "readelf -d '$so' | grep -q 'Library soname: \[libsysvec.so.0\]'"
# Every defined dynamic symbol is sysvec_* (LIBSYSVEC_0 is the version node).
others=$(nm -D --defined-only "$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' |
	grep -v '^sysvec_')
check "libsysvec.so exports only sysvec_* symbols${others:+ (also: $(echo $others))}" \
	test -z "$others"
others=$(nm -g --defined-only "$libdir/libsysvec.a" | awk 'NF == 3 { print $3 }' |
	grep -v '^sysvec_')
check "libsysvec.a defines only sysvec_* globals${others:+ (also: $(echo $others))}" \
	test -z "$others"
# The exported functions are exactly the ones libsysvec.h declares.
grep -o '\bsysvec_[a-z0-9_]*(' "$top/lib/libsysvec.h" | tr -d '(' | sort -u >"$top/build/api.h.txt"
nm -D --defined-only "$so" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u \
	>"$top/build/api.so.txt"
check "libsysvec.so exports exactly the functions of libsysvec.h" \
	cmp -s "$top/build/api.h.txt" "$top/build/api.so.txt"

cat >"$top/build/pc-user.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <libsysvec.h>
int main(void)
{
	char dir[256];

	if (sysvec_vector_dir(dir, sizeof(dir)))
		return 1;
	puts(sysvec_library_version());
	return 0;
}
C
version=$(sed -n 's/^VERSION := //p' "$top/Makefile")
pc() { PKG_CONFIG_PATH=$libdir/pkgconfig PKG_CONFIG_SYSROOT_DIR=$stage pkg-config "$@" libsysvec; }
check "a program built with pkg-config libsysvec runs with the shared library" \
	sh -c "cc -o '$top/build/pc-user' '$top/build/pc-user.c' $(pc --cflags --libs) &&
	       [ \"\$(LD_LIBRARY_PATH='$libdir' '$top/build/pc-user')\" = '$version' ] &&
	       LD_LIBRARY_PATH='$libdir' ldd '$top/build/pc-user' | grep -q 'libsysvec.so.0 => $libdir'"
# libsysvec.a with the libraries pkg-config --static names, which stay
# shared: Debian ships libkmod only as a shared library, so no program
# using libsysvec can be linked wholly static.
check "a program built with libsysvec.a and pkg-config --static libsysvec runs" \
	sh -c "cc -o '$top/build/pc-user-static' '$top/build/pc-user.c' \
	       $(pc --cflags) '$libdir/libsysvec.a' $(pc --static --libs-only-l | sed 's/-lsysvec//') &&
	       ! ldd '$top/build/pc-user-static' | grep -q libsysvec &&
	       [ \"\$('$top/build/pc-user-static' 2>/dev/null)\" = '$version' ]"

# ---- one version ----
for prog in svrun svmon policyc; do
	check "$prog --version prints $prog $version" \
		sh -c "[ \"\$('$stage/usr/bin/$prog' --version)\" = '$prog $version' ]"
done

# ---- a distribution's build: its flags, PREFIX=/usr/local ----
alt=$top/build/alt
rm -rf "$alt"
mkdir -p "$alt/src"
(cd "$top" && git ls-files -co --exclude-standard -z | grep -zv '^build/' |
	xargs -0 cp --parents -t "$alt/src" 2>/dev/null)
cflags=$(dpkg-buildflags --get CFLAGS)
cppflags=$(dpkg-buildflags --get CPPFLAGS)
ldflags=$(dpkg-buildflags --get LDFLAGS)
if make -s -C "$alt/src" install PREFIX=/usr/local DESTDIR="$alt/stage" CFLAGS="$cflags" \
		CPPFLAGS="$cppflags" LDFLAGS="$ldflags" >"$alt/build.log" 2>&1; then
	ok "make install PREFIX=/usr/local with dpkg-buildflags"
else
	bad "make install PREFIX=/usr/local with dpkg-buildflags"; tail -n 20 "$alt/build.log"
fi
check "the build used dpkg-buildflags' CFLAGS and LDFLAGS" \
	sh -c "grep -qF -- '$cflags' '$alt/src/build/gen/flags' &&
	       grep -qF -- '$ldflags' '$alt/src/build/gen/flags'"
check "make honours CC" \
	sh -c "make -s -n -B -C '$alt/src' CC=sv-test-cc build/policyc/policyc | grep -q '^sv-test-cc '"
bin=$alt/stage/usr/local/bin
for prog in svrun svmon policyc; do
	check "/usr/local/bin/$prog installed" test -x "$bin/$prog"
	check "/usr/local/share/bash-completion/completions/$prog installed" \
		test -f "$alt/stage/usr/local/share/bash-completion/completions/$prog"
done
check "/usr/local/etc/sysvec/profiles installed" test -d "$alt/stage/usr/local/etc/sysvec/profiles"
check "/usr/local/share/sysvec/kernel/sysvec_vector.h installed" \
	test -f "$alt/stage/usr/local/share/sysvec/kernel/sysvec_vector.h"
check "svrun built for /usr/local looks for profiles in /usr/local" \
	sh -c "env -u SYSVEC_PROFILE_PATH '$bin/svrun' -p no-such-profile -- true 2>&1 |
	       grep -qF 'in /usr/local/etc/sysvec/profiles:/usr/local/share/sysvec/profiles'"
check "policyc built for /usr/local takes the kernel files from /usr/local" \
	sh -c "'$bin/policyc' build --help | grep -qF '/usr/local/share/sysvec/kernel'"
pcfile=$(find "$alt/stage" -name libsysvec.pc | head -n 1)
check "libsysvec.pc for /usr/local" \
	sh -c "grep -qx 'prefix=/usr/local' '$pcfile' &&
	       grep -qx 'libdir=/usr/local/lib/x86_64-linux-gnu' '$pcfile' &&
	       grep -qx 'includedir=/usr/local/include' '$pcfile' &&
	       case '$pcfile' in */usr/local/lib/x86_64-linux-gnu/pkgconfig/*) ;; *) false ;; esac"
# Every check but control-flow protection: the programs are built with
# -fcf-protection, but Debian 12's own startup files (crt1.o) carry no
# IBT/SHSTK property, so no program linked there gets the note that
# hardening-check looks for (not even `int main(void) {}`).
if command -v hardening-check >/dev/null; then
	for prog in svrun svmon policyc; do
		if out=$(hardening-check --nocfprotection "$bin/$prog" 2>&1); then
			ok "hardening-check $prog"
		else
			bad "hardening-check $prog"; printf '%s\n' "$out" | sed 's/^/#   /'
		fi
	done
else
	bad "hardening-check (devscripts) is not installed: run scripts/install-deps.sh"
fi
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
