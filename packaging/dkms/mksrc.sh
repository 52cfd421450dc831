#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Write sysvec's DKMS source tree, what /usr/src/sysvec-VERSION holds:
#
#   mksrc.sh TOP POLICYC DEST
#
# TOP is the source tree, POLICYC the policyc to generate the vectors with
# (the one just built), DEST the directory to fill (it must not exist yet).
# DEST gets the registry's source (kernel/: Kbuild, the C files and headers,
# supported-kernels, gen-syscall-names.sh; include/uapi/sysvec.h), one
# directory vectors/NAME/ per shipped profile TOP/profiles/NAME.yaml with
# what `policyc build --source-only` writes (vector.c, Kbuild, the
# profile's handler files), and the DKMS driver: Makefile, post-build.sh,
# post-remove.sh and dkms.conf, whose module list names every vector and
# whose BUILD_EXCLUSIVE_KERNEL accepts the lines of kernel/supported-kernels.
# Needs no kernel headers: nothing is compiled.
set -eu
top=${1:?usage: mksrc.sh TOP POLICYC DEST}
policyc=${2:?usage: mksrc.sh TOP POLICYC DEST}
dest=${3:?usage: mksrc.sh TOP POLICYC DEST}
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's/^VERSION := //p' "$top/Makefile")
[ -n "$version" ] || { echo "mksrc.sh: no VERSION in $top/Makefile" >&2; exit 1; }
if [ -e "$dest" ]; then
	echo "mksrc.sh: $dest exists" >&2
	exit 1
fi

mkdir -p "$dest/kernel" "$dest/include/uapi" "$dest/vectors"
cp "$top"/kernel/Kbuild "$top"/kernel/*.c "$top"/kernel/*.h "$top"/kernel/supported-kernels \
   "$top"/kernel/gen-syscall-names.sh "$dest/kernel/"
# Kbuild runs the generator through $(CONFIG_SHELL): it need not be executable.
chmod 644 "$dest"/kernel/*
cp "$top/include/uapi/sysvec.h" "$dest/include/uapi/"
cp "$here/Makefile" "$dest/"
install -m 755 "$here/post-build.sh" "$here/post-remove.sh" "$dest/"

# "6.1" and "6.12" -> ^(6\.1|6\.12)\.
lines=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$top/kernel/supported-kernels")
[ -n "$lines" ] || { echo "mksrc.sh: no kernel lines in kernel/supported-kernels" >&2; exit 1; }
regex="^($(printf '%s\n' "$lines" | sed 's/\./\\\\./g' | paste -sd '|'))\\\\."

sed -e "s/@VERSION@/$version/" -e "s/@KERNEL_REGEX@/$regex/" "$here/dkms.conf.in" \
	>"$dest/dkms.conf"
{
	echo
	echo "# The registry first, then one vector module per shipped profile."
	i=0
	printf 'BUILT_MODULE_NAME[%d]="%s"\nBUILT_MODULE_LOCATION[%d]="%s"\nDEST_MODULE_LOCATION[%d]="%s"\n' \
		$i sysvec $i kernel/ $i /updates/dkms
	for yaml in "$top"/profiles/*.yaml; do
		name=$(basename "$yaml" .yaml)
		"$policyc" build --source-only -q -o "$dest/vectors/$name" "$yaml"
		mod=$(sed -n 's/^obj-m := \(.*\)\.o$/\1/p' "$dest/vectors/$name/Kbuild")
		[ -n "$mod" ] || { echo "mksrc.sh: no obj-m in vectors/$name/Kbuild" >&2; exit 1; }
		i=$((i + 1))
		printf 'BUILT_MODULE_NAME[%d]="%s"\nBUILT_MODULE_LOCATION[%d]="%s"\nDEST_MODULE_LOCATION[%d]="%s"\n' \
			$i "$mod" $i "vectors/$name/" $i /updates/dkms
	done
} >>"$dest/dkms.conf"
chmod 644 "$dest"/vectors/*/*
