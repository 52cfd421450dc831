#!/bin/sh
# The kernel build tree to build sysvec's modules against: the one rule of
# the Makefile and the VM tests, so that both always name the same kernel.
#
# usage: scripts/kdir.sh [LINE [FLAVOUR]]
#   LINE     a kernel line of kernel/supported-kernels (6.1, 6.12); empty:
#            the first one
#   FLAVOUR  a Debian kernel flavour (cloud, rt, amd64); default cloud
# With LINE: the installed Debian headers of that line and flavour,
# /usr/src/linux-headers-LINE.*-FLAVOUR-amd64 (or -amd64 for the generic
# flavour); exactly one must be installed. Without: the running kernel's
# build tree if it is installed and of a supported line, else the first
# supported line, cloud flavour. Never "the newest headers installed".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
lines=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/kernel/supported-kernels")

if [ $# -eq 0 ]; then
	running=/lib/modules/$(uname -r)/build
	rline=$(uname -r | sed -n 's/^\([0-9]*\.[0-9]*\)[.-].*/\1/p')
	for l in $lines; do
		if [ "$l" = "$rline" ] && [ -d "$running" ]; then
			echo "$running"
			exit 0
		fi
	done
	set -- "$(echo "$lines" | head -n 1)" cloud
fi
line=${1:-$(echo "$lines" | head -n 1)}
flavour=${2:-cloud}
case "$flavour" in
amd64) suffix=amd64 ;;
*) suffix=$flavour-amd64 ;;
esac
# 6.1 matches 6.1.0-57-cloud-amd64 and not 6.12.117+deb12-cloud-amd64
found=$(ls -d /usr/src/linux-headers-"$line".*-"$suffix" 2>/dev/null || true)
case "$found" in
"")
	pkg=linux-headers-$flavour-amd64
	[ "$line" = "$(echo "$lines" | head -n 1)" ] || pkg=linux-headers-$line-$suffix
	echo "kdir.sh: no headers of kernel line $line, flavour $flavour, in /usr/src:" \
		"install $pkg, or give KDIR=" >&2
	exit 1 ;;
*" "*|*"
"*)
	echo "kdir.sh: several headers of kernel line $line, flavour $flavour:" $found \
		"- name one with KDIR=" >&2
	exit 1 ;;
esac
echo "$found"
