#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The profile library's syscall tables, profile/syscall_names.h and
# profile/syscall_twins.h, are generated data kept in the repository, so
# that policyc knows the same calls, by the same numbers, whatever kernel
# headers the machine that builds it has. They come from the newest line
# of kernel/supported-kernels (its Debian cloud headers, scripts/kdir.sh):
# the x86 syscall tables only ever grow, so they name every call of every
# older supported line too, by the same number. A call that a kernel of an
# older line lacks gets ENOSYS from that kernel, whatever the rule says.
#
# usage: profile/gen-syscall-tables.sh --write    regenerate both files
#        profile/gen-syscall-tables.sh --check    what make check runs:
#   1. regenerating from the newest line gives the committed tables (the
#      comments naming the exact headers aside);
#   2. for every other supported line: every x86_64 and i386 call it has
#      is in the committed tables under the same number, and the i386
#      entries it has are classified the same way.
# Prints "N passed, N failed"; exits 1 on a failure, 2 when it cannot run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
mode=${1:-}
case "$mode" in
--write|--check) ;;
*) echo "usage: $0 --write|--check" >&2; exit 2 ;;
esac
lines=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' kernel/supported-kernels)
newest=$(echo "$lines" | tail -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() {	# gen LINE OUTDIR: both tables of that line's cloud headers
	kdir=$(scripts/kdir.sh "$1" cloud) || return 2
	mkdir -p "$2"
	kernel/gen-syscall-names.sh "$kdir/arch/x86/include/generated/uapi/asm" \
		> "$2/syscall_names.h" || return 2
	profile/gen-syscall-twins.sh "$kdir" /usr/include/linux profile/syscall-twins.txt \
		> "$2/syscall_twins.h" 2>"$2/twins.err" || { cat "$2/twins.err" >&2; return 2; }
}
body() {	# the table without its comments
	grep -v -e '^/\*' -e '^ \*' "$1"
}

gen "$newest" "$tmp/$newest" || exit 2
if [ "$mode" = --write ]; then
	for f in syscall_names.h syscall_twins.h; do
		cp "$tmp/$newest/$f" "profile/$f"
	done
	echo "profile/syscall_names.h, profile/syscall_twins.h: from kernel line $newest"
	exit 0
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "FAIL - $*"; }

for f in syscall_names.h syscall_twins.h; do
	body "$tmp/$newest/$f" > "$tmp/$f.want"
	if [ -r "profile/$f" ] && body "profile/$f" | cmp -s - "$tmp/$f.want"; then
		ok "profile/$f is what kernel line $newest's headers give"
	else
		body "profile/$f" | diff -u - "$tmp/$f.want" | head -n 20
		bad "profile/$f differs from kernel line $newest's headers: run make syscall-tables"
	fi
done

# Entries of one table, one per line: "[NR] = ..." under the array's name.
entries() {	# entries FILE ARRAY
	awk -v a="$2" '
	index($0, a "[") { on = 1; next }
	on && /^};/ { on = 0 }
	on && /^\t\[[0-9]+\] = / { sub(/\t\/\*.*/, ""); print }' "$1"
}
for l in $lines; do
	[ "$l" = "$newest" ] && continue
	gen "$l" "$tmp/$l" || { bad "kernel line $l: no tables (headers missing?)"; continue; }
	for a in sysvec_names_native sysvec_names_ia32 sysvec_names_x32 i386_twins; do
		f=syscall_names.h
		[ "$a" = i386_twins ] && f=syscall_twins.h
		entries "$tmp/$l/$f" "$a" | sort > "$tmp/old"
		entries "profile/$f" "$a" | sort > "$tmp/new"
		n=$(wc -l < "$tmp/old")
		missing=$(comm -23 "$tmp/old" "$tmp/new")
		if [ "$a" = i386_twins ]; then
			# a call removed since (lookup_dcookie, 6.10) is "not
			# implemented" now: by name it keeps its rule, and no
			# condition on its arguments is trusted
			for nr in $(echo "$missing" | sed -n 's/^\t\[\([0-9]*\)\].*/\1/p'); do
				if grep -q "^	\[$nr\] = { SVP_TWIN_NI, 0, NULL, \"sys_ni_syscall\" }" "$tmp/new"; then
					echo "# kernel line $l: i386 $nr is no longer implemented in $newest"
					missing=$(echo "$missing" | grep -v "^	\[$nr\] ")
				fi
			done
		fi
		if [ "$n" -gt 0 ] && [ -z "$missing" ]; then
			ok "kernel line $l: its $n entries of $a are in profile/$f"
		else
			echo "$missing" | head -n 10
			bad "kernel line $l: $a entries differ from profile/$f (or none were read)"
		fi
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
