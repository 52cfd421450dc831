// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_b": denies getppid with a different errno than svt_a
 * (to tell the two apart after a swap), has no ia32 table (every int $0x80
 * call is denied), and says what numbers beyond its table get (EDOM).
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

#define SVT_TABLE_LEN	512

static const u32 svt_b_native[SVT_TABLE_LEN] = {
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, EPERM),
};

static const struct sysvec_vector svt_b = {
	.name = "svt_b",
	.version = "2.0-test",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_b_native, ARRAY_SIZE(svt_b_native),
		    SYSVEC_RULE(SYSVEC_ACT_DENY, EDOM) },
};

module_sysvec_vector(svt_b);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector svt_b");
