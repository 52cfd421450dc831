#!/bin/bash
# Build the system test's Debian bookworm image: build/system/root (the
# tree) and build/system/disk.img (ext4, label sysroot, made from the tree
# with mke2fs -d, never mounted).
#
# usage: tests/system/build-image.sh        (as root, after `make deb`)
#
# Order, and why (the system test's kernel-upgrade check depends on it):
#   1. debootstrap --variant=minbase bookworm; sources: bookworm,
#      bookworm-updates, bookworm-security (the mirror the host's apt uses)
#   2. apt-get install --no-install-recommends systemd-sysv udev auditd
#      apache2 kmod curl linux-image-cloud-amd64 linux-headers-cloud-amd64
#      (6.1 cloud only; without recommends: no apparmor, timesyncd or
#      firmware, each a slow step of a boot under TCG and none of the test's)
#   3. the test's own files (units, in-guest.sh, CGI, apache2 mpm_prefork +
#      mod_cgi), and the dependencies the sysvec packages will pull,
#      resolved by apt from the .debs but installed first, so that
#   4. build/system/before.list, every file of the system before sysvec, is
#      what a purge of the sysvec packages must return to
#   5. apt-get install ./sysvec*.deb ./libsysvec*.deb   (DKMS builds for the
#      cloud kernel, the one kernel with headers so far)
#   6. /etc/sysvec/profiles/mytest.yaml, `policyc install mytest`
#   7. ONLY THEN apt-get install linux-image-rt-amd64 linux-headers-rt-amd64:
#      DKMS's kernel postinst hook must build sysvec, the shipped profiles
#      and the administrator's mytest for the new kernel by itself
#   8. dkms status, saved as build/system/dkms-status.txt
#   9. mke2fs -d
# SYSTEM_WITHOUT_SYSVEC=1 skips 3's dependencies, 5 and 6 (to try the
# harness before the packages exist).
#
# Downloaded .debs are kept in build/system/cache/ (apt checks each
# against the archive's hashes, so nothing stale is used); nothing is
# cached outside build/.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/system
out=$top/build/system
root=$out/root
cache=$out/cache
mirror=http://deb.debian.org/debian
security=http://deb.debian.org/debian-security
without_sysvec=${SYSTEM_WITHOUT_SYSVEC:-0}

[ "$(id -u)" = 0 ] || { echo "build-image.sh: run as root" >&2; exit 1; }

phase_start=$(date +%s)
phase() {	# phase NAME: print the time the previous phase took
	now=$(date +%s)
	echo "# build-image: $(($now - phase_start))s; next: $1"
	phase_start=$now
}

# Mounts under $root, innermost first.
mounts_under_root() {
	awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}
umount_all() {
	local m
	for m in $(mounts_under_root); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}
trap umount_all EXIT
trap 'exit 130' INT TERM HUP

mount_chroot() {
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
	mkdir -p "$cache/debs/partial"
	mount --bind "$cache/debs" "$root/var/cache/apt/archives"
}

in_root() {	# in_root COMMAND...: run in the chroot
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive HOME=/root "$@"
}
apt_root() {
	in_root apt-get -y -o Dpkg::Options::=--force-confold -o APT::Keep-Downloaded-Packages=true "$@"
}

# The file list the purge check compares (in-guest.sh list-files has the
# one expression, used here in the chroot and in the guest after the purge).
list_files() {	# list_files ROOT
	sh "$here/in-guest.sh" list-files "$1"
}

debs=()
if [ "$without_sysvec" != 1 ]; then
	for p in sysvec libsysvec0 libsysvec-dev sysvec-dkms; do
		f=$(ls "$top"/build/packages/"$p"_*.deb 2>/dev/null | head -n 1 || true)
		[ -n "$f" ] || { echo "build-image.sh: build/packages/${p}_*.deb missing: run make deb" >&2; exit 1; }
		debs+=("$f")
	done
fi

# 1. debootstrap, from nothing. Leftover mounts of an interrupted run are
# unmounted first, and rm stays on this file system.
phase debootstrap
umount_all
rm -rf --one-file-system "$root" "$out/disk.img"
mkdir -p "$root" "$cache/debootstrap" "$cache/debs"
debootstrap --variant=minbase --cache-dir="$cache/debootstrap" bookworm "$root" "$mirror" \
	>"$out/debootstrap.log" 2>&1 ||
	{ tail -n 30 "$out/debootstrap.log"; echo "debootstrap failed" >&2; exit 1; }

cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
# No service starts in the chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
echo sysvec-test >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tsysvec-test\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
	>"$root/etc/hosts"
echo 'LABEL=sysroot / ext4 errors=remount-ro 0 1' >"$root/etc/fstab"
# No device names in the initramfs: the root is found by its label.
mkdir -p "$root/etc/initramfs-tools/conf.d"
echo 'RESUME=none' >"$root/etc/initramfs-tools/conf.d/resume"

# 2. The system, with the 6.1 cloud kernel and its headers.
phase "apt: base system, 6.1 cloud kernel"
mount_chroot
apt_root update >"$out/apt.log" 2>&1 || { tail -n 30 "$out/apt.log"; exit 1; }
apt_root install --no-install-recommends systemd-sysv udev auditd apache2 kmod curl \
	linux-image-cloud-amd64 linux-headers-cloud-amd64 >>"$out/apt.log" 2>&1 ||
	{ tail -n 40 "$out/apt.log"; echo "apt-get install (base) failed" >&2; exit 1; }
cloud=$(cd "$root/boot" && ls vmlinuz-6.1.*-cloud-amd64 | sed 's/^vmlinuz-//')
[ "$(echo "$cloud" | wc -l)" = 1 ] || { echo "not one 6.1 cloud kernel: $cloud" >&2; exit 1; }
echo "$cloud" >"$out/kernel-cloud"

