#!/bin/sh
# make deb: build sysvec's Debian packages from this tree into
# build/packages/ and check them with lintian.
#
# The source is what git tracks plus new files it does not ignore (the
# working tree, build/ left out), copied to build/packaging/sysvec-VERSION/;
# that copy is the orig tarball, debian/ comes from packaging/deb/debian/,
# and dpkg-buildpackage builds the source package and the binary packages
# (sysvec, sysvec-dkms, libsysvec0, libsysvec-dev) with debhelper. Needs
# no root and no kernel headers. VERSION is the Makefile's; the changelog
# must name it (VERSION-REVISION). Exit status: 0 when the packages built
# and lintian found no error or warning.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^VERSION := //p' "$top/Makefile")
debversion=$(dpkg-parsechangelog -l "$top/packaging/deb/debian/changelog" -S Version)
case $debversion in
"$version"-*) ;;
*)	echo "build.sh: packaging/deb/debian/changelog is at $debversion, the Makefile at $version;" \
	     "add a changelog entry (dch -v $version-1)" >&2
	exit 1 ;;
esac
work=$top/build/packaging
src=$work/sysvec-$version
out=$top/build/packages

# A make that runs us (make deb) must not hand its flags and variables to
# the package build's make.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEFILES

rm -rf "$work"
mkdir -p "$src" "$out"
cd "$top"
# (a tracked file deleted in the working tree is left out)
git ls-files -z -co --exclude-standard | grep -zv '^build/' |
	xargs -0 sh -c 'for f; do if [ -e "$f" ] || [ -L "$f" ]; then printf "%s\0" "$f"; fi; done' sh |
	xargs -0 cp -P --parents -t "$src"
# The orig tarball, reproducible: sorted, fixed owner and times.
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner \
	--mtime="@$(dpkg-parsechangelog -l packaging/deb/debian/changelog -S Timestamp)" \
	-cJf "$work/sysvec_$version.orig.tar.xz" "sysvec-$version"
cp -r packaging/deb/debian "$src/debian"

echo "build.sh: dpkg-buildpackage in $src (log: $work/build.log)"
if ! (cd "$src" && dpkg-buildpackage -us -uc -jauto) >"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log" >&2
	echo "build.sh: dpkg-buildpackage failed; the whole log is $work/build.log" >&2
	exit 1
fi

changes=sysvec_${debversion}_$(dpkg-architecture -qDEB_HOST_ARCH).changes
# only what this build makes: the RPMs (sysvec-*.rpm) stay
rm -f "$out"/*.deb "$out"/sysvec_*
dcmd mv "$work/$changes" "$out/"
ls -l "$out"

echo "build.sh: lintian -i --fail-on warning $out/$changes"
lintian -i --fail-on warning "$out/$changes"
echo "build.sh: lintian found no errors or warnings"
