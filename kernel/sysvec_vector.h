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
/* Limits of argument conditions (SYSVEC_ACT_COND). */
#define SYSVEC_MAX_CHAINS	1024	/* chains in one vector */
#define SYSVEC_MAX_CHAIN_RULES	64	/* rules in one chain */
#define SYSVEC_MAX_CONDS	6	/* conditions in one rule */
/* Limit of wrap and override hooks in one vector. */
#define SYSVEC_MAX_HOOKS	1024

/* Comparison operators of an argument condition (unsigned, 64 bits). */
enum sysvec_cmp {
	SYSVEC_CMP_EQ = 1,	/* arg == value */
	SYSVEC_CMP_NE,		/* arg != value */
	SYSVEC_CMP_LT,		/* arg < value */
	SYSVEC_CMP_LE,		/* arg <= value */
	SYSVEC_CMP_GT,		/* arg > value */
	SYSVEC_CMP_GE,		/* arg >= value */
	SYSVEC_CMP_MASKED_EQ,	/* (arg & mask) == value */
	_SYSVEC_CMP_MAX = SYSVEC_CMP_MASKED_EQ,
};

/**
 * struct sysvec_arg_cond - one comparison of a syscall argument
 * @arg:	argument index, 0 to 5
 * @op:		enum sysvec_cmp
 * @mask:	mask for SYSVEC_CMP_MASKED_EQ, 0 otherwise
 * @value:	value compared with
 *
 * Arguments are compared as the registers hold them: 64 bits for x86_64
 * and x32 calls, the low 32 bits for i386 calls, as the kernel reads them.
 */
struct sysvec_arg_cond {
	u32 arg;
	u32 op;
	u64 mask;
	u64 value;
};

/**
 * struct sysvec_cond_rule - a rule that applies when all its conditions hold
 * @conds:	1 to SYSVEC_MAX_CONDS conditions, all of which must hold
 * @nr_conds:	number of @conds
 * @rule:	SYSVEC_RULE() applied when they do (not COND; DEFAULT takes
 *		the vector's default rule)
 */
struct sysvec_cond_rule {
	const struct sysvec_arg_cond *conds;
	u32 nr_conds;
	u32 rule;
};

/**
 * struct sysvec_cond_chain - what SYSVEC_RULE(SYSVEC_ACT_COND, n) points at
 * @rules:	rules tried in order; the first whose conditions hold decides
 * @nr_rules:	1 to SYSVEC_MAX_CHAIN_RULES
 * @otherwise:	rule when none holds (not COND; DEFAULT: the vector's default)
 */
struct sysvec_cond_chain {
	const struct sysvec_cond_rule *rules;
	u32 nr_rules;
	u32 otherwise;
};

/*
 * Wrap and override hooks (kernel/hook.c). They run in process context,
 * may sleep and may touch the caller's memory.
 *  - OVERRIDE: @fn runs instead of the call; its return value is the
 *    call's result (a value from -4095 to -1 is an error, -errno).
 *  - WRAP: @fn runs before the call and returns 0 to let it run or -errno
 *    to fail it; the optional @post runs after the call with its result.
 *  - WRAP with SYSVEC_HOOK_F_PATHS, on a call that takes paths: the
 *    call's paths are copied into the kernel before @fn runs, @fn reads
 *    them with sysvec_call_path() (or resolves them with
 *    sysvec_call_path_lookup()), and if it lets the call run, the call
 *    uses exactly those copies: another thread rewriting the user buffer
 *    after the check changes nothing. A relative path is copied as an
 *    absolute one (the working directory's or the directory fd's name
 *    before it), so a chdir() or dup2() meanwhile changes nothing either.
 *    A path that cannot be copied fails the call as the call itself would
 *    (EFAULT, ENAMETOOLONG, EBADF, ENOTDIR, ENOENT), without running @fn.
 * Handlers see the call only through the sysvec_call_*() accessors.
 */
struct sysvec_call;
struct path;
typedef long (*sysvec_hook_fn)(struct sysvec_call *call);
typedef void (*sysvec_post_fn)(struct sysvec_call *call, long ret);

const char *sysvec_call_path(const struct sysvec_call *call, unsigned int n);
/* sysvec_call_path_lookup() flags */
#define SYSVEC_PATH_FOLLOW	(1u << 0)	/* follow a last symbolic link */
#define SYSVEC_PATH_PARENT	(1u << 1)	/* the directory holding the last name */
int sysvec_call_path_lookup(const struct sysvec_call *call, unsigned int n,
			    unsigned int flags, struct path *path);
