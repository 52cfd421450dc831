#!/bin/sh
# policyc install, uninstall, installed and build's installed-system
# defaults, against stand-ins for dkms and make (install/dkms, install/make,
# put first in PATH) and a directory standing for / ($SYSVEC_ROOT): the
# exact dkms command lines, dkms.conf, the files left behind, the messages
# and the exit statuses.
#
# usage: tests/policyc/install.sh POLICYC
set -u
here=$(cd "$(dirname "$0")" && pwd)
policyc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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

# same NAME EXPECTED ACTUAL: two strings, equal
same() {
	if [ "$2" = "$3" ]; then
		result 0 "$1"
	else
		printf '%s\n' "$2" > "$tmp/want"
		printf '%s\n' "$3" > "$tmp/got"
		diff -u "$tmp/want" "$tmp/got" | sed 's/^/#   /' | head -40
		result 1 "$1"
	fi
}

# The paths this policyc was built for, as its help gives them.
datadir=$("$policyc" install --help | sed -n 's|.*(default: \(.*\)/kernel).*|\1|p')
vecbase=$("$policyc" build --help | sed -n 's|.*to \(.*\)/RELEASE/).*|\1|p')
[ -n "$datadir" ] && [ -n "$vecbase" ] || { echo "cannot read the paths from policyc --help"; exit 2; }

root=$tmp/root
export SYSVEC_ROOT="$root"
export SYSVEC_PROFILE_PATH="$here/install"
export FAKE_DKMS_LOG="$tmp/dkms.log" FAKE_DKMS_STATE="$tmp/dkms.state" FAKE_MAKE_LOG="$tmp/make.log"
unset FAKE_DKMS_FAIL SYSVEC_DIR
mkdir -p "$tmp/bin"
cp "$here/install/dkms" "$here/install/make" "$tmp/bin/"
PATH=$tmp/bin:$PATH
export PATH
k1=6.1.0-test-amd64 k2=6.12.0+test-amd64

# A system with two kernels that have headers and the registry's symbols,
# and one with modules but no headers.
fresh_root() {
	rm -rf "$root" "$FAKE_DKMS_STATE"
	for k in "$k1" "$k2"; do
		mkdir -p "$root/lib/modules/$k/build/include/generated" "$root/var/lib/sysvec/kernel/$k"
		echo "#define UTS_RELEASE \"$k\"" > "$root/lib/modules/$k/build/include/generated/utsrelease.h"
		echo "0x00000000	sysvec_vector_register	sysvec	EXPORT_SYMBOL_GPL" \
			> "$root/var/lib/sysvec/kernel/$k/Module.symvers"
	done
	mkdir -p "$root/lib/modules/5.10.0-old/kernel" "$root/usr/src" "$root$datadir/kernel"
	echo "/* sysvec_vector.h */" > "$root$datadir/kernel/sysvec_vector.h"
	echo "/* sysvec.h */" > "$root$datadir/kernel/sysvec.h"
}