# 3. The test's own files and configuration.
phase "test files"
install -d "$root/usr/local/lib/sysvec-system-test"
install -m 755 "$here/in-guest.sh" "$root/usr/local/lib/sysvec-system-test/in-guest.sh"
install -m 644 "$here/sysvec-system-test.service" "$here/sysvec-apache-test.service" \
	"$root/etc/systemd/system/"
install -m 755 "$top/tests/vm/httpd/test.cgi" "$root/usr/lib/cgi-bin/test.cgi"
in_root a2dismod -q mpm_event >/dev/null
in_root a2enmod -q mpm_prefork cgi >/dev/null
# The test's apache2 (confined) replaces Debian's unit; the test unit runs
# at boot and powers off; no login prompt on the console it writes to.
in_root systemctl disable -q apache2.service
in_root systemctl enable -q sysvec-system-test.service
in_root systemctl mask -q serial-getty@ttyS0.service
# Every boot's full kernel log goes to the journal too (in-guest.sh reads it).
mkdir -p "$root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=persistent\n' >"$root/etc/systemd/journald.conf.d/sysvec-test.conf"

if [ "$without_sysvec" != 1 ]; then
	# What apt would pull in for the .debs, installed before the baseline
	# (marked automatic, as apt would), so that the baseline differs from
	# the system with sysvec by sysvec's own files only.
	mkdir -p "$root/var/tmp/sysvec-debs"
	rm -f "$root"/var/tmp/sysvec-debs/*.deb
	cp "${debs[@]}" "$root/var/tmp/sysvec-debs/"
	deps=$(in_root sh -c 'cd /var/tmp/sysvec-debs &&
		apt-get install -s -y ./sysvec_*.deb ./libsysvec0_*.deb ./libsysvec-dev_*.deb ./sysvec-dkms_*.deb' |
		awk '$1 == "Inst" { print $2 }' | grep -vxE 'sysvec|libsysvec0|libsysvec-dev|sysvec-dkms' || true)
	echo "# sysvec's dependencies: $(echo $deps)"
	if [ -n "$deps" ]; then
		# shellcheck disable=SC2086
		apt_root install $deps >>"$out/apt.log" 2>&1 ||
			{ tail -n 40 "$out/apt.log"; echo "apt-get install (dependencies) failed" >&2; exit 1; }
		# shellcheck disable=SC2086
		in_root apt-mark auto $deps >/dev/null
	fi
fi

# 4. The baseline: the system before sysvec (the build-time policy-rc.d and
# the .debs' copy are not part of it).
phase "baseline list"
list_files "$root" | grep -vxE '/usr/sbin/policy-rc.d' >"$out/before.list"
echo "# $(wc -l <"$out/before.list") files before sysvec"

if [ "$without_sysvec" != 1 ]; then
	# 5. sysvec, as a user installs local .debs.
	phase "apt: sysvec packages"
	in_root sh -c 'cd /var/tmp/sysvec-debs && apt-get install -y -o Dpkg::Options::=--force-confold \
		./sysvec_*.deb ./libsysvec0_*.deb ./libsysvec-dev_*.deb ./sysvec-dkms_*.deb' \
		>"$out/apt-sysvec.log" 2>&1 ||
		{ tail -n 60 "$out/apt-sysvec.log"; echo "apt-get install of the sysvec packages failed" >&2; exit 1; }
	rm -rf "$root/var/tmp/sysvec-debs"

	# 6. The administrator's profile, installed while only the cloud kernel
	# has headers.
	phase "policyc install mytest"
	install -d "$root/etc/sysvec/profiles"
	install -m 644 "$here/mytest.yaml" "$root/etc/sysvec/profiles/mytest.yaml"
	in_root policyc install mytest >"$out/policyc-install.log" 2>&1 ||
		{ cat "$out/policyc-install.log"; echo "policyc install mytest failed (see the report; the test goes on and fails in the guest)" >&2; }
fi

# 7. The second kernel, after sysvec and mytest: DKMS builds for it from
# its kernel postinst hook.
phase "apt: 6.1 rt kernel (DKMS rebuilds)"
apt_root install --no-install-recommends linux-image-rt-amd64 linux-headers-rt-amd64 >"$out/apt-rt.log" 2>&1 ||
	{ tail -n 60 "$out/apt-rt.log"; echo "apt-get install of the rt kernel failed" >&2; exit 1; }
rt=$(cd "$root/boot" && ls vmlinuz-6.1.*-rt-amd64 | sed 's/^vmlinuz-//')
[ "$(echo "$rt" | wc -l)" = 1 ] || { echo "not one 6.1 rt kernel: $rt" >&2; exit 1; }
echo "$rt" >"$out/kernel-rt"

# 8. What DKMS says it built.
if [ "$without_sysvec" != 1 ]; then
	in_root dkms status >"$out/dkms-status.txt" 2>&1 || true
	sed 's/^/# dkms status: /' "$out/dkms-status.txt"
fi
rm -f "$root/usr/sbin/policy-rc.d"
umount_all
rm -f "$root"/var/cache/apt/archives/*.deb

# 9. The disk image, from the tree, never mounted. Size: the tree plus room
# for the boots (journal, audit log, the purge).
phase "mke2fs"
used_mb=$(du -sm --one-file-system "$root" | cut -f1)
size_mb=$((used_mb + used_mb / 2 + 1024))
mke2fs -q -t ext4 -d "$root" -L sysroot "$out/disk.img" "${size_mb}M"
echo "# disk.img: ${size_mb} MiB for ${used_mb} MiB of files"
phase "done"
