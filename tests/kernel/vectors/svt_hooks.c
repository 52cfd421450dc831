// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_hooks": wrap and override hooks with behaviour the
 * tests choose through the first argument (t_hooks.c).
 *
 *  getppid (x86_64 and i386)  OVERRIDE: sleeps, then returns 4000 + arg0
 *	for arg0 < 1000; 1001 returns -ERESTARTSYS; 1002 sleeps until a
 *	signal comes; 1003 sleeps killable for 10 s; 1004 returns -EACCES.
 *  getpgid (x86_64 and i386)  WRAP: arg0 12345 fails with EACCES, 12346
 *	sleeps 10 ms first; the post-handler counts calls and keeps the
 *	last result (parameters post_calls, last_ret).
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/unistd.h>
#include <asm/unistd_32_ia32.h>
#include "sysvec_vector.h"

static long last_ret;
module_param(last_ret, long, 0444);
static int post_calls;
module_param(post_calls, int, 0444);

static long svt_hooks_override(struct sysvec_call *call)
{
	unsigned long a = sysvec_call_arg(call, 0);

	switch (a) {
	case 1001:
		return -ERESTARTSYS;
	case 1002:
		return msleep_interruptible(10000) ? -EINTR : 0;
	case 1003:
		set_current_state(TASK_KILLABLE);
		schedule_timeout(10 * HZ);
		return 0;
	case 1004:
		return -EACCES;
	}
	if (a >= 1000)
		return -EINVAL;
	msleep(20);	/* handlers may sleep */
	return 4000 + a;
}

static long svt_hooks_pre(struct sysvec_call *call)
{
	switch (sysvec_call_arg(call, 0)) {
	case 12345:
		return -EACCES;
	case 12346:
		usleep_range(10000, 11000);
		break;
	}
	return 0;
}

static void svt_hooks_post(struct sysvec_call *call, long ret)
{
	WRITE_ONCE(last_ret, ret);
	WRITE_ONCE(post_calls, post_calls + 1);
}

static const u32 svt_hooks_native[512] = {
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
};

static const u32 svt_hooks_ia32[512] = {
	[__NR_ia32_getppid] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
};

#define OVERRIDE(abi, nr) { abi, nr, SYSVEC_HOOK_OVERRIDE, svt_hooks_override, \
			    "svt_hooks_override" }
#define WRAP(abi, nr) { abi, nr, SYSVEC_HOOK_WRAP, svt_hooks_pre, "svt_hooks_pre", \
			svt_hooks_post }

static const struct sysvec_hook svt_hooks_list[] = {
	OVERRIDE(0, __NR_getppid),
	OVERRIDE(1, __NR_ia32_getppid),
	WRAP(0, __NR_getpgid),
	WRAP(1, __NR_ia32_getpgid),
};

static const struct sysvec_vector svt_hooks = {
	.name = "svt_hooks",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_hooks_native, ARRAY_SIZE(svt_hooks_native) },
	.ia32 = { svt_hooks_ia32, ARRAY_SIZE(svt_hooks_ia32) },
	.hooks = svt_hooks_list,
	.nr_hooks = ARRAY_SIZE(svt_hooks_list),
};

module_sysvec_vector(svt_hooks);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector with wrap and override hooks");