# run FAIL ARGS...: run policyc with dkms failing FAIL ("-": nothing), keep
# its output, exit status and the dkms calls
run() {
	fail=$1
	shift
	: > "$FAKE_DKMS_LOG"
	: > "$FAKE_MAKE_LOG"
	FAKE_DKMS_FAIL=${fail#-} "$policyc" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	calls=$(cat "$FAKE_DKMS_LOG")
}

srcs() {	# the source trees in /usr/src
	(cd "$root/usr/src" && ls -d -- * 2>/dev/null)
}

# The vector's versions, from policyc check: VV as MODULE_VERSION has it,
# V as DKMS gets it ('-' made '.').
vv=$("$policyc" check "$here/install/demo.yaml" | sed -n 's/.*version \([^)]*\)).*/\1/p')
v=$(printf '%s' "$vv" | tr -- '-_' '..')
same "the DKMS version is the vector's, '-' as '.'" "1.0.rc1+" "$(printf '%.8s' "$v")"
mod=sysvec-profile-demo
conf_want() {	# conf_want VV V: the dkms.conf install writes
	sed -e "s|@VECTOR_VERSION@|$1|" -e "s|@VERSION@|$2|" "$here/install/dkms.conf.expect"
}

# ---- install ----
fresh_root
run - install demo
same "install: exit 0" 0 "$rc"
same "install: dkms status, add, install for each kernel with headers" \
"dkms status $mod
dkms add $mod/$v
dkms install $mod/$v -k $k1
dkms install $mod/$v -k $k2" "$calls"
same "install: dkms.conf" "$(conf_want "$vv" "$v")" "$(cat "$root/usr/src/$mod-$v/dkms.conf")"
# the headers are copies in the tree: DKMS's later builds depend on nothing else
cmp -s "$root$datadir/kernel/sysvec_vector.h" "$root/usr/src/$mod-$v/sysvec_vector.h" &&
	cmp -s "$root$datadir/kernel/sysvec.h" "$root/usr/src/$mod-$v/sysvec.h"
result $? "install: the headers are copied into the source tree"
"$policyc" build -q --source-only -o "$tmp/src" "$here/install/demo.yaml"
cmp -s "$tmp/src/vector.c" "$root/usr/src/$mod-$v/vector.c" &&
	cmp -s "$tmp/src/Kbuild" "$root/usr/src/$mod-$v/Kbuild"
result $? "install: vector.c and Kbuild as build --source-only writes them"
same "install: one source tree" "$mod-$v" "$(srcs)"
same "install: what it says" \
"policyc: [1/3] writing $root/usr/src/$mod-$v
policyc: [2/3] dkms add $mod/$v
policyc: [3/3] dkms install for 2 kernels
policyc: $k1: installed
policyc: $k2: installed
policyc: $mod/$v is installed for 2 of 2 kernels" "$(cat "$tmp/out")"

# ---- installed ----
run - installed
same "installed: exit 0" 0 "$rc"
same "installed: runs dkms status once" "dkms status" "$calls"
pad=$(printf '%*s' $((${#v} - 7)) '')
same "installed: the table" \
"NAME  VERSION$pad  KERNELS
demo  $v  $k1 (installed), $k2 (installed)" "$(cat "$tmp/out")"
run - installed --json
same "installed --json" \
"[
{\"name\": \"demo\", \"module\": \"$mod\", \"version\": \"$v\", \"in_dkms\": true, \"source\": \"/usr/src/$mod-$v\", \"kernels\": [{\"kernel\": \"$k1\", \"arch\": \"x86_64\", \"state\": \"installed\"}, {\"kernel\": \"$k2\", \"arch\": \"x86_64\", \"state\": \"installed\"}]}
]" "$(cat "$tmp/out")"

# ---- the same version again: nothing to do ----
run - install -q demo
same "install again: exit 0" 0 "$rc"
same "install again: only dkms status" "dkms status $mod" "$calls"
same "install again: quiet" "" "$(cat "$tmp/out" "$tmp/err")"

# ---- a new version replaces the old; one kernel fails ----
sed 's/^version: .*/version: "2.0"/' "$here/install/demo.yaml" > "$tmp/demo.yaml"
vv2=$("$policyc" check "$tmp/demo.yaml" | sed -n 's/.*version \([^)]*\)).*/\1/p')
v2=$vv2
run "install:$k2" install "$tmp/demo.yaml"
same "new version: exit 4 (not every kernel)" 4 "$rc"
same "new version: add and build the new, remove the old, install the new" \
"dkms status $mod
dkms add $mod/$v2
dkms build $mod/$v2 -k $k1
dkms build $mod/$v2 -k $k2
dkms remove $mod/$v --all
dkms install $mod/$v2 -k $k1
dkms install $mod/$v2 -k $k2" "$calls"
same "new version: the old source tree is gone" "$mod-$v2" "$(srcs)"
same "new version: the failed kernel, its log and the fix" \
"Error! Bad return status for module build on kernel: $k2
policyc: $k2: \"dkms install $mod/$v2 -k $k2\" failed (exit 10); DKMS's build log: /var/lib/dkms/$mod/$v2/build/make.log
  fix: read the log, then run that command again" "$(cat "$tmp/err")"
same "new version: the count" "policyc: $mod/$v2 is installed for 1 of 2 kernels" \
	"$(tail -n 1 "$tmp/out")"
run - installed
same "installed: the new version, installed for one kernel, built for the other" \
"NAME  VERSION$(printf '%*s' $((${#v2} - 7)) '')  KERNELS
demo  $v2  $k2 (built), $k1 (installed)" "$(cat "$tmp/out")"

# ---- a new version that builds for no kernel: the installed one stays ----
sed 's/^version: .*/version: "3.0"/' "$here/install/demo.yaml" > "$tmp/demo3.yaml"
v3=$("$policyc" check "$tmp/demo3.yaml" | sed -n 's/.*version \([^)]*\)).*/\1/p')
run "build:$k1 build:$k2" install "$tmp/demo3.yaml"
same "new version building nowhere: exit 3" 3 "$rc"
same "new version building nowhere: add, build, and remove the new again" \
"dkms status $mod
dkms add $mod/$v3
dkms build $mod/$v3 -k $k1
dkms build $mod/$v3 -k $k2
dkms remove $mod/$v3 --all" "$calls"
same "new version building nowhere: the old source tree stays" "$mod-$v2" "$(srcs)"
same "new version building nowhere: what it says" \
"policyc: $mod/$v3 built for no kernel: the installed version stays; the new one is removed again" \
	"$(tail -n 1 "$tmp/err")"

# ---- uninstall ----
run - uninstall demo
same "uninstall: exit 0" 0 "$rc"
same "uninstall: dkms status, remove --all" "dkms status $mod
dkms remove $mod/$v2 --all" "$calls"
same "uninstall: no source tree" "" "$(srcs)"
same "uninstall: says it unloads nothing" \
"policyc: removed $mod/$v2 and /usr/src/$mod-$v2
policyc: nothing was unloaded: a loaded sysvec_demo stays until no process uses it; then \"rmmod sysvec_demo\" removes it" \
	"$(cat "$tmp/out")"
run - uninstall demo
same "uninstall, not installed: exit 1" 1 "$rc"
same "uninstall, not installed: the message" \
"policyc: no profile demo is installed: \"dkms status $mod\" lists nothing and /usr/src has no $mod-VERSION
  fix: \"policyc installed\" lists the installed profiles" "$(cat "$tmp/err")"
run - installed --json
same "installed --json, none" "[]" "$(cat "$tmp/out")"

# ---- dkms add fails: nothing is left ----
run add install demo
same "add fails: exit 3" 3 "$rc"
same "add fails: no install" "dkms status $mod
dkms add $mod/$v" "$calls"
same "add fails: no source tree left" "" "$(srcs)"
same "add fails: the message" \
"Error! add failed
policyc: \"dkms add $mod/$v\" failed (exit 3)
policyc: $mod/$v is not installed; its source /usr/src/$mod-$v is removed again" \
	"$(sed "s|$root||g" "$tmp/err")"

# ---- a kernel without the registry's symbols is not built for ----
rm "$root/var/lib/sysvec/kernel/$k2/Module.symvers"
run - install -q demo
same "no registry symbols: exit 4" 4 "$rc"
same "no registry symbols: no dkms install for that kernel" "dkms status $mod
dkms add $mod/$v
dkms install $mod/$v -k $k1" "$calls"
same "no registry symbols: the message" \
"policyc: $k2: not built: the sysvec registry's symbols for it, /var/lib/sysvec/kernel/$k2/Module.symvers, are missing
  fix: build the registry for it (dkms autoinstall -k $k2, with sysvec-dkms installed), then run policyc install again" \
	"$(cat "$tmp/err")"

# ---- dkms remove fails: the source stays ----
run remove uninstall -q demo
same "remove fails: exit 3" 3 "$rc"
same "remove fails: the source stays" "$mod-$v" "$(srcs)"
same "remove fails: the message" "Error! remove failed
policyc: \"dkms remove $mod/$v --all\" failed (exit 4)" "$(cat "$tmp/err")"

# ---- a source tree DKMS does not know (an interrupted run) ----
: > "$FAKE_DKMS_STATE"
run - uninstall demo
same "orphan source: exit 0" 0 "$rc"
same "orphan source: only dkms status" "dkms status $mod" "$calls"
same "orphan source: removed" "" "$(srcs)"

# ---- errors before anything is done ----
rm "$root$datadir/kernel/sysvec_vector.h"
run - install demo
same "no headers: exit 3" 3 "$rc"
same "no headers: no dkms call" "" "$calls"
same "no headers: the fix" "policyc: $root$datadir/kernel/sysvec_vector.h is missing
  fix: apt install libsysvec-dev" "$(cat "$tmp/err")"
fresh_root
PATH=/nonexistent "$policyc" install demo > "$tmp/out" 2> "$tmp/err"
same "no dkms: exit 3" 3 "$?"
same "no dkms: the fix" "policyc: cannot run dkms: No such file or directory
  fix: install DKMS (apt install dkms)" "$(cat "$tmp/err")"
run status installed
same "dkms status fails: exit 3" 3 "$rc"
same "dkms status fails: the message" "Error! status
policyc: \"dkms status\" failed (exit 1)" "$(cat "$tmp/err")"
run - uninstall ../x
same "uninstall ../x: usage error" 2 "$rc"
run - install nosuch
same "install of an unknown name: exit 1" 1 "$rc"
same "install of an unknown name: where it looked" "policyc: no profile \"nosuch\" in $here/install
  fix: give the profile's path (./nosuch.yaml), or put nosuch.yaml into one of those directories" \
	"$(cat "$tmp/err")"
run - install
same "install without a profile: exit 2" 2 "$rc"
# a shipped profile's vector is built by the sysvec DKMS module: no second one
ver=$("$policyc" --version | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')
mkdir -p "$root/usr/src/sysvec-$ver"
printf 'PACKAGE_NAME="sysvec"\nBUILT_MODULE_NAME[0]="sysvec"\nBUILT_MODULE_NAME[1]="sysvec_demo"\n' \
	> "$root/usr/src/sysvec-$ver/dkms.conf"
run - install demo
same "install of a shipped profile's name: exit 1" 1 "$rc"
same "install of a shipped profile's name: no dkms call" "" "$calls"
same "install of a shipped profile's name: the fix" "policyc: $here/install/demo.yaml: the module of vector demo, sysvec_demo, is built by DKMS module sysvec already
  fix: give your profile another name (\"name:\" in the profile)" "$(cat "$tmp/err")"
rm -r "$root/usr/src/sysvec-$ver"
# two names that differ only in '-' and '_' are one module
sed 's/^name: .*/name: two-names/' "$here/install/demo.yaml" > "$tmp/dash.yaml"
sed 's/^name: .*/name: two_names/' "$here/install/demo.yaml" > "$tmp/under.yaml"
run - install -q "$tmp/dash.yaml"
same "install of two-names: exit 0" 0 "$rc"
run - install -q "$tmp/under.yaml"
same "install of two_names beside two-names: exit 1" 1 "$rc"
same "install of two_names beside two-names: no dkms call" "" "$calls"
same "install of two_names beside two-names: the fix" "policyc: $tmp/under.yaml: the module of vector two_names, sysvec_two_names, is built by DKMS module sysvec-profile-two-names already
  fix: give your profile another name (\"name:\" in the profile)" "$(cat "$tmp/err")"
run - uninstall -q two-names
same "uninstall of two-names: exit 0" 0 "$rc"

# ---- build on an installed system ----
fresh_root
run - build -q --kernel "$k2" demo
same "build --kernel: exit 0" 0 "$rc"
same "build --kernel: the module is in the vector directory" "sysvec_demo.ko" \
	"$(ls "$root$vecbase/$k2")"
mdir=$(sed -n 's/.* M=\([^ ]*\) .*/\1/p' "$FAKE_MAKE_LOG")
same "build --kernel: kbuild against the registry's symbols DKMS keeps" \
	"make -C $root/lib/modules/$k2/build M=$mdir SYSVEC_DIR=$root$datadir/kernel KBUILD_EXTRA_SYMBOLS=$root/var/lib/sysvec/kernel/$k2/Module.symvers -s modules" \
	"$(cat "$FAKE_MAKE_LOG")"
[ -n "$mdir" ] && [ ! -e "$mdir" ]
result $? "build --kernel: the temporary build directory is gone"
run - build -q --kdir "$root/lib/modules/$k1/build" -o "$tmp/out1" demo
same "build --kdir: the kernel is the headers' (UTS_RELEASE)" \
	"make -C $root/lib/modules/$k1/build M=$tmp/out1 SYSVEC_DIR=$root$datadir/kernel KBUILD_EXTRA_SYMBOLS=$root/var/lib/sysvec/kernel/$k1/Module.symvers -s modules" \
	"$(cat "$FAKE_MAKE_LOG")"
same "build -o: the module stays there" "0 yes" "$rc $([ -f "$tmp/out1/sysvec_demo.ko" ] && echo yes)"
mkdir -p "$tmp/srctree/kernel"
echo "/* sysvec_vector.h */" > "$tmp/srctree/kernel/sysvec_vector.h"
echo "0x0 sysvec_vector_register sysvec EXPORT_SYMBOL_GPL" > "$tmp/srctree/kernel/Module.symvers"
: > "$FAKE_MAKE_LOG"
(cd "$tmp" && "$policyc" build -q --kernel "$k1" --sysvec srctree/kernel "$here/install/demo.yaml") \
	> "$tmp/out" 2>&1
rc=$?
same "build --sysvec: a source tree's registry symbols, into ./sysvec_demo" \
	"0 make -C $root/lib/modules/$k1/build M=$tmp/sysvec_demo SYSVEC_DIR=$tmp/srctree/kernel KBUILD_EXTRA_SYMBOLS=$tmp/srctree/kernel/Module.symvers -s modules" \
	"$rc $(cat "$FAKE_MAKE_LOG")"
rm "$root/var/lib/sysvec/kernel/$k1/Module.symvers"
run - build -q --kernel "$k1" demo
same "build without the registry's symbols: exit 3" 3 "$rc"
same "build without the registry's symbols: both places and the fix" \
"policyc: no Module.symvers of the sysvec registry for kernel $k1: neither $root$datadir/kernel/Module.symvers nor $root/var/lib/sysvec/kernel/$k1/Module.symvers exists
  fix: apt install sysvec-dkms linux-headers-$k1 (DKMS builds the registry for the kernel and keeps its symbols there), or run \"make modules\" in a sysvec source tree and pass --sysvec DIR/kernel" \
	"$(cat "$tmp/err")"
same "build without the registry's symbols: no kbuild run" "" "$(cat "$FAKE_MAKE_LOG")"
run - build -q --kernel 5.10.0-old demo
same "build for a kernel without headers: exit 3" 3 "$rc"
same "build for a kernel without headers: the fix" \
"policyc: no kernel build directory at $root/lib/modules/5.10.0-old/build
  fix: install the headers of the target kernel (apt install linux-headers-5.10.0-old) or pass --kdir DIR" \
	"$(cat "$tmp/err")"

echo "policyc install: $passed passed, $failed failed"
[ "$failed" = 0 ]
