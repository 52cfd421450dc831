// SPDX-License-Identifier: GPL-2.0
/*
 * The vector of `make demo`, "demo": a process under it may not create
 * directories (EPERM) or sockets (EACCES), and each refusal is logged.
 * Everything else runs.
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

static const u32 demo_native[512] = {
	[__NR_mkdir] = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EPERM),
	[__NR_mkdirat] = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EPERM),
	[__NR_socket] = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EACCES),
};

static const struct sysvec_vector demo = {
	.name = "demo",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { demo_native, ARRAY_SIZE(demo_native) },
};

module_sysvec_vector(demo);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec demo vector");
