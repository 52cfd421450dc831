// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector whose description comes from module parameters, to test how
 * the registry refuses bad ones: insmod svt_param.ko name=svt_a must fail
 * with EEXIST, name=bad/name or errno=0 with EINVAL.
 */
#include <linux/module.h>
#include <asm/unistd.h>
#include "sysvec_vector.h"

static char *name = "svt_param";
module_param(name, charp, 0444);
static char *version = "1";
module_param(version, charp, 0444);
static int deny_errno = EPERM;
module_param(deny_errno, int, 0444);
static uint default_action = SYSVEC_ACT_ALLOW;
module_param(default_action, uint, 0444);

static u32 svt_param_native[512];
static struct sysvec_vector svt_param;

static int __init svt_param_init(void)
{
	int id;

	svt_param_native[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, deny_errno);
	svt_param.name = name;
	svt_param.version = version;
	svt_param.owner = THIS_MODULE;
	svt_param.default_rule = SYSVEC_RULE(default_action, 0);
	svt_param.native.rules = svt_param_native;
	svt_param.native.nr_rules = ARRAY_SIZE(svt_param_native);
	id = sysvec_register_vector(&svt_param);
	return id < 0 ? id : 0;
}

static void __exit svt_param_exit(void)
{
	sysvec_unregister_vector(&svt_param);
}

module_init(svt_param_init);
module_exit(svt_param_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector built from parameters");
