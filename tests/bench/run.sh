#!/bin/sh
# make bench: what a syscall costs under sysvec and under seccomp, on each
# kernel line (BENCH_FLAVOURS, default "cloud cloud-6.12": Debian's 6.1 and
# 6.12 cloud kernels; tests/vm/kernel.sh names them).
#
# Boots each kernel twice with the benchmark program (tests/bench/bench.c)
# as /init's job, on one CPU:
#  - under qemu -icount shift=0, where a guest nanosecond is one guest
#    instruction, so per-call costs are exact instruction counts
#    (BENCH_ICOUNT_REPS repetitions, 2 by default);
#  - under plain TCG, wall-clock, BENCH_TCG_REPS interleaved repetitions
#    (5 by default), reported as median and spread.
# Writes tests/bench/results/FLAVOUR/: icount.csv, tcg.csv
# (config,call,rep,ns), report.md and bench.png (tests/bench/report.sh);
# then tests/bench/results/lines.md, the flavours side by side
# (tests/bench/compare.sh), from every flavour with results.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)

for flavour in ${BENCH_FLAVOURS:-cloud cloud-6.12}; do
	res=$top/tests/bench/results/$flavour
	mkdir -p "$res"
	BENCH_ICOUNT=1 BENCH_REPS=${BENCH_ICOUNT_REPS:-2} "$top/tests/vm/run.sh" "$flavour" bench
	cp "$top/build/vm-$flavour/bench.csv" "$res/icount.csv"
	BENCH_ICOUNT=0 BENCH_REPS=${BENCH_TCG_REPS:-5} "$top/tests/vm/run.sh" "$flavour" bench
	cp "$top/build/vm-$flavour/bench.csv" "$res/tcg.csv"
	. "$top/tests/vm/kernel.sh"
	kernel_locate "$flavour"
	"$top/tests/bench/report.sh" "$res" "$KREL"
	echo "bench: $res/report.md"
done
have=""
for flavour in cloud cloud-6.12 ${BENCH_FLAVOURS:-}; do
	case " $have " in *" $flavour "*) continue ;; esac
	[ -r "$top/tests/bench/results/$flavour/icount.csv" ] && have="$have $flavour"
done
# shellcheck disable=SC2086 # one argument per flavour
"$top/tests/bench/compare.sh" "$top/tests/bench/results" $have >"$top/tests/bench/results/lines.md"
echo "bench: $top/tests/bench/results/lines.md"
