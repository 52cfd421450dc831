// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_cond": argument conditions and RETURN rules.
 *  getppid (x86_64 and i386) goes through chain 0:
 *    arg0 == 7                          -> deny EACCES
 *    (arg0 & 0xf0) == 0x30 && arg1 >= 5 -> return 42
 *    otherwise                          -> allow
 *  getpgrp goes through chain 1, whose rule and "otherwise" take the
 *  default (deny ENOTTY) except for arg2 != 0 -> deny with log, EXDEV.
 *  getpid returns 4242 without running.
 *  clone goes through chain 2 (CLONE_THREAD allowed, others EPERM), and the
 *  chain of io_uring_setup says allow, which the registry overrides.
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <asm/unistd.h>
#include <asm/unistd_32_ia32.h>
#include "sysvec_vector.h"

static const struct sysvec_arg_cond c_eq7[] = {
	{ .arg = 0, .op = SYSVEC_CMP_EQ, .value = 7 },
};
static const struct sysvec_arg_cond c_masked[] = {
	{ .arg = 0, .op = SYSVEC_CMP_MASKED_EQ, .mask = 0xf0, .value = 0x30 },
	{ .arg = 1, .op = SYSVEC_CMP_GE, .value = 5 },
};
static const struct sysvec_arg_cond c_ne0[] = {
	{ .arg = 2, .op = SYSVEC_CMP_NE, .value = 0 },
};
static const struct sysvec_arg_cond c_thread[] = {
	{ .arg = 0, .op = SYSVEC_CMP_MASKED_EQ, .mask = CLONE_THREAD,
	  .value = CLONE_THREAD },
};
static const struct sysvec_arg_cond c_any[] = {
	{ .arg = 0, .op = SYSVEC_CMP_GE, .value = 0 },
};

static const struct sysvec_cond_rule r_getppid[] = {
	{ c_eq7, ARRAY_SIZE(c_eq7), SYSVEC_RULE(SYSVEC_ACT_DENY, EACCES) },
	{ c_masked, ARRAY_SIZE(c_masked), SYSVEC_RULE(SYSVEC_ACT_RETURN, 42) },
};
static const struct sysvec_cond_rule r_getpgrp[] = {
	{ c_ne0, ARRAY_SIZE(c_ne0), SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EXDEV) },
};
static const struct sysvec_cond_rule r_clone[] = {
	{ c_thread, ARRAY_SIZE(c_thread), SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
};
static const struct sysvec_cond_rule r_any[] = {
	{ c_any, ARRAY_SIZE(c_any), SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
};

static const struct sysvec_cond_chain svt_cond_chains[] = {
	{ r_getppid, ARRAY_SIZE(r_getppid), SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
	{ r_getpgrp, ARRAY_SIZE(r_getpgrp), SYSVEC_RULE(SYSVEC_ACT_DEFAULT, 0) },
	{ r_clone, ARRAY_SIZE(r_clone), SYSVEC_RULE(SYSVEC_ACT_DENY, EPERM) },
	{ r_any, ARRAY_SIZE(r_any), SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) },
};

static const u32 svt_cond_native[512] = {
	[0 ... 511] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_COND, 0),
	[__NR_getpgrp] = SYSVEC_RULE(SYSVEC_ACT_COND, 1),
	[__NR_clone] = SYSVEC_RULE(SYSVEC_ACT_COND, 2),
	[__NR_io_uring_setup] = SYSVEC_RULE(SYSVEC_ACT_COND, 3),
	[__NR_getpid] = SYSVEC_RULE(SYSVEC_ACT_RETURN, 4242),
	[__NR_getsid] = SYSVEC_RULE(SYSVEC_ACT_DEFAULT, 0),
};

static const u32 svt_cond_ia32[512] = {
	[0 ... 511] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	[__NR_ia32_getppid] = SYSVEC_RULE(SYSVEC_ACT_COND, 0),
};

static const struct sysvec_vector svt_cond = {
	.name = "svt_cond",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_DENY, ENOTTY),
	.native = { svt_cond_native, ARRAY_SIZE(svt_cond_native) },
	.ia32 = { svt_cond_ia32, ARRAY_SIZE(svt_cond_ia32) },
	.chains = svt_cond_chains,
	.nr_chains = ARRAY_SIZE(svt_cond_chains),
};

module_sysvec_vector(svt_cond);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector with argument conditions");
