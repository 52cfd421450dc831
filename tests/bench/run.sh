#!/bin/sh
# make bench: what a syscall costs under sysvec and under seccomp.
#
# Boots Debian's cloud kernel twice with the benchmark program
# (tests/bench/bench.c) as /init's job, on one CPU:
#  - under qemu -icount shift=0, where a guest nanosecond is one guest
#    instruction, so per-call costs are exact instruction counts
#    (BENCH_ICOUNT_REPS repetitions, 2 by default);
#  - under plain TCG, wall-clock, BENCH_TCG_REPS interleaved repetitions
#    (5 by default), reported as median and spread.
# Writes tests/bench/results/: icount.csv, tcg.csv (config,call,rep,ns),
# report.md and bench.png (tests/bench/report.sh).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
res=$top/tests/bench/results
mkdir -p "$res"

BENCH_ICOUNT=1 BENCH_REPS=${BENCH_ICOUNT_REPS:-2} "$top/tests/vm/run.sh" cloud bench
cp "$top/build/vm-cloud/bench.csv" "$res/icount.csv"
BENCH_ICOUNT=0 BENCH_REPS=${BENCH_TCG_REPS:-5} "$top/tests/vm/run.sh" cloud bench
cp "$top/build/vm-cloud/bench.csv" "$res/tcg.csv"
kver=$(ls -d /usr/src/linux-headers-*-cloud-amd64 | sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
"$top/tests/bench/report.sh" "$res" "$kver"
echo "bench: $res/report.md"
