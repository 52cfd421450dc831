#!/bin/sh
# Style checks, one result per file: the kernel's checkpatch.pl on the
# module, the test vectors and the benchmark module (from the linux-source tree the debug kernel
# is built from), shellcheck on every shell script.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
checkpatch=build/linux-source/scripts/checkpatch.pl
passed=0
failed=0

result() {	# result FILE OK OUTPUT
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "not ok - $1"
		printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

if [ ! -f "$checkpatch" ]; then
	echo "not ok - $checkpatch missing: run tests/vm/build-debug-kernel.sh first"
	failed=$((failed + 1))
else
	for f in $(git ls-files 'kernel/*.[ch]' 'tests/kernel/vectors/*.c' 'tests/bench/kmod/*.c' \
		 'profiles/*.c'); do
		# ENOSYS is used on purpose: it is what a vector returns for a
		# number it does not know, as the kernel does for one it lacks.
		out=$(perl "$checkpatch" --no-tree --terse --ignore ENOSYS -f "$f" 2>&1 |
			grep -v '^total:')
		result "$f" "$([ -z "$out" ] && echo 0 || echo 1)" "$out"
	done
fi
# POSIX sh, unless the script says it is bash (#!/bin/bash)
for f in $(git ls-files '*.sh') .ci/run; do
	shell="sh"
	[ "$(head -n 1 "$f")" = "#!/bin/bash" ] && shell="bash"
	out=$(shellcheck -s "$shell" -S warning "$f" 2>&1)
	result "$f" $? "$out"
done
echo "style: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
