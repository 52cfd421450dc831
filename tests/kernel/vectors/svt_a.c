// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_a": one rule per action on harmless calls, an ia32
 * table, no x32 table, and the default rule for numbers beyond the table
 * (ENOSYS).
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include <asm/unistd_32_ia32.h>
#include "sysvec_vector.h"

#define SVT_TABLE_LEN	512	/* covers every x86_64 and i386 number */

static const u32 svt_a_native[SVT_TABLE_LEN] = {
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, EACCES),
	[__NR_getpgrp] = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EXDEV),
	[__NR_getuid] = SYSVEC_RULE(SYSVEC_ACT_LOG, 0),
	[__NR_mkdir] = SYSVEC_RULE(SYSVEC_ACT_KILL, 0),
	[__NR_getpid] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
};

static const u32 svt_a_ia32[SVT_TABLE_LEN] = {
	[__NR_ia32_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, EACCES),
};

static const struct sysvec_vector svt_a = {
	.name = "svt_a",
	.version = "1.0-test",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_a_native, ARRAY_SIZE(svt_a_native) },
	.ia32 = { svt_a_ia32, ARRAY_SIZE(svt_a_ia32) },
};

module_sysvec_vector(svt_a);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector svt_a");
