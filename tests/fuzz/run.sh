#!/bin/sh
# Fuzz the profile library's parser, and what policyc makes of a profile,
# with libFuzzer (clang), under ASan, UBSan and LeakSanitizer.
#
# usage: tests/fuzz/run.sh [SECONDS]
#   Replays every input of tests/fuzz/corpus, then fuzzes for SECONDS
#   (default 60) starting from it. New interesting inputs are kept in
#   build/fuzz/new-corpus (copy the useful ones into the corpus by hand);
#   a crash leaves its input in build/fuzz/ and fails the run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
out=$top/build/fuzz
mkdir -p "$out/new-corpus"
cd "$top" || exit 2
make -s build/profile/gen/errno_names.h build/profile/gen/groups_text.h build/gen/sysvec_config.h ||
	exit 2
srcs=""
for f in profile/*.c policyc/*.c; do
	[ "$f" = policyc/main.c ] || srcs="$srcs $f"
done
# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-D_GNU_SOURCE -Iprofile -Ipolicyc -Ibuild/profile/gen -Ibuild/gen -Iinclude/uapi \
	-o "$out/fuzz_profile" tests/fuzz/fuzz_profile.c $srcs -lyaml -lseccomp || exit 2

passed=0 failed=0
n=$(ls tests/fuzz/corpus | wc -l)
if "$out/fuzz_profile" -runs=0 tests/fuzz/corpus >"$out/replay.log" 2>&1; then
	passed=$((passed + n)); echo "ok - replay of $n corpus inputs"
else
	failed=$((failed + 1)); tail -30 "$out/replay.log"; echo "not ok - replay of the corpus"
fi
if (cd "$out" && ./fuzz_profile -max_total_time="$secs" -max_len=4096 -timeout=10 \
	-rss_limit_mb=1024 new-corpus "$top/tests/fuzz/corpus") >"$out/fuzz.log" 2>&1; then
	passed=$((passed + 1))
	echo "ok - fuzzed for ${secs}s: $(grep -o 'Done [0-9]* runs' "$out/fuzz.log")"
else
	failed=$((failed + 1)); tail -40 "$out/fuzz.log"; echo "not ok - fuzzing found a problem (input in $out)"
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