unsigned long sysvec_call_arg(const struct sysvec_call *call, unsigned int i);
unsigned int sysvec_call_nr(const struct sysvec_call *call);
unsigned int sysvec_call_abi(const struct sysvec_call *call);
const char *sysvec_call_name(const struct sysvec_call *call);
u64 sysvec_call_elapsed_ns(const struct sysvec_call *call);
int sysvec_call_audit(const struct sysvec_call *call, long ret);

enum sysvec_hook_kind {
	SYSVEC_HOOK_WRAP = 1,
	SYSVEC_HOOK_OVERRIDE,
};

/* struct sysvec_hook.flags */
#define SYSVEC_HOOK_F_PATHS	(1u << 0)	/* WRAP: run on each path copy */

/**
 * struct sysvec_hook - a wrap or override handler for one syscall
 * @abi:	0 x86_64, 1 i386, 2 x32
 * @nr:		syscall number in that ABI (below the table's @nr_rules)
 * @kind:	enum sysvec_hook_kind
 * @fn:		the handler (WRAP: the pre-handler)
 * @name:	the handler's name, for audit records
 * @post:	WRAP only, optional: runs after the call with its result
 * @flags:	SYSVEC_HOOK_F_* bits; F_PATHS only on calls that take paths
 *		(open, unlink, rmdir, mkdir, rename, stat, truncate, chmod,
 *		chown and their at/64/32 forms); others get EINVAL
 *
 * Calls that create a task (clone, fork, vfork, clone3) and io_uring calls
 * cannot have hooks.
 */
struct sysvec_hook {
	u32 abi;
	u32 nr;
	u32 kind;
	sysvec_hook_fn fn;
	const char *name;
	sysvec_post_fn post;
	u32 flags;
};

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

/* Most paths one vector may protect, and the longest of them. */
#define SYSVEC_MAX_PROTECT	64
#define SYSVEC_PROTECT_PATH_MAX	256

/**
 * struct sysvec_protect - files and directories the vector's tasks may not
 * change, decided on the objects the kernel resolved (kernel/guard.c)
 * @paths:	absolute paths, without "." or ".." components; a directory
 *		protects everything below it. They are resolved when the vector
 *		registers and again at each ATTACH, in the mount namespace of
 *		the task that loads the module or attaches
 * @nr_paths:	0 (no protection) to SYSVEC_MAX_PROTECT
 * @ops:	SYSVEC_PROT_* operations refused (include/uapi/sysvec.h)
 * @rule:	SYSVEC_RULE(SYSVEC_ACT_DENY or SYSVEC_ACT_DENY_LOG, errno)
 */
struct sysvec_protect {
	const char *const *paths;
	u32 nr_paths;
	u32 ops;
	u32 rule;
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
 * @chains:	argument-condition chains that SYSVEC_ACT_COND rules name
 * @nr_chains:	number of @chains
 * @hooks:	wrap and override handlers
 * @nr_hooks:	number of @hooks
 * @protect:	files the vector's tasks may not change (API 1.6)
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
	const struct sysvec_cond_chain *chains;
	u32 nr_chains;
	const struct sysvec_hook *hooks;
	u32 nr_hooks;
	struct sysvec_protect protect;
};

/* Longest name of a new syscall, with its NUL. */
#define SYSVEC_DYN_NAME_LEN	32

/**
 * struct sysvec_syscall - a new syscall, or a replacement of an existing one
 * @name:	new: 1 to 31 of [a-z0-9_], unique; hijack: the existing call's
 *		name as the kernel's headers spell it
 * @nr:		new: a number from SYSVEC_DYN_FIRST to SYSVEC_DYN_LAST, or 0
 *		to take the first free one; hijack: 0
 * @fn:		the handler: runs in the caller's syscall context, may sleep;
 *		its return value is the call's result. A hijack's handler may
 *		run what it replaced with sysvec_call_original().
 * @owner:	THIS_MODULE
 * @vector:	new only: NULL for every process, or the name of the vector
 *		whose tasks alone may call it (others get ENOSYS)
 *
 * Both start locked (calls get ENOSYS) until sysvec_syscall_unlock(); the
 * other functions take the owner, name and number the registration
 * returned, and give -EBADF when they do not match (kernel/dynsys.c).
 */
struct sysvec_syscall {
	const char *name;
	u32 nr;
	sysvec_hook_fn fn;
	struct module *owner;
	const char *vector;
};

int sysvec_syscall_register(const struct sysvec_syscall *sc);
int sysvec_syscall_hijack(const struct sysvec_syscall *sc);
int sysvec_syscall_unlock(struct module *owner, const char *name, unsigned int nr);
int sysvec_syscall_lock(struct module *owner, const char *name, unsigned int nr);
int sysvec_syscall_unregister(struct module *owner, const char *name, unsigned int nr);
int sysvec_syscall_wait_idle(struct module *owner, const char *name, unsigned int nr);
long sysvec_call_original(struct sysvec_call *call);

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
