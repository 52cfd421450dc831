#!/bin/sh
# The kernel lines side by side: for each configuration and call, the
# extra guest instructions over `none` (qemu -icount shift=0, the median of
# the repetitions) on each flavour that `make bench` measured.
# usage: compare.sh RESULTS_DIR FLAVOUR... > lines.md
#   RESULTS_DIR/FLAVOUR/icount.csv as run.sh writes it ("config,call,rep,ns").
# Calls measured without a `none` figure (launches, requests) are left out:
# each flavour's report.md has them.
set -eu
res=${1:?usage: compare.sh RESULTS_DIR FLAVOUR...}
shift
[ $# -ge 1 ] || { echo "usage: compare.sh RESULTS_DIR FLAVOUR..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=""
for f in "$@"; do
	[ -r "$res/$f/icount.csv" ] || { echo "compare.sh: $res/$f/icount.csv: no results" >&2; exit 1; }
	# the median of each config,call
	sort -t, -k1,1 -k2,2 -k4,4g "$res/$f/icount.csv" | awk -F, '
	function flush() {
		if (n) printf "%s,%s,%.1f\n", k1, k2, n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
	}
	{ if ($1 != k1 || $2 != k2) { flush(); k1 = $1; k2 = $2; n = 0 } x[++n] = $4 }
	END { flush() }' > "$tmp/$f"
	# in the order the benchmark ran the configurations
	cut -d, -f1 "$res/$f/icount.csv" | awk '!seen[$0]++' > "$tmp/$f.order"
	awk -F, '$1 == "none" && !seen[$2]++ { print $2 }' "$res/$f/icount.csv" > "$tmp/$f.calls"
	files="$files $tmp/$f"
done

echo "# sysvec benchmark: kernel lines side by side"
echo
echo "Extra guest instructions per call over \`none\` (no module loaded), under"
echo "qemu \`-icount shift=0\`: the median of each configuration's repetitions."
echo "Each flavour's own report.md has the absolute figures and the kernel release."
echo
# shellcheck disable=SC2086 # one argument per flavour
awk -F, -v flavours="$*" -v orderfile="$tmp/$1.order" -v callfile="$tmp/$1.calls" '
FNR == 1 { fi++ }
{ v[fi "," $1 "," $2] = $3 }
END {
	while ((getline c < orderfile) > 0) cfg[++nc] = c
	while ((getline c < callfile) > 0) call[++ncall] = c
	nf = split(flavours, fl, " ")
	printf "| configuration |"
	for (k = 1; k <= ncall; k++) for (i = 1; i <= nf; i++) printf " %s %s |", call[k], fl[i]
	printf "\n|---|"
	for (k = 1; k <= ncall; k++) for (i = 1; i <= nf; i++) printf "---|"
	printf "\n"
	for (c = 1; c <= nc; c++) {
		if (cfg[c] == "none" || !((1 "," cfg[c] "," call[1]) in v)) continue
		printf "| %s |", cfg[c]
		for (k = 1; k <= ncall; k++)
			for (i = 1; i <= nf; i++) {
				key = i "," cfg[c] "," call[k]; base = i ",none," call[k]
				if ((key in v) && (base in v)) printf " %+.1f |", v[key] - v[base]
				else printf " - |"
			}
		printf "\n"
	}
}' $files
