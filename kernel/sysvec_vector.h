/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysvec: the interface between the registry module (sysvec.ko) and the
 * vector modules that register syscall vectors with it.
 *
 * A vector module describes its vector in a const struct sysvec_vector and
 * registers it from its init function and unregisters it from its exit
 * function, which module_sysvec_vector() writes for it:
 *
 *	static const u32 native[] = {
 *		[__NR_getppid] = SYSVEC_RULE(SYSVEC_ACT_DENY, EACCES),
 *	};
 *	static const struct sysvec_vector vec = {
 *		.name = "example", .version = "1", .owner = THIS_MODULE,
 *		.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
 *		.native = { native, ARRAY_SIZE(native) },
 *	};
 *	module_sysvec_vector(vec);
 *
 * The registry copies what it needs (names and a compiled form of every
 * table) at registration, so nothing in the description is read afterwards.
 * While any task uses the vector the registry holds a reference on @owner,
 * so the module cannot be removed under it.
 */
#ifndef _SYSVEC_VECTOR_H
#define _SYSVEC_VECTOR_H

#include <linux/types.h>
#include "sysvec.h"	/* include/uapi: actions and SYSVEC_RULE() */

/* Longest rule table accepted for one ABI. */
#define SYSVEC_MAX_RULES	1024

/**
 * struct sysvec_table - the rules of one ABI, indexed by syscall number
 * @rules:	SYSVEC_RULE() words; SYSVEC_ACT_DEFAULT entries take the
 *		vector's @default_rule
 * @nr_rules:	number of entries in @rules (at most SYSVEC_MAX_RULES)
 * @beyond:	rule for syscall numbers >= @nr_rules; SYSVEC_ACT_DEFAULT
 *		(0) means deny with ENOSYS
 *
 * A table with no rules and no @beyond rule is absent: every call of that
 * ABI is denied with ENOSYS and logged. For x32 the index is the number
 * without __X32_SYSCALL_BIT.
 */
struct sysvec_table {
	const u32 *rules;
	u32 nr_rules;
	u32 beyond;
};

/**
 * struct sysvec_vector - a vector as its module describes it
 * @name:	unique name, 1 to 63 characters of [A-Za-z0-9_.-]
 * @version:	version string, at most 63 printable characters, no spaces
 * @owner:	THIS_MODULE
 * @default_rule: rule for table entries that are SYSVEC_ACT_DEFAULT; must
 *		itself name an action
 * @flags:	SYSVEC_VECTOR_F_* bits (include/uapi/sysvec.h)
 * @native:	rules for x86_64 calls (the syscall instruction)
 * @ia32:	rules for i386 calls (int $0x80, sysenter, 32-bit syscall)
 * @x32:	rules for x32 calls (numbers with __X32_SYSCALL_BIT)
 */
struct sysvec_vector {
	const char *name;
	const char *version;
	struct module *owner;
	u32 default_rule;
	u32 flags;
	struct sysvec_table native;
	struct sysvec_table ia32;
	struct sysvec_table x32;
};

int sysvec_register_vector(const struct sysvec_vector *vec);
void sysvec_unregister_vector(const struct sysvec_vector *vec);

/**
 * module_sysvec_vector() - a module that only registers one vector
 * @__vec: the const struct sysvec_vector
 *
 * Defines the module's init (register; a failure fails the load with the
 * registry's errno) and exit (unregister).
 */
#define module_sysvec_vector(__vec)					\
static int __init __vec##_module_init(void)				\
{									\
	int id = sysvec_register_vector(&(__vec));			\
									\
	return id < 0 ? id : 0;						\
}									\
module_init(__vec##_module_init);					\
static void __exit __vec##_module_exit(void)				\
{									\
	sysvec_unregister_vector(&(__vec));				\
}									\
module_exit(__vec##_module_exit)

#endif /* _SYSVEC_VECTOR_H */
