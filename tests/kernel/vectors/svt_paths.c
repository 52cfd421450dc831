// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_paths": a wrap with SYSVEC_HOOK_F_PATHS on unlink. This
 * version of sysvec registers it and refuses to attach it (EOPNOTSUPP).
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

static long svt_paths_check(struct sysvec_call *call)
{
	return sysvec_call_path(call, 0) ? 0 : -EACCES;
}

static const u32 svt_paths_native[512];

static const struct sysvec_hook svt_paths_list[] = {
	{ 0, __NR_unlink, SYSVEC_HOOK_WRAP, svt_paths_check, "svt_paths_check",
	  NULL, SYSVEC_HOOK_F_PATHS },
};

static const struct sysvec_vector svt_paths = {
	.name = "svt_paths",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_paths_native, ARRAY_SIZE(svt_paths_native) },
	.hooks = svt_paths_list,
	.nr_hooks = ARRAY_SIZE(svt_paths_list),
};

module_sysvec_vector(svt_paths);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector with a path hook");
