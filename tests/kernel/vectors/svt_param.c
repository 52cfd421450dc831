// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector whose description comes from module parameters, to test how
 * the registry refuses bad ones: insmod svt_param.ko name=svt_a must fail
 * with EEXIST, name=bad/name or errno=0 with EINVAL. bad=N (1..13) adds an
 * argument-condition chain or a hook with one defect each; bad=0 adds the
 * well-formed versions of both.
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

static int bad = -1;
module_param(bad, int, 0444);

static u32 svt_param_native[512];
static struct sysvec_vector svt_param;
static struct sysvec_arg_cond svt_param_conds[1];
static struct sysvec_cond_rule svt_param_rules[1];
static struct sysvec_cond_chain svt_param_chains[1];
static struct sysvec_hook svt_param_hooks[2];

static long svt_param_hook(struct sysvec_call *call)
{
	return 0;
}

static void svt_param_post(struct sysvec_call *call, long ret)
{
}

/* A chain on getpid and a hook on getuid, broken as @bad says. */
static void svt_param_add_bad(void)
{
	svt_param_conds[0] = (struct sysvec_arg_cond){ .arg = 0, .op = SYSVEC_CMP_EQ };
	svt_param_rules[0] = (struct sysvec_cond_rule){
		svt_param_conds, 1, SYSVEC_RULE(SYSVEC_ACT_DENY, EPERM) };
	svt_param_chains[0] = (struct sysvec_cond_chain){
		svt_param_rules, 1, SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0) };
	svt_param_hooks[0] = (struct sysvec_hook){
		0, __NR_getuid, SYSVEC_HOOK_WRAP, svt_param_hook, "svt_param_hook" };
	svt_param_native[__NR_getpid] = SYSVEC_RULE(SYSVEC_ACT_COND, 0);
	svt_param.chains = svt_param_chains;
	svt_param.nr_chains = 1;
	svt_param.hooks = svt_param_hooks;
	svt_param.nr_hooks = 1;
	switch (bad) {
	case 1:	/* a COND rule naming a chain that does not exist */
		svt_param_native[__NR_getpid] = SYSVEC_RULE(SYSVEC_ACT_COND, 1);
		break;
	case 2:	/* no operator */
		svt_param_conds[0].op = 0;
		break;
	case 3:	/* argument 6 */
		svt_param_conds[0].arg = 6;
		break;
	case 4:	/* a mask with an operator other than masked-eq */
		svt_param_conds[0].mask = 0xff;
		break;
	case 5:	/* a chain rule that is itself COND */
		svt_param_rules[0].rule = SYSVEC_RULE(SYSVEC_ACT_COND, 0);
		break;
	case 6:	/* a chain without rules */
		svt_param_chains[0].nr_rules = 0;
		break;
	case 7:	/* a hook beyond the table */
		svt_param_hooks[0].nr = ARRAY_SIZE(svt_param_native);
		break;
	case 8:	/* two wrap hooks on one call */
		svt_param_hooks[1] = svt_param_hooks[0];
		svt_param.nr_hooks = 2;
		break;
	case 9:	/* a hook without a handler */
		svt_param_hooks[0].fn = NULL;
		break;
	case 10: /* a path hook on a call that takes no path */
		svt_param_hooks[0].flags = SYSVEC_HOOK_F_PATHS;
		break;
	case 11: /* an override with a post-handler */
		svt_param_hooks[0].kind = SYSVEC_HOOK_OVERRIDE;
		svt_param_hooks[0].post = svt_param_post;
		break;
	case 12: /* a hook on a call that creates a task */
		svt_param_hooks[0].nr = __NR_clone;
		break;
	case 13: /* an unknown hook flag */
		svt_param_hooks[0].flags = 1u << 7;
		break;
	}
}

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
	if (bad >= 0)
		svt_param_add_bad();
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
