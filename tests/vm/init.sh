#!/bin/sh
# /init of the sysvec test VM: mount the basics, load the modules, run the
# kernel test program, dump the kernel log, power off. The host reads all
# of it from the serial console (tests/vm/run.sh).
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp && mount -t tmpfs tmpfs /tmp
chmod 1777 /tmp
ifconfig lo 127.0.0.1 up
# Audit records reach the kernel log through printk when no auditd runs;
# do not let printk's own rate limit hide them from the tests.
echo 0 > /proc/sys/kernel/printk_ratelimit
echo "SVT-BOOT $(uname -r)"
mode=$(sed -n 's/.*svt.mode=\([a-z]*\).*/\1/p' /proc/cmdline)
mods="sysvec svt_a svt_b"
[ "$mode" = demo ] && mods="sysvec"
[ "$mode" = bench ] && mods=""	# the benchmark loads them after its first run
for m in $mods; do
	insmod "/lib/sysvec/$m.ko" || echo "SVT-FATAL insmod $m failed"
done
if [ "$mode" = demo ]; then
	/bin/sh /demo.sh
elif [ "$mode" = bench ]; then
	reps=$(sed -n 's/.*svt.reps=\([0-9]*\).*/\1/p' /proc/cmdline)
	SYSVEC_VECTOR_DIR=/lib/sysvec SYSVEC_PROFILE_PATH=/etc/sysvec/profiles \
		/bin/sysvec-bench /lib/sysvec /etc/sysvec/profiles "${reps:-1}"
	echo "SVT-EXIT $?"
else
	timeout=$(sed -n 's/.*svt.timeout=\([0-9]*\).*/\1/p' /proc/cmdline)
	# If the tests hang, leave the state of every task in the console log
	# shortly before the host gives up on the VM.
	watchdog=$(sed -n 's/.*svt.watchdog=\([0-9]*\).*/\1/p' /proc/cmdline)
	if [ -n "$watchdog" ]; then
		(sleep "$watchdog"; echo "SVT-WATCHDOG: tests still running, dumping tasks"
		 echo 1 > /proc/sys/kernel/sysrq
		 for c in w t l; do echo "$c" > /proc/sysrq-trigger; done; dmesg) &
	fi
	filter=$(sed -n 's/.*svt.filter=\([a-z0-9_,]*\).*/\1/p' /proc/cmdline)
	repeat=$(sed -n 's/.*svt.repeat=\([0-9]*\).*/\1/p' /proc/cmdline)
	KTEST_TIMEOUT=${timeout:-120} KTEST_REPEAT=${repeat:-1} /bin/sysvec-ktest /lib/sysvec ${filter:+"$filter"}
	echo "SVT-EXIT $?"
fi
echo "SVT-DMESG-BEGIN"
dmesg
echo "SVT-DMESG-END"
poweroff -f
