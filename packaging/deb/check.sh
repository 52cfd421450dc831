#!/bin/sh
# What make check asks of the Debian packages: make deb builds them and
# lintian finds no error or warning (build.sh), and each package holds what
# docs/design/packaging.md says, with the dependencies a user's apt needs.
# usage: packaging/deb/check.sh   (after make deb; prints "N passed, N failed")
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/packages
version=$(sed -n 's/^VERSION := //p' "$top/Makefile")
deb=${version}-1
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "not ok - $*"; }

files() {	# files PACKAGE: its regular files and links, one per line
	dpkg-deb -c "$1" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }'
}
has() {	# has PACKAGE PATH...: each path is in the package
	p=$1
	shift
	list=$(files "$p")
	for f; do
		if printf '%s\n' "$list" | grep -qx -- "$f"; then
			ok "$(basename "$p"): $f"
		else
			bad "$(basename "$p"): $f missing"
		fi
	done
}
field() {	# field PACKAGE FIELD EXPECTED
	got=$(dpkg-deb -f "$1" "$2")
	if [ "$got" = "$3" ]; then
		ok "$(basename "$1"): $2: $3"
	else
		bad "$(basename "$1"): $2 is \"$got\", not \"$3\""
	fi
}

for p in sysvec_${deb}_amd64.deb libsysvec0_${deb}_amd64.deb libsysvec-dev_${deb}_amd64.deb \
	 sysvec-dkms_${deb}_all.deb; do
	if [ -r "$out/$p" ]; then
		ok "built: $p"
	else
		bad "not built: $p (run make deb)"
	fi
done
[ "$failed" -eq 0 ] || { echo "$passed passed, $failed failed"; exit 1; }

tools=$out/sysvec_${deb}_amd64.deb
lib=$out/libsysvec0_${deb}_amd64.deb
dev=$out/libsysvec-dev_${deb}_amd64.deb
dkms=$out/sysvec-dkms_${deb}_all.deb

has "$tools" /usr/bin/svrun /usr/bin/svmon /usr/bin/policyc \
	/usr/share/sysvec/profiles/httpd.yaml /usr/share/sysvec/profiles/default.yaml \
	/usr/share/man/man1/svrun.1.gz /usr/share/man/man1/policyc.1.gz \
	/usr/share/man/man1/svmon.1.gz /usr/share/man/man4/sysvec.4.gz \
	/usr/share/man/man5/profile.5.gz /usr/lib/modules-load.d/sysvec.conf \
	/usr/share/bash-completion/completions/svrun /usr/share/bash-completion/completions/svmon \
	/usr/share/bash-completion/completions/policyc
if dpkg-deb -c "$tools" | awk '{ print $6 }' | grep -qx './etc/sysvec/profiles/'; then
	ok "sysvec: /etc/sysvec/profiles/ for the administrator's own"
else
	bad "sysvec: no /etc/sysvec/profiles/"
fi
field "$tools" Recommends "sysvec-dkms (= $deb), libsysvec-dev (= $deb)"
has "$lib" "/usr/lib/x86_64-linux-gnu/libsysvec.so.$version" /usr/lib/x86_64-linux-gnu/libsysvec.so.0
has "$dev" /usr/include/sysvec/libsysvec.h /usr/include/sysvec/sysvec.h \
	/usr/lib/x86_64-linux-gnu/libsysvec.so /usr/lib/x86_64-linux-gnu/libsysvec.a \
	/usr/lib/x86_64-linux-gnu/pkgconfig/libsysvec.pc /usr/share/sysvec/kernel/sysvec_vector.h \
	/usr/share/sysvec/kernel/sysvec.h
src=/usr/src/sysvec-$version
has "$dkms" "$src/dkms.conf" "$src/Makefile" "$src/kernel/Kbuild" "$src/kernel/supported-kernels" \
	"$src/include/uapi/sysvec.h" "$src/vectors/httpd/vector.c" "$src/vectors/httpd/Kbuild"
field "$dkms" Architecture all

# dkms.conf: every shipped profile's vector, the supported lines only
conf=$(dpkg-deb --fsys-tarfile "$dkms" | tar -xOf - ".$src/dkms.conf")
for y in "$top"/profiles/*.yaml; do
	name=$(sed -n 's/^name: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$y" | tr - _)
	if printf '%s\n' "$conf" | grep -q "^BUILT_MODULE_NAME\[[0-9]*\]=\"sysvec_$name\"$"; then
		ok "dkms.conf builds sysvec_$name"
	else
		bad "dkms.conf does not build sysvec_$name ($(basename "$y"))"
	fi
done
lines=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/kernel/supported-kernels" |
	sed 's/\./\\./g' | paste -sd'|')
want="BUILD_EXCLUSIVE_KERNEL=\"^($lines)\\.\""
if printf '%s\n' "$conf" | grep -qxF -- "$want"; then
	ok "dkms.conf: $want"
else
	bad "dkms.conf: no $want"
fi

# nothing outside the places Debian's policy allows, nothing of the build tree
for p in "$tools" "$lib" "$dev" "$dkms"; do
	stray=$(files "$p" | grep -v -e '^/usr/' -e '^/etc/' || true)
	stray="$stray$(files "$p" | grep -e '^/usr/local/' -e '/build/' || true)"
	if [ -z "$stray" ]; then
		ok "$(basename "$p"): only /usr and /etc, nothing of the build tree"
	else
		bad "$(basename "$p"): stray files: $stray"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
