// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_naive": the classic, racy syscall wrapper, to show that
 * the path race test can fail. A plain wrap on unlink reads the path from
 * user memory itself and fails the call with EACCES when it contains
 * "forbidden"; the call then reads the path again.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

static long svt_naive_check(struct sysvec_call *call)
{
	const char __user *upath = (const char __user *)sysvec_call_arg(call, 0);
	char buf[64];
	long ret = 0;

	if (strncpy_from_user(buf, upath, sizeof(buf)) < 0)
		return -EFAULT;
	buf[sizeof(buf) - 1] = '\0';
	if (strstr(buf, "forbidden"))
		ret = -EACCES;
	return ret;
}

static const u32 svt_naive_native[512];

static const struct sysvec_hook svt_naive_list[] = {
	{ 0, __NR_unlink, SYSVEC_HOOK_WRAP, svt_naive_check, "svt_naive_check" },
};

static const struct sysvec_vector svt_naive = {
	.name = "svt_naive",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_naive_native, ARRAY_SIZE(svt_naive_native) },
	.hooks = svt_naive_list,
	.nr_hooks = ARRAY_SIZE(svt_naive_list),
};

module_sysvec_vector(svt_naive);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector: a racy wrapper, for the path race test");
