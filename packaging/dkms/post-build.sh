#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS POST_BUILD of sysvec, run in the build directory after a build for
# KERNEL: keep the registry's Module.symvers in
# /var/lib/sysvec/kernel/KERNEL/, where vectors built later for that kernel
# (policyc build, policyc install) take the registry's symbols from.
set -eu
kver=${1:?usage: post-build.sh KERNEL}
dir=/var/lib/sysvec/kernel/$kver
mkdir -p "$dir"
install -m 644 kernel/Module.symvers "$dir/Module.symvers.tmp"
mv -f "$dir/Module.symvers.tmp" "$dir/Module.symvers"
