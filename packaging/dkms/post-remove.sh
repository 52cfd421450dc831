#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS POST_REMOVE of sysvec: the modules are gone from KERNEL, and so is
# the registry whose symbols /var/lib/sysvec/kernel/KERNEL/Module.symvers
# describes.
set -eu
kver=${1:?usage: post-remove.sh KERNEL}
dir=/var/lib/sysvec/kernel/$kver
rm -f "$dir/Module.symvers"
if [ -d "$dir" ]; then
	rmdir --ignore-fail-on-non-empty "$dir"
fi
