#!/bin/sh
# Write the benchmark profiles into OUTDIR, their syscall names taken from
# the kernel's own unistd_64.h in UNISTD_DIR (never typed by hand):
#   bench-1            deny by default; one rule allows what the measured
#                      process calls (the essentials below)
#   bench-300-first    deny by default; 300 rules of one syscall each, the
#   bench-300-middle   essentials first, in the middle or last
#   bench-300-last
#   bench-deny         allow by default; getppid denied with EPERM
#   bench-log          allow by default; getppid logged
#   bench-exec         allow by default; one rule (acct denied): for
#                      launching programs under a vector
# usage: gen-profiles.sh UNISTD_DIR OUTDIR
set -eu
unistd=${1:?usage: gen-profiles.sh UNISTD_DIR OUTDIR}/unistd_64.h
out=${2:?usage: gen-profiles.sh UNISTD_DIR OUTDIR}
mkdir -p "$out"
essentials="getppid read openat close stat exit exit_group"

header() {	# name, default, description
	printf 'name: %s\nversion: "1"\ndescription: "%s"\ndefault: %s\nrules:\n' "$1" "$3" "$2"
}

header bench-1 '{action: deny, errno: EPERM}' "benchmark: one rule" >"$out/bench-1.yaml"
printf '  - syscalls: [%s]\n    action: allow\n' "$(echo $essentials | sed 's/ /, /g')" \
	>>"$out/bench-1.yaml"

# 293 other syscalls, in number order.
others=$(sed -n 's/^#define __NR_\([a-z0-9_]*\) [0-9]*$/\1/p' "$unistd" |
	grep -vxF "$(echo $essentials | tr ' ' '\n')" | head -n 293)
[ "$(echo "$others" | wc -l)" -eq 293 ] ||
	{ echo "gen-profiles.sh: fewer than 293 other syscalls in $unistd" >&2; exit 1; }
for where in first middle last; do
	f=$out/bench-300-$where.yaml
	header "bench-300-$where" '{action: deny, errno: EPERM}' \
		"benchmark: 300 rules, the measured calls $where" >"$f"
	case $where in
	first) list="$essentials $others" ;;
	middle) list="$(echo "$others" | head -n 146) $essentials $(echo "$others" | tail -n 147)" ;;
	last) list="$others $essentials" ;;
	esac
	for s in $list; do
		printf '  - syscalls: [%s]\n    action: allow\n' "$s"
	done >>"$f"
	[ "$(grep -c '^  - syscalls' "$f")" -eq 300 ] ||
		{ echo "gen-profiles.sh: $f does not have 300 rules" >&2; exit 1; }
done

header bench-deny allow "benchmark: getppid denied" >"$out/bench-deny.yaml"
printf '  - syscalls: [getppid]\n    action: deny\n    errno: EPERM\n' >>"$out/bench-deny.yaml"
header bench-log allow "benchmark: getppid logged" >"$out/bench-log.yaml"
printf '  - syscalls: [getppid]\n    action: log\n' >>"$out/bench-log.yaml"
header bench-exec allow "benchmark: one rule, for launching programs" >"$out/bench-exec.yaml"
printf '  - syscalls: [acct]\n    action: deny\n    errno: EPERM\n' >>"$out/bench-exec.yaml"
