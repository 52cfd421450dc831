// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_uring": like svt_b (getppid denied with EPERM, all else
 * allowed) but with SYSVEC_VECTOR_F_IO_URING, so confined tasks may use
 * io_uring and may be attached while they own rings.
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

#define SVT_TABLE_LEN	512

static const u32 svt_uring_native[SVT_TABLE_LEN] = {
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, EPERM),
};

static const struct sysvec_vector svt_uring = {
	.name = "svt_uring",
	.version = "1.0-test",
	.owner = THIS_MODULE,
	.flags = SYSVEC_VECTOR_F_IO_URING,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_uring_native, ARRAY_SIZE(svt_uring_native) },
};

module_sysvec_vector(svt_uring);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector svt_uring (io_uring allowed)");
