// SPDX-License-Identifier: GPL-2.0
/*
 * Test module "svt_dyn": adds, hijacks, locks and removes syscalls as the
 * tests tell it through the write-only parameter "ctl", whose write fails
 * with the registry's errno:
 *
 *	new NAME NR		a new syscall for every process (NR 0: any)
 *	newvec NAME NR		a new syscall for tasks of vector svt_dyn only
 *	hijack NAME		replace an existing syscall
 *	unlock|lock|unreg|wait NAME NR
 *	release			wake the handlers that sleep
 *
 * A new syscall returns 2 * a0 + 1; with a0 == 1 it sleeps until
 * "release" (or 20 s) and returns 7. A hijack returns what it replaced
 * plus SVT_DYN_OFFSET (so two stacked hijacks add both offsets); with
 * a0 == 1 it sleeps first, as above. The module also registers vector
 * "svt_dyn", which allows every call, its numbers beyond the tables too.
 * svt_dyn2 is the same module with another offset, to stack hijacks.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/wait.h>
#include "sysvec_vector.h"

#ifndef SVT_DYN_OFFSET
#define SVT_DYN_OFFSET	1000000
#define SVT_DYN_VECTOR	"svt_dyn"
#endif

static DECLARE_WAIT_QUEUE_HEAD(svt_dyn_wq);
static bool svt_dyn_released;

static void svt_dyn_sleep(void)
{
	wait_event_interruptible_timeout(svt_dyn_wq, READ_ONCE(svt_dyn_released), 20 * HZ);
}

static long svt_dyn_new_fn(struct sysvec_call *call)
{
	unsigned long a0 = sysvec_call_arg(call, 0);

	if (a0 == 1) {
		svt_dyn_sleep();
		return 7;
	}
	return 2 * a0 + 1;
}

static long svt_dyn_hijack_fn(struct sysvec_call *call)
{
	long ret;

	if (sysvec_call_arg(call, 0) == 1)
		svt_dyn_sleep();
	ret = sysvec_call_original(call);
	return ret < 0 ? ret : ret + SVT_DYN_OFFSET;
}

static int svt_dyn_ctl(const char *val, const struct kernel_param *kp)
{
	char cmd[16], name[32];
	unsigned int nr = 0;
	struct sysvec_syscall sc = { .name = name, .owner = THIS_MODULE };
	int n;

	n = sscanf(val, "%15s %31s %u", cmd, name, &nr);
	if (n >= 1 && !strcmp(cmd, "release")) {
		WRITE_ONCE(svt_dyn_released, true);
		wake_up_all(&svt_dyn_wq);
		return 0;
	}
	if (n < 2)
		return -EINVAL;
	WRITE_ONCE(svt_dyn_released, false);
	if (!strcmp(cmd, "new") || !strcmp(cmd, "newvec")) {
		sc.nr = nr;
		sc.fn = svt_dyn_new_fn;
		sc.vector = cmd[3] ? SVT_DYN_VECTOR : NULL;
		n = sysvec_syscall_register(&sc);
		return n < 0 ? n : 0;
	}
	if (!strcmp(cmd, "hijack")) {
		sc.fn = svt_dyn_hijack_fn;
		n = sysvec_syscall_hijack(&sc);
		return n < 0 ? n : 0;
	}
	if (!strcmp(cmd, "unlock"))
		return sysvec_syscall_unlock(THIS_MODULE, name, nr);
	if (!strcmp(cmd, "lock"))
		return sysvec_syscall_lock(THIS_MODULE, name, nr);
	if (!strcmp(cmd, "unreg"))
		return sysvec_syscall_unregister(THIS_MODULE, name, nr);
	if (!strcmp(cmd, "wait"))
		return sysvec_syscall_wait_idle(THIS_MODULE, name, nr);
	return -EINVAL;
}

static const struct kernel_param_ops svt_dyn_ctl_ops = { .set = svt_dyn_ctl };
module_param_cb(ctl, &svt_dyn_ctl_ops, NULL, 0200);

#ifndef SVT_DYN_NO_VECTOR
static const u32 svt_dyn_native[512];

static const struct sysvec_vector svt_dyn_vec = {
	.name = SVT_DYN_VECTOR,
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_dyn_native, ARRAY_SIZE(svt_dyn_native),
		    SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
};

module_sysvec_vector(svt_dyn_vec);
#else
static int __init svt_dyn_init(void)
{
	return 0;
}
module_init(svt_dyn_init);

static void __exit svt_dyn_exit(void)
{
}
module_exit(svt_dyn_exit);
#endif
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test module for new and hijacked syscalls");
