#!/bin/sh
# Install the Debian packages sysvec needs to build and to run its tests.
# Used by `make deps`, `make check`, `make demo` and CI; safe to run again.
#
# usage: scripts/install-deps.sh [--rt] [--debug-kernel] [--bench] [--packaging]
#   --rt            also the PREEMPT_RT kernel images and headers
#   --debug-kernel  also what building the lockdep debug kernel needs
#   --bench         also gnuplot, for the benchmark report's plot
#   --packaging     also what make deb, make rpm and the system test need
set -eu

pkgs="build-essential make gcc libc6-dev pkg-config kmod shellcheck
      qemu-system-x86 busybox-static cpio gzip pahole
      linux-image-cloud-amd64 linux-headers-cloud-amd64
      linux-image-6.12-cloud-amd64 linux-headers-6.12-cloud-amd64
      libyaml-dev libseccomp-dev libcap-dev libaudit-dev libauparse-dev libcap-ng-dev libkmod-dev
      check
      linux-libc-dev clang libclang-rt-dev apache2 nginx devscripts"

for arg in "$@"; do
	case "$arg" in
	--rt) pkgs="$pkgs linux-image-rt-amd64 linux-headers-rt-amd64
		    linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64" ;;
	--debug-kernel) pkgs="$pkgs linux-source-6.1 flex bison libelf-dev bc libssl-dev xz-utils" ;;
	--bench) pkgs="$pkgs gnuplot-nox" ;;
	--packaging) pkgs="$pkgs debhelper dh-dkms dkms dpkg-dev fakeroot lintian bash-completion
			  rpm debootstrap e2fsprogs xz-utils" ;;
	*) echo "install-deps.sh: unknown option '$arg' (use --rt, --debug-kernel, --bench, --packaging)" >&2
	   exit 2 ;;
	esac
done

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps.sh: missing packages:$missing" >&2
	echo "install-deps.sh: run this script as root, or install them with apt-get" >&2
	exit 1
fi
echo "install-deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
