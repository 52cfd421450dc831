#!/bin/sh
# Check the RPMs that packaging/rpm/build.sh wrote to build/packages/:
#   - each package holds the key paths of docs/design/packaging.md, and
#     nothing under /usr/local or from the build tree; no file is in two
#     packages; sysvec-dkms is noarch;
#   - the scriptlets of sysvec-dkms: %post adds, builds and installs the
#     module with dkms for every kernel with headers (run here with a
#     stand-in dkms that logs its calls), %preun removes it on erase only;
#   - what each package requires, recommends and provides;
#   - all of them installed into a scratch root (rpm --root
#     build/rpmroot --nodeps --noscripts: the scriptlets would run in a
#     chroot without a shell) land where the contract says, with the
#     installed paths compiled into the programs;
#   - the DKMS source builds with kbuild against this machine's 6.12
#     headers, and its dkms.conf admits the supported lines' kernels (RHEL
#     10's included) and excludes the others (RHEL 9's 5.14, Fedora's).
# rpmlint is run when installed (Debian has no package of it).
# Prints "ok - ..." / "not ok - ..." and "rpm: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
pkgdir=build/packages
root=$top/build/rpmroot
work=$top/build/rpmcheck
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
check() {	# check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}
finish() {
	echo "rpm: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

version=$(sed -n 's/^VERSION := *//p' Makefile)
release=$(sed -n 's/^Release: *\([0-9.]*\).*/\1/p' packaging/rpm/sysvec.spec)
vr=$version-$release
rpmfile() {	# rpmfile NAME ARCH
	echo "$pkgdir/$1-$vr.$2.rpm"
}
SYSVEC=$(rpmfile sysvec x86_64)
LIBS=$(rpmfile sysvec-libs x86_64)
DEVEL=$(rpmfile sysvec-devel x86_64)
STATIC=$(rpmfile sysvec-static x86_64)
DKMS=$(rpmfile sysvec-dkms noarch)
SRPM=$pkgdir/sysvec-$vr.src.rpm
for f in "$SYSVEC" "$LIBS" "$DEVEL" "$STATIC" "$DKMS" "$SRPM"; do
	check "built ${f#$pkgdir/}" test -f "$f"
done
[ "$failed" -eq 0 ] || finish
rm -rf "$work"
mkdir -p "$work"
profiles=$(cd profiles && ls *.yaml | sed 's/\.yaml$//')

# ---- file lists ----
has() {		# has PKGFILE PATH...: each PATH is in the package's list
	list=$work/$(basename "$1").list
	[ -f "$list" ] || rpm -qlp "$1" 2>/dev/null >"$list"
	pkg=$(rpm -qp --qf '%{NAME}' "$1" 2>/dev/null)
	shift
	for p; do
		if grep -qxF "$p" "$list" || grep -qx "$p\.gz\|$p\.xz\|$p\.bz2\|$p\.zst" "$list"; then
			ok "$pkg has $p"
		else
			bad "$pkg has $p"
		fi
	done
}
has "$SYSVEC" /usr/bin/svrun /usr/bin/svmon /usr/bin/policyc /etc/sysvec/profiles \
	/usr/lib/sysvec/vectors /usr/share/man/man1/svrun.1 /usr/share/man/man1/svmon.1 \
	/usr/share/man/man1/policyc.1 /usr/share/man/man4/sysvec.4 /usr/share/man/man5/profile.5 \
	/usr/share/bash-completion/completions/svrun /usr/lib/modules-load.d/sysvec.conf \
	/usr/share/licenses/sysvec/LICENSE /usr/share/doc/sysvec/README.md
for n in $profiles; do
	has "$SYSVEC" /usr/share/sysvec/profiles/$n.yaml
done
has "$LIBS" /usr/lib64/libsysvec.so.0 /usr/lib64/libsysvec.so.$version
has "$DEVEL" /usr/include/sysvec/libsysvec.h /usr/include/sysvec/sysvec.h \
	/usr/lib64/libsysvec.so /usr/lib64/pkgconfig/libsysvec.pc /usr/share/man/man3/libsysvec.3 \
	/usr/share/sysvec/kernel/sysvec_vector.h
has "$STATIC" /usr/lib64/libsysvec.a
src=/usr/src/sysvec-$version
has "$DKMS" $src/dkms.conf $src/Makefile $src/post-build.sh $src/post-remove.sh \
	$src/kernel/Kbuild $src/kernel/main.c $src/kernel/sysvec_vector.h \
	$src/kernel/supported-kernels $src/include/uapi/sysvec.h /var/lib/sysvec/kernel
for n in $profiles; do
	has "$DKMS" $src/vectors/$n/vector.c $src/vectors/$n/Kbuild
done

# What is where, exactly: the shared library only in -libs, the link and
# headers only in -devel, the archive only in -static, sources only in -dkms.
only() {	# only PKGFILE DESCRIPTION REGEX: every file of the package matches
	extra=$(grep -v -E "$3" "$work/$(basename "$1").list")
	check "$(rpm -qp --qf '%{NAME}' "$1" 2>/dev/null) holds only $2${extra:+ (also: $(echo $extra))}" \
		test -z "$extra"
}
only "$LIBS" "libsysvec.so.0* and its licence" \
	'^/usr/lib64/libsysvec\.so\.0(\.[0-9.]+)?$|^/usr/share/licenses/sysvec-libs(/LICENSE)?$'
only "$DEVEL" "headers, the .so link, the .pc, libsysvec.3 and /usr/share/sysvec/kernel" \
	'^/usr/include/sysvec(/.*)?$|^/usr/share/sysvec$|^/usr/lib64/libsysvec\.so$|^/usr/lib64/pkgconfig/libsysvec\.pc$|^/usr/share/man/man3/libsysvec\.3|^/usr/share/sysvec/kernel(/.*)?$'
only "$STATIC" "libsysvec.a" '^/usr/lib64/libsysvec\.a$'
only "$DKMS" "/usr/src/sysvec-$version, /var/lib/sysvec/kernel and its licence" \
	"^/usr/src/sysvec-$version(/.*)?\$|^/var/lib/sysvec(/kernel)?\$|^/usr/share/licenses/sysvec-dkms(/LICENSE)?\$"
only "$SYSVEC" "the tools' paths" \
	'^/usr/bin/(svrun|svmon|policyc)$|^/etc/sysvec(/profiles)?$|^/usr/lib/sysvec(/vectors)?$|^/usr/share/sysvec(/profiles(/.*)?)?$|^/usr/share/man/man[145]/|^/usr/share/bash-completion/completions/|^/usr/lib/modules-load.d/sysvec\.conf$|^/usr/lib/systemd/|^/usr/share/(doc|licenses)/sysvec(/.*)?$'
cat "$work"/*.list >"$work/all"
check "no package has a file under /usr/local" sh -c "! grep -q '^/usr/local' '$work/all'"
check "no package has a build-tree path" sh -c "! grep -q -e BUILDROOT -e rpmbuild -e '$top' '$work/all'"
dups=$(grep -v -x -E '/usr/share/sysvec|/var/lib/sysvec' "$work/all" | sort | uniq -d)
check "no file is in two packages${dups:+ ($(echo $dups))}" test -z "$dups"
check "sysvec-dkms is noarch" test "$(rpm -qp --qf '%{ARCH}' "$DKMS" 2>/dev/null)" = noarch
check "sysvec-devel has no .a (Fedora: static libraries go in -static)" \
	sh -c "! grep -q '\.a\$' '$work/$(basename "$DEVEL").list'"

# ---- scriptlets ----
rpm -qp --scripts "$DKMS" >"$work/dkms.scripts" 2>/dev/null
for pat in "^postinstall scriptlet" "dkms add -m sysvec -v $version" \
	   "dkms build -m sysvec -v $version -k" "dkms install -m sysvec -v $version -k" \
	   "^preuninstall scriptlet" "dkms remove -m sysvec -v $version --all"; do
	check "sysvec-dkms scripts: $pat" grep -q -e "$pat" "$work/dkms.scripts"
done
for p in "$SYSVEC" "$LIBS" "$DEVEL" "$STATIC"; do
	check "$(rpm -qp --qf '%{NAME}' "$p" 2>/dev/null) has no scriptlets" \
		test -z "$(rpm -qp --scripts "$p" 2>/dev/null)"
done
# The scriptlets run with a stand-in dkms that logs its calls; "dkms
# status" answers from $DKMS_STATUS. Kernels with headers: those of
# /lib/modules/*/build here.
mkdir -p "$work/bin"
cat >"$work/bin/dkms" <<'EOF'
#!/bin/sh
echo "dkms $*" >>"$DKMS_LOG"
[ "$1" = status ] || exit 0
v=
while [ $# -gt 0 ]; do [ "$1" = -v ] && v=$2; shift; done
printf '%s\n' "${DKMS_STATUS:-}" | grep "^sysvec/$v" || :
EOF
chmod 755 "$work/bin/dkms"
rpm -qp --qf '%{POSTIN}' "$DKMS" >"$work/post.sh" 2>/dev/null
rpm -qp --qf '%{PREUN}' "$DKMS" >"$work/preun.sh" 2>/dev/null
runscript() {	# runscript SCRIPT ARG [STATUS]: the dkms calls, one a line
	: >"$work/dkms.log"
	DKMS_LOG=$work/dkms.log DKMS_STATUS=${3:-} PATH=$work/bin:$PATH sh "$work/$1" "$2" \
		>/dev/null 2>&1
	grep -v '^dkms status' "$work/dkms.log"
}
kernels=$(for k in /lib/modules/*; do [ -d "$k/build" ] && echo "${k##*/}"; done)
{
	echo "dkms add -m sysvec -v $version -q"
	for k in $kernels; do
		echo "dkms build -m sysvec -v $version -k $k -q --force"
		echo "dkms install -m sysvec -v $version -k $k -q --force"
	done
} >"$work/expect.install"
runscript post.sh 1 >"$work/got.install"
check "%post on install: dkms add, then build and install for each of the $(echo $kernels | wc -w) kernels with headers" \
	cmp -s "$work/expect.install" "$work/got.install"
{
	echo "dkms remove -m sysvec -v 0.3.0 --all -q"
	cat "$work/expect.install"
} >"$work/expect.upgrade"
runscript post.sh 2 "sysvec/0.3.0, 6.1.0-57-cloud-amd64, x86_64: installed" >"$work/got.upgrade"
check "%post on upgrade from 0.3.0: removes 0.3.0, adds and builds $version" \
	cmp -s "$work/expect.upgrade" "$work/got.upgrade"
grep -v '^dkms add' "$work/expect.install" >"$work/expect.same"
runscript post.sh 2 "sysvec/$version: added" >"$work/got.same"
check "%post on a new release of $version: no second add, builds and installs again" \
	cmp -s "$work/expect.same" "$work/got.same"
runscript preun.sh 0 >"$work/got.erase"
check "%preun on erase: dkms remove -m sysvec -v $version --all" \
	test "$(cat "$work/got.erase")" = "dkms remove -m sysvec -v $version --all -q"
runscript preun.sh 1 >"$work/got.keep"
check "%preun on upgrade: removes nothing (the new %post has replaced it)" test ! -s "$work/got.keep"

# ---- dependencies ----
requires() {	# requires PKGFILE: its requirements, one a line, without rpmlib()
	rpm -qp --requires "$1" 2>/dev/null | grep -v '^rpmlib(' | sed 's/ *$//' | sort -u
}
needs() {	# needs PKGFILE KIND LINE...: each LINE is among --KIND
	f=$1 kind=$2
	shift 2
	rpm -qp --"$kind" "$f" 2>/dev/null | sed 's/ *$//' >"$work/deps"
	who=$(rpm -qp --qf '%{NAME}' "$f" 2>/dev/null)
	case $f in *.src.rpm) who="the source package"; [ "$kind" = requires ] && kind=BuildRequires ;; esac
	for d; do
		check "$who $kind $d" grep -qxF "$d" "$work/deps"
	done
}
needs "$DKMS" requires "dkms >= 3" "(kernel-devel or kernel-rt-devel)" make gcc
check "sysvec-dkms requires nothing more (and no shared library: noarch)" \
	test "$(requires "$DKMS" | grep -v -x -e 'dkms >= 3' -e '(kernel-devel or kernel-rt-devel)' \
		-e make -e gcc -e dkms -e /bin/sh)" = ""
needs "$DKMS" provides "dkms-sysvec = $vr" "sysvec-dkms = $vr"
needs "$LIBS" provides "libsysvec.so.0()(64bit)" "libsysvec.so.0(LIBSYSVEC_0)(64bit)"
needs "$LIBS" requires "libyaml-0.so.2()(64bit)" "libseccomp.so.2()(64bit)" "libkmod.so.2()(64bit)"
needs "$DEVEL" requires "sysvec-libs(x86-64) = $vr" "pkgconfig(yaml-0.1)" "pkgconfig(libseccomp)" \
	"pkgconfig(libkmod)"
needs "$DEVEL" provides "pkgconfig(libsysvec) = $version"
needs "$STATIC" requires "sysvec-devel(x86-64) = $vr"
needs "$SYSVEC" requires "libyaml-0.so.2()(64bit)" "libseccomp.so.2()(64bit)" \
	"libkmod.so.2()(64bit)" "libcap.so.2()(64bit)"
check "sysvec does not require libsysvec.so.0 (svrun and svmon link it statically)" \
	sh -c "! rpm -qp --requires '$SYSVEC' 2>/dev/null | grep -q libsysvec"
needs "$SYSVEC" recommends "sysvec-dkms = $vr"
needs "$SRPM" requires gcc make libyaml-devel libseccomp-devel libcap-devel audit-libs-devel \
	kmod-devel check-devel

# ---- installed into a scratch root ----
rm -rf "$root"
mkdir -p "$root"
check "rpm --initdb --root build/rpmroot" rpm --initdb --root "$root"
if rpm -i --root "$root" --nodeps --noscripts "$SYSVEC" "$LIBS" "$DEVEL" "$STATIC" "$DKMS" \
	>"$work/install.log" 2>&1; then
	ok "rpm -i --root build/rpmroot --nodeps --noscripts: all five packages"
else
	bad "rpm -i --root build/rpmroot --nodeps --noscripts: all five packages"
	sed 's/^/#   /' "$work/install.log"
fi
check "rpm -qa --root lists the five packages" \
	test "$(rpm -qa --root "$root" --qf '%{NAME}\n' | sort | tr '\n' ' ')" = \
	"sysvec sysvec-devel sysvec-dkms sysvec-libs sysvec-static "
check "rpm -V --root: every installed file as packaged" \
	sh -c "rpm -V --root '$root' --nodeps sysvec sysvec-libs sysvec-devel sysvec-static sysvec-dkms >'$work/verify' 2>&1"
for f in usr/bin/svrun usr/bin/svmon usr/bin/policyc; do
	check "/$f is an executable PIE" sh -c "test -x '$root/$f' &&
		readelf -h '$root/$f' | grep -q 'DYN (Position-Independent Executable'"
done
check "libsysvec.so.0 -> libsysvec.so.$version, libsysvec.so -> libsysvec.so.0" sh -c "
	test \"\$(readlink '$root/usr/lib64/libsysvec.so.0')\" = libsysvec.so.$version &&
	test \"\$(readlink '$root/usr/lib64/libsysvec.so')\" = libsysvec.so.0"
check "libsysvec.pc names /usr/lib64 and /usr/include" sh -c "
	grep -qx 'libdir=/usr/lib64' '$root/usr/lib64/pkgconfig/libsysvec.pc' &&
	grep -qx 'includedir=/usr/include' '$root/usr/lib64/pkgconfig/libsysvec.pc'"
check "svrun looks for profiles in /etc/sysvec/profiles and /usr/share/sysvec/profiles" \
	grep -qF "/etc/sysvec/profiles:/usr/share/sysvec/profiles" "$root/usr/bin/svrun"
check "svrun loads vectors from /usr/lib/sysvec/vectors" \
	grep -qF "/usr/lib/sysvec/vectors" "$root/usr/bin/svrun"
check "policyc takes the kernel API from /usr/share/sysvec/kernel" \
	grep -qF "/usr/share/sysvec" "$root/usr/bin/policyc"
check "svrun --version runs from the scratch root, says $version" sh -c \
	"'$root/usr/bin/svrun' --version | grep -qF '$version'"
check "the modules-load.d file loads the registry module sysvec" \
	grep -qx sysvec "$root/usr/lib/modules-load.d/sysvec.conf"
check "nothing under /usr/local in the root" test ! -e "$root/usr/local"
leak=$(grep -rlF "$top" "$root/usr" "$root/etc" 2>/dev/null | sed "s|^$root||")
check "no installed file names the build tree${leak:+ ($(echo $leak))}" test -z "$leak"
d=$root$src
check "dkms.conf: PACKAGE_NAME sysvec, PACKAGE_VERSION $version, AUTOINSTALL" sh -c "
	grep -qx 'PACKAGE_NAME=\"sysvec\"' '$d/dkms.conf' &&
	grep -qx 'PACKAGE_VERSION=\"$version\"' '$d/dkms.conf' &&
	grep -qix 'AUTOINSTALL=\"yes\"' '$d/dkms.conf'"
nmods=$(grep -c '^BUILT_MODULE_NAME' "$d/dkms.conf")
check "dkms.conf builds sysvec and one vector per shipped profile ($nmods modules)" \
	test "$nmods" -eq $(( $(echo $profiles | wc -w) + 1 ))
check "post-build.sh and post-remove.sh are executable" test -x "$d/post-build.sh" -a -x "$d/post-remove.sh"

# Which kernels DKMS builds for: BUILD_EXCLUSIVE_KERNEL, as dkms matches it
# (a bash regex on the kernel release).
regex=$(sed -n 's/^BUILD_EXCLUSIVE_KERNEL="\(.*\)"$/\1/p' "$d/dkms.conf" | sed 's/\\\\/\\/g')
for k in 6.12.0-55.el10.x86_64 6.12.0-124.8.1.el10_1.x86_64+rt 6.1.0-57-cloud-amd64 \
	 6.12.117+deb12-rt-amd64; do
	check "dkms.conf admits kernel $k" bash -c '[[ $1 =~ $2 ]]' _ "$k" "$regex"
done
for k in 5.14.0-503.11.1.el9_5.x86_64 6.17.1-300.fc43.x86_64 6.6.0-1.el9 4.18.0-553.el8_10.x86_64; do
	check "dkms.conf refuses kernel $k" bash -c '! [[ $1 =~ $2 ]]' _ "$k" "$regex"
done

# The packaged source builds as dkms builds it (its MAKE[0]) against
# 6.12 headers, in a copy.
kdir=$(ls -d /lib/modules/6.12.*-cloud-amd64/build 2>/dev/null | head -n 1)
if [ -n "$kdir" ]; then
	cp -a "$d" "$work/dkms-src"
	if make -j"$(nproc)" -C "$work/dkms-src" KDIR="$kdir" >"$work/kbuild.log" 2>&1; then
		ok "the DKMS source builds against $kdir"
	else
		bad "the DKMS source builds against $kdir"
		tail -n 20 "$work/kbuild.log" | sed 's/^/#   /'
	fi
	missing=
	i=0
	while [ $i -lt "$nmods" ]; do
		name=$(sed -n "s/^BUILT_MODULE_NAME\[$i\]=\"\(.*\)\"/\1/p" "$d/dkms.conf")
		loc=$(sed -n "s/^BUILT_MODULE_LOCATION\[$i\]=\"\(.*\)\"/\1/p" "$d/dkms.conf")
		[ -f "$work/dkms-src/$loc/$name.ko" ] || missing="$missing $loc$name.ko"
		i=$((i + 1))
	done
	check "every module dkms.conf names was built${missing:+ (missing:$missing)}" test -z "$missing"
else
	bad "no 6.12 cloud headers here to build the DKMS source against"
fi

# ---- rpmlint ----
if command -v rpmlint >/dev/null; then
	check "rpmlint: no errors" sh -c "rpmlint '$pkgdir' >'$work/rpmlint.log' 2>&1"
else
	echo "# rpmlint is not installed (Debian has no package of it): not run"
fi
finish
