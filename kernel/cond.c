// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: argument conditions.
 *
 * A table entry SYSVEC_RULE(SYSVEC_ACT_COND, n) sends the call to chain n of
 * its vector: a list of rules, each with up to SYSVEC_MAX_CONDS comparisons
 * of the call's arguments, tried in order; the first rule whose comparisons
 * all hold decides, and the chain's "otherwise" rule decides when none does.
 *
 * Registration copies the chains into three flat arrays (chains, rules,
 * conditions) with compiled rules, so that the probe reads nothing of the
 * module's description. Arguments are scalars read from the registers: no
 * user memory is ever read, so nothing can change between the decision and
 * the call. An i386 call's arguments are compared on their low 32 bits,
 * which is what the kernel passes to the call.
 *
 * What this file owns, and what protects it: nothing of its own. The
 * compiled chains belong to their vector, like its tables (compile.c):
 * written at registration before the vector is visible, read-only after,
 * evaluated by the probe under RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/syscall.h>
#include "internal.h"

static int sysvec_cond_check(const struct sysvec_arg_cond *c)
{
	if (c->arg > 5 || c->op < SYSVEC_CMP_EQ || c->op > _SYSVEC_CMP_MAX)
		return -EINVAL;
	if (c->op != SYSVEC_CMP_MASKED_EQ && c->mask)
		return -EINVAL;
	return 0;
}

/**
 * sysvec_cond_compile() - validate and copy a description's chains
 * @vec: registry object; @vec->chains, @vec->crules, @vec->cconds are set
 * @desc: the module's description
 * @dflt: the vector's compiled default rule
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for a malformed chain, -ENOMEM.
 */
int sysvec_cond_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc,
			u32 dflt)
{
	u32 i, j, k, nr_rules = 0, nr_conds = 0, rule_at = 0, cond_at = 0;
	int ret;

	if (!desc->nr_chains)
		return desc->chains ? -EINVAL : 0;
	if (!desc->chains || desc->nr_chains > SYSVEC_MAX_CHAINS)
		return -EINVAL;
	for (i = 0; i < desc->nr_chains; i++) {
		const struct sysvec_cond_chain *ch = &desc->chains[i];

		if (!ch->rules || !ch->nr_rules || ch->nr_rules > SYSVEC_MAX_CHAIN_RULES)
			return -EINVAL;
		nr_rules += ch->nr_rules;
		for (j = 0; j < ch->nr_rules; j++) {
			const struct sysvec_cond_rule *r = &ch->rules[j];

			if (!r->conds || !r->nr_conds || r->nr_conds > SYSVEC_MAX_CONDS)
				return -EINVAL;
			nr_conds += r->nr_conds;
		}
	}

	vec->chains = kcalloc(desc->nr_chains, sizeof(*vec->chains), GFP_KERNEL);
	vec->crules = kcalloc(nr_rules, sizeof(*vec->crules), GFP_KERNEL);
	vec->cconds = kcalloc(nr_conds, sizeof(*vec->cconds), GFP_KERNEL);
	if (!vec->chains || !vec->crules || !vec->cconds) {
		ret = -ENOMEM;
		goto out_free;
	}
	for (i = 0; i < desc->nr_chains; i++) {
		const struct sysvec_cond_chain *ch = &desc->chains[i];
		struct sysvec_cchain *cc = &vec->chains[i];

		/* no chains: a chain's rules are never COND */
		ret = sysvec_compile_entry(ch->otherwise, dflt, 0, &cc->otherwise);
		if (ret)
			goto out_free;
		cc->first_rule = rule_at;
		cc->nr_rules = ch->nr_rules;
		for (j = 0; j < ch->nr_rules; j++) {
			const struct sysvec_cond_rule *r = &ch->rules[j];
			struct sysvec_crule *cr = &vec->crules[rule_at++];

			ret = sysvec_compile_entry(r->rule, dflt, 0, &cr->rule);
			if (ret)
				goto out_free;
			cr->first_cond = cond_at;
			cr->nr_conds = r->nr_conds;
			for (k = 0; k < r->nr_conds; k++) {
				const struct sysvec_arg_cond *c = &r->conds[k];
				struct sysvec_ccond *cd = &vec->cconds[cond_at++];

				ret = sysvec_cond_check(c);
				if (ret)
					goto out_free;
				cd->arg = c->arg;
				cd->op = c->op;
				cd->mask = c->mask;
				cd->value = c->value;
			}
		}
	}
	vec->nr_chains = desc->nr_chains;
	return 0;

out_free:
	sysvec_cond_free(vec);
	return ret;
}

void sysvec_cond_free(struct sysvec_vec *vec)
{
	kfree(vec->chains);
	kfree(vec->crules);
	kfree(vec->cconds);
	vec->chains = NULL;
	vec->crules = NULL;
	vec->cconds = NULL;
	vec->nr_chains = 0;
}

static bool sysvec_cond_holds(const struct sysvec_ccond *c, u64 a)
{
	switch (c->op) {
	case SYSVEC_CMP_EQ:
		return a == c->value;
	case SYSVEC_CMP_NE:
		return a != c->value;
	case SYSVEC_CMP_LT:
		return a < c->value;
	case SYSVEC_CMP_LE:
		return a <= c->value;
	case SYSVEC_CMP_GT:
		return a > c->value;
	case SYSVEC_CMP_GE:
		return a >= c->value;
	default: /* SYSVEC_CMP_MASKED_EQ */
		return (a & c->mask) == c->value;
	}
}

/**
 * sysvec_cond_eval() - the rule chain @chain gives for current's call
 * @vec: current's vector (RCU)
 * @regs: the call's registers
 * @abi: the ABI the call came through
 * @chain: chain index, checked against @vec->nr_chains at registration
 *
 * Context: the sys_enter probe; reads only registers, never sleeps.
 * Return: a compiled rule that is never COND.
 */
u32 sysvec_cond_eval(const struct sysvec_vec *vec, struct pt_regs *regs,
		     enum sysvec_abi abi, u32 chain)
{
	const struct sysvec_cchain *ch = &vec->chains[chain];
	unsigned long args[6];
	u32 i, j;

	sysvec_get_args(regs, abi, args);
	for (i = 0; i < ch->nr_rules; i++) {
		const struct sysvec_crule *r = &vec->crules[ch->first_rule + i];
		bool all = true;

		for (j = 0; j < r->nr_conds && all; j++) {
			const struct sysvec_ccond *c = &vec->cconds[r->first_cond + j];

			all = sysvec_cond_holds(c, args[c->arg]);
		}
		if (all)
			return r->rule;
	}
	return ch->otherwise;
}
