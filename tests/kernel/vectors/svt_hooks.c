// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_hooks": carries a wrap and an override hook, which this
 * version of sysvec registers but refuses to attach.
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

static long svt_hooks_wrap(struct sysvec_call *call)
{
	return 0;
}

static long svt_hooks_override(struct sysvec_call *call)
{
	return 0;
}

static const u32 svt_hooks_native[512] = {
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
};

static const struct sysvec_hook svt_hooks_list[] = {
	{ 0, __NR_getppid, SYSVEC_HOOK_WRAP, svt_hooks_wrap, "svt_hooks_wrap" },
	{ 0, __NR_getpid, SYSVEC_HOOK_OVERRIDE, svt_hooks_override, "svt_hooks_override" },
};

static const struct sysvec_vector svt_hooks = {
	.name = "svt_hooks",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_hooks_native, ARRAY_SIZE(svt_hooks_native) },
	.hooks = svt_hooks_list,
	.nr_hooks = ARRAY_SIZE(svt_hooks_list),
};

module_sysvec_vector(svt_hooks);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector with hooks");
