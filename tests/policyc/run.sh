#!/bin/sh
# Golden tests of policyc: for each NN-name.yaml here,
#   NN-name.expect     what "policyc check" prints (stdout, then stderr) and
#                      its exit status, byte for byte;
#   NN-name.vector.c   if present, the module source "policyc build
#                      --source-only" writes, byte for byte (twice, to
#                      check that the output is deterministic);
#   NN-name.Kbuild     if present, the Kbuild it writes.
# Also: import-oci of Docker's default profile gives profiles/default.yaml.
#
# usage: tests/policyc/run.sh POLICYC [--update]
#   --update rewrites the expected files from policyc's output (review the
#   diff before committing it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
policyc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

result() {	# result OK NAME
	if [ "$1" = 0 ]; then
		passed=$((passed + 1)); echo "ok - $2"
	else
		failed=$((failed + 1)); echo "not ok - $2"
	fi
}

compare() {	# compare EXPECTED ACTUAL NAME
	if [ "$update" = --update ]; then
		cp "$2" "$1"
	fi
	if cmp -s "$1" "$2"; then
		result 0 "$3"
	else
		diff -u "$1" "$2" | sed 's/^/#   /' | head -40
		result 1 "$3"
	fi
}

cd "$here" || exit 2
for y in [0-9][0-9]-*.yaml; do
	n=${y%.yaml}
	"$policyc" check "$y" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	{ echo "exit $rc"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; } >"$tmp/$n.expect"
	compare "$n.expect" "$tmp/$n.expect" "$n: check"
	if [ -f "$n.vector.c" ] || { [ "$update" = --update ] && [ "$rc" = 0 ]; }; then
		rm -rf "$tmp/a" "$tmp/b"
		"$policyc" build -q --source-only -o "$tmp/a" "$y" 2>/dev/null &&
			"$policyc" build -q --source-only -o "$tmp/b" "$y" 2>/dev/null
		if cmp -s "$tmp/a/vector.c" "$tmp/b/vector.c"; then
			result 0 "$n: deterministic"
		else
			result 1 "$n: deterministic"
		fi
		compare "$n.vector.c" "$tmp/a/vector.c" "$n: vector.c"
		if [ -f "$n.Kbuild" ] || grep -q wrap "$y"; then
			compare "$n.Kbuild" "$tmp/a/Kbuild" "$n: Kbuild"
		fi
	fi
done

# Docker's published default profile, imported, is the shipped "default".
"$policyc" import-oci data/docker-default-seccomp.json --name default -o "$tmp/default.yaml"
compare ../../profiles/default.yaml "$tmp/default.yaml" "import-oci: profiles/default.yaml"

echo "policyc golden: $passed passed, $failed failed"
[ "$failed" = 0 ]
