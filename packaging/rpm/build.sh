#!/bin/sh
# Build the RPMs of sysvec from this tree, on this (Debian) machine:
#   build/packages/sysvec-VERSION.tar.gz    the source tarball: the tracked
#                                           and the new (untracked, not
#                                           ignored) files, without build/
#   build/packages/*.rpm, *.src.rpm         rpmbuild -ba of sysvec.spec
# rpmbuild works in build/rpmbuild. BuildRequires name RHEL's packages
# (libyaml-devel ...), which dpkg does not know, so it runs with --nodeps
# and builds with Debian's compilers and -dev packages (install-deps.sh).
# The log is build/rpmbuild/rpmbuild.log.
#
# usage: packaging/rpm/build.sh [RPMBUILD-OPTION...]
#   e.g. --nocheck to skip %check (the unit and policyc tests)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
spec=packaging/rpm/sysvec.spec
out=build/packages
topdir=$top/build/rpmbuild

for t in rpmbuild git tar; do
	command -v $t >/dev/null || { echo "build.sh: $t is missing (apt-get install rpm)" >&2; exit 1; }
done
version=$(sed -n 's/^VERSION := *//p' Makefile)
specversion=$(sed -n 's/^Version: *//p' $spec)
if [ "$version" != "$specversion" ]; then
	echo "build.sh: the Makefile says version $version, $spec says $specversion:" \
		"set Version: (and add a %changelog entry)" >&2
	exit 1
fi

# The source tarball, from what git knows of the work tree: tracked files
# that still exist and new files that .gitignore does not exclude.
rm -rf "$topdir"
mkdir -p "$topdir/SOURCES" "$topdir/SPECS" "$out"
name=sysvec-$version
git ls-files -z --cached --others --exclude-standard -- . ':(exclude)build' |
	xargs -0 -r sh -c 'for f; do [ -f "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh |
	LC_ALL=C sort -z |
	tar --null --no-recursion --owner=0 --group=0 --numeric-owner \
		--mtime="$(git log -1 --format=@%ct)" --transform="s|^|$name/|" \
		-czf "$topdir/SOURCES/$name.tar.gz" -T -
cp "$topdir/SOURCES/$name.tar.gz" "$out/"
cp $spec "$topdir/SPECS/"

# As Fedora's macros have it: documentation and licences in
# /usr/share/{doc,licenses}/NAME (Debian's rpm adds -VERSION). No
# /usr/lib/.build-id links: Fedora makes them, but debuginfo lookups by
# build id mean nothing for a build on Debian. Debian's brp-compress has
# bashisms under #!/bin/sh (dash): run it with bash, so that man pages are
# compressed as on Fedora.
echo "build.sh: rpmbuild -ba $spec (log: build/rpmbuild/rpmbuild.log)"
if ! rpmbuild -ba --nodeps \
	--define "_topdir $topdir" \
	--define "_build_id_links none" \
	--define "_docdir_fmt %%{NAME}" \
	--define "__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
	"$@" \
	"$topdir/SPECS/sysvec.spec" >"$topdir/rpmbuild.log" 2>&1; then
	tail -n 40 "$topdir/rpmbuild.log"
	echo "build.sh: rpmbuild failed (build/rpmbuild/rpmbuild.log)" >&2
	exit 1
fi
grep -E '^(Wrote|Checking for unpackaged)' "$topdir/rpmbuild.log" || :

rm -f "$out"/*.rpm
find "$topdir/RPMS" "$topdir/SRPMS" -name '*.rpm' -exec mv {} "$out/" \;
ls -1 "$out"/*.rpm
