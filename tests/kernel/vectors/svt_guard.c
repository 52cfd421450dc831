// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_guard": protects a file, a directory and a name that
 * does not exist yet below /svtg, refusing every operation with EACCES
 * and logging it (tests/kernel/t_guard.c). Every call is allowed.
 */
#include <linux/module.h>
#include "sysvec_vector.h"

static const char *const svt_guard_paths[] = {
	"/svtg/file",
	"/svtg/prot",
	"/svtg/later",
};

static const struct sysvec_vector svt_guard = {
	.name = "svt_guard",
	.version = "1.0-test",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { .beyond = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
	.ia32 = { .beyond = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
	.protect = {
		.paths = svt_guard_paths,
		.nr_paths = ARRAY_SIZE(svt_guard_paths),
		.ops = SYSVEC_PROT_ALL,
		.rule = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EACCES),
	},
};

module_sysvec_vector(svt_guard);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector svt_guard");
