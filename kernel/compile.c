// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: turn a vector module's description into the compiled tables the
 * sys_enter probe reads, and name syscalls for audit records.
 *
 * A compiled table is a flat u32 array indexed by syscall number in which 0
 * means "run the call", so the probe decides with one load and one test.
 * Compiling resolves SYSVEC_ACT_DEFAULT, and applies two rules that hold for
 * every vector whatever its tables say:
 *  - calls that create a task (clone, fork, vfork, clone3) are marked, so
 *    the probe can make sure an object for the child is ready (task.c);
 *  - io_uring calls are denied with EPERM unless the vector carries
 *    SYSVEC_VECTOR_F_IO_URING, because operations submitted through a ring
 *    run without a syscall entry and so escape every vector.
 * Which numbers these are is read from the generated name tables, never
 * typed by hand.
 *
 * What this file owns, and what protects it:
 *  - sysvec_abis[]: the generated name tables, and the flags and x86_64
 *    numbers derived from them at module init (sysvec_compile_init());
 *    read-only after, read without a lock, also by the probes;
 *  - a vector's compiled tables and hooks: written only while the vector
 *    is being registered, before the registry makes it visible; read-only
 *    after (the probes read them under RCU), freed from the vector's RCU
 *    callback once it left the registry (registry.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "internal.h"
#include "syscall_names.h"

#define SYSVEC_SYS_CLONE	(1u << 0)
#define SYSVEC_SYS_IO_URING	(1u << 1)

struct sysvec_abi_names {
	const char *const *names;
	u32 nr;
	u8 *sysflags;		/* SYSVEC_SYS_* per number */
	u16 *native;		/* x86_64 number of the same name, or U16_MAX */
	u32 min_len;		/* compiled tables cover every flagged number */
};

static struct sysvec_abi_names sysvec_abis[SYSVEC_ABI_NR] = {
	[SYSVEC_ABI_NATIVE] = { sysvec_names_native, ARRAY_SIZE(sysvec_names_native) },
	[SYSVEC_ABI_IA32] = { sysvec_names_ia32, ARRAY_SIZE(sysvec_names_ia32) },
	[SYSVEC_ABI_X32] = { sysvec_names_x32, ARRAY_SIZE(sysvec_names_x32) },
};

static const char *const sysvec_clone_calls[] = { "clone", "fork", "vfork", "clone3" };
static const char *const sysvec_io_uring_calls[] = {
	"io_uring_setup", "io_uring_enter", "io_uring_register",
};
/* Calls whose path arguments a SYSVEC_HOOK_F_PATHS wrap may check. */
static const struct sysvec_path_call {
	const char *name;
	u32 args;		/* bits of the arguments that are paths */
} sysvec_path_calls[] = {
#define SYSVEC_PATH_CALL(name, args) { #name, args },
	SYSVEC_PATH_CALLS(SYSVEC_PATH_CALL)
#undef SYSVEC_PATH_CALL
};

static bool sysvec_name_in(const char *name, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(name, set[i]))
			return true;
	return false;
}

/**
 * sysvec_syscall_name() - name of a syscall for audit records
 * @abi: ABI the call came through
 * @nr: number in that ABI (x32 without __X32_SYSCALL_BIT)
 *
 * Return: the name, or "?" for a number the kernel does not define.
 */
const char *sysvec_syscall_name(enum sysvec_abi abi, u32 nr)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];

	if (nr < a->nr && a->names[nr])
		return a->names[nr];
	return "?";
}

/**
 * sysvec_syscall_io_uring() - whether a number is an io_uring call
 * @abi: the ABI
 * @nr: number in that ABI (x32 without __X32_SYSCALL_BIT)
 */
bool sysvec_syscall_io_uring(enum sysvec_abi abi, u32 nr)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];

	return nr < a->nr && (a->sysflags[nr] & SYSVEC_SYS_IO_URING);
}

/*
 * Translate one rule word of a description, not SYSVEC_ACT_DEFAULT;
 * @nr_chains is how many chains a COND rule may name (0: COND refused).
 * Return: 0, or -EINVAL if the rule is malformed.
 */
static int sysvec_compile_rule(u32 rule, u32 *out, u32 nr_chains)
{
	u32 act = SYSVEC_RULE_ACTION(rule), err = SYSVEC_RULE_ERRNO(rule);

	switch (act) {
	case SYSVEC_ACT_RETURN:
		*out = SYSVEC_C_SKIP | SYSVEC_C_RETVAL | err;
		return 0;
	case SYSVEC_ACT_COND:
		if (err >= nr_chains)
			return -EINVAL;
		*out = SYSVEC_C_COND | err;
		return 0;
	case SYSVEC_ACT_ALLOW:
	case SYSVEC_ACT_LOG:
	case SYSVEC_ACT_KILL:
		if (err)
			return -EINVAL;
		break;
	case SYSVEC_ACT_DENY:
	case SYSVEC_ACT_DENY_LOG:
		if (err < 1 || err > SYSVEC_MAX_ERRNO)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	switch (act) {
	case SYSVEC_ACT_ALLOW:
		*out = 0;
		break;
	case SYSVEC_ACT_LOG:
		*out = SYSVEC_C_LOG;
		break;
	case SYSVEC_ACT_KILL:
		*out = SYSVEC_C_SKIP | SYSVEC_C_KILL | SYSVEC_C_LOG | EPERM;
		break;
	case SYSVEC_ACT_DENY:
		*out = SYSVEC_C_SKIP | err;
		break;
	default: /* SYSVEC_ACT_DENY_LOG */
		*out = SYSVEC_C_SKIP | SYSVEC_C_LOG | err;
		break;
	}
	return 0;
}

/**
 * sysvec_compile_entry() - translate a table or chain entry
 * @rule: SYSVEC_RULE() word; SYSVEC_ACT_DEFAULT takes @dflt
 * @dflt: the vector's compiled default rule
 * @nr_chains: chains a COND rule may name; 0 where COND is not allowed
 * @out: the compiled rule
 *
 * Return: 0, or -EINVAL if the rule is malformed.
 */
int sysvec_compile_entry(u32 rule, u32 dflt, u32 nr_chains, u32 *out)
{
	if (rule == SYSVEC_RULE(SYSVEC_ACT_DEFAULT, 0)) {
		*out = dflt;
		return 0;
	}
	return sysvec_compile_rule(rule, out, nr_chains);
}

/*
 * Add the rules that hold for every vector to a compiled entry. A COND
 * entry is not SKIP, so io_uring is denied whatever its chain says, and a
 * task-creating call keeps its mark whichever rule of the chain applies.
 */
static u32 sysvec_fixup(u32 c, u8 sysflags, u32 vflags)
{
	if (c & SYSVEC_C_SKIP)
		return c;
	if ((sysflags & SYSVEC_SYS_IO_URING) && !(vflags & SYSVEC_VECTOR_F_IO_URING))
		return SYSVEC_C_SKIP | EPERM;
	if (sysflags & SYSVEC_SYS_CLONE)
		c |= SYSVEC_C_CLONE;
	return c;
}

static int sysvec_compile_table(struct sysvec_ctab *ct, enum sysvec_abi abi,
				const struct sysvec_table *t, u32 dflt, u32 vflags,
				u32 nr_chains)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];
	u32 i, beyond, len;
	int ret;

	/*
	 * ENOSYS is what the kernel returns for a number it does not know;
	 * here it is returned for numbers the vector does not know.
	 */
	if (!t->rules && !t->nr_rules && !t->beyond) {
		/* Absent table: no call of this ABI runs. */
		beyond = SYSVEC_C_SKIP | SYSVEC_C_LOG | ENOSYS;
	} else if (!t->beyond) {
		beyond = SYSVEC_C_SKIP | ENOSYS;
	} else {
		ret = sysvec_compile_rule(t->beyond, &beyond, nr_chains);
		if (ret)
			return ret;
	}
	if (t->nr_rules > SYSVEC_MAX_RULES || (t->nr_rules && !t->rules))
		return -EINVAL;

	len = max(t->nr_rules, a->min_len);
	ct->rules = kcalloc(len, sizeof(*ct->rules), GFP_KERNEL);
	if (!ct->rules)
		return -ENOMEM;
	for (i = 0; i < len; i++) {
		u32 c = beyond;

		if (i < t->nr_rules) {
			ret = sysvec_compile_entry(t->rules[i], dflt, nr_chains, &c);
			if (ret)
				goto out_free;
		}
		ct->rules[i] = sysvec_fixup(c, i < a->nr ? a->sysflags[i] : 0, vflags);
	}
	ct->nr = len;
	ct->beyond = beyond;
	return 0;

out_free:
	kfree(ct->rules);
	ct->rules = NULL;
	return ret;
}

/**
 * sysvec_syscall_nr() - the number of a syscall in an ABI
 * @abi: the ABI
 * @name: the kernel's name for it
 *
 * Return: the number, or -ENOENT.
 */
int sysvec_syscall_nr(enum sysvec_abi abi, const char *name)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];
	u32 i;

	for (i = 0; i < a->nr; i++)
		if (a->names[i] && !strcmp(a->names[i], name))
			return i;
	return -ENOENT;
}

/**
 * sysvec_syscall_native() - the x86_64 number of a syscall of another ABI
 * @abi: the ABI the call came through
 * @nr: its number there (x32 without __X32_SYSCALL_BIT)
 *
 * Matched by name, so i386 calls x86_64 lacks (socketcall, stat64, ...)
 * have none. Context: any.
 * Return: the x86_64 number, or -1.
 */
int sysvec_syscall_native(enum sysvec_abi abi, u32 nr)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];

	if (nr >= a->nr || a->native[nr] == U16_MAX)
		return -1;
	return a->native[nr];
}

/* Number of x86_64 syscall numbers the kernel's table has. */
u32 sysvec_syscall_count(void)
{
	return sysvec_abis[SYSVEC_ABI_NATIVE].nr;
}

/* The path arguments of the call @nr of @abi (sysvec_path_calls), or 0. */
static u32 sysvec_path_args(enum sysvec_abi abi, u32 nr)
{
	const struct sysvec_abi_names *a = &sysvec_abis[abi];
	size_t i;

	if (nr >= a->nr || !a->names[nr])
		return 0;
	for (i = 0; i < ARRAY_SIZE(sysvec_path_calls); i++)
		if (!strcmp(a->names[nr], sysvec_path_calls[i].name))
			return sysvec_path_calls[i].args;
	return 0;
}

/*
 * Check the hooks of a description, copy them, and point the table entry
 * of each hooked call at its hook. Calls that create a task or use
 * io_uring cannot be hooked: their entries carry rules of their own.
 */
static int sysvec_compile_hooks(struct sysvec_vec *vec, const struct sysvec_vector *desc,
				const struct sysvec_table *const *tabs)
{
	const struct sysvec_hook *h;
	struct sysvec_chook *ch;
	u32 i, j;

	if (!desc->nr_hooks)
		return desc->hooks ? -EINVAL : 0;
	if (!desc->hooks || desc->nr_hooks > SYSVEC_MAX_HOOKS)
		return -EINVAL;
	for (i = 0; i < desc->nr_hooks; i++) {
		h = &desc->hooks[i];
		if (h->abi >= SYSVEC_ABI_NR || h->nr >= tabs[h->abi]->nr_rules ||
		    (h->kind != SYSVEC_HOOK_WRAP && h->kind != SYSVEC_HOOK_OVERRIDE) ||
		    !h->fn || !h->name || !h->name[0] ||
		    strnlen(h->name, SYSVEC_NAME_LEN) >= SYSVEC_NAME_LEN ||
		    (h->flags & ~SYSVEC_HOOK_F_PATHS) ||
		    (h->kind == SYSVEC_HOOK_OVERRIDE && (h->post || h->flags)) ||
		    ((h->flags & SYSVEC_HOOK_F_PATHS) && !sysvec_path_args(h->abi, h->nr)))
			return -EINVAL;
		if (h->nr < sysvec_abis[h->abi].nr &&
		    (sysvec_abis[h->abi].sysflags[h->nr] & (SYSVEC_SYS_CLONE | SYSVEC_SYS_IO_URING)))
			return -EINVAL;
		/* One hook per call. */
		for (j = 0; j < i; j++)
			if (desc->hooks[j].abi == h->abi && desc->hooks[j].nr == h->nr)
				return -EINVAL;
	}
	vec->hooks = kcalloc(desc->nr_hooks, sizeof(*vec->hooks), GFP_KERNEL);
	if (!vec->hooks)
		return -ENOMEM;
	for (i = 0; i < desc->nr_hooks; i++) {
		h = &desc->hooks[i];
		ch = &vec->hooks[i];
		ch->fn = h->fn;
		ch->post = h->post;
		ch->kind = h->kind;
		ch->flags = h->flags;
		strscpy(ch->name, h->name, sizeof(ch->name));
		if (h->flags & SYSVEC_HOOK_F_PATHS) {
			ch->path_args = sysvec_path_args(h->abi, h->nr);
			vec->path_hooks = true;
		}
		/* Compiled tables are at least as long as the description's. */
		vec->tab[h->abi].rules[h->nr] = SYSVEC_C_HOOK | i;
	}
	vec->nr_hooks = desc->nr_hooks;
	return 0;
}

/**
 * sysvec_compile() - validate a description and compile its tables
 * @vec: registry object to fill (@vec->tab)
 * @desc: the module's description
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for a malformed rule, table, chain or hook, -ENOMEM.
 */
int sysvec_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc)
{
	const struct sysvec_table *tabs[SYSVEC_ABI_NR] = {
		&desc->native, &desc->ia32, &desc->x32,
	};
	u32 dflt;
	int abi, ret;

	if (SYSVEC_RULE_ACTION(desc->default_rule) == SYSVEC_ACT_DEFAULT)
		return -EINVAL;
	ret = sysvec_compile_rule(desc->default_rule, &dflt, 0);
	if (ret)
		return ret;
	ret = sysvec_cond_compile(vec, desc, dflt);
	if (ret)
		return ret;
	for (abi = 0; abi < SYSVEC_ABI_NR; abi++) {
		ret = sysvec_compile_table(&vec->tab[abi], abi, tabs[abi], dflt,
					   desc->flags, vec->nr_chains);
		if (ret)
			goto out_free;
	}
	ret = sysvec_compile_hooks(vec, desc, tabs);
	if (ret)
		goto out_free;
	if (desc->nr_hooks)
		vec->flags |= SYSVEC_VECTOR_F_HOOKS;
	ret = sysvec_guard_compile(vec, desc);
	if (ret)
		goto out_free;
	return 0;

out_free:
	sysvec_compile_free(vec);
	return ret;
}

/**
 * sysvec_compile_none() - tables of the built-in "none" vector
 * @vec: &sysvec_vec_none
 *
 * Tasks that only hold pending state (ON_EXEC, CHILDREN) point at this
 * vector: it runs every call and only marks those that create a task.
 * Context: module init. Return: 0 or -ENOMEM.
 */
int sysvec_compile_none(struct sysvec_vec *vec)
{
	int abi;
	u32 i;

	for (abi = 0; abi < SYSVEC_ABI_NR; abi++) {
		struct sysvec_ctab *ct = &vec->tab[abi];
		const struct sysvec_abi_names *a = &sysvec_abis[abi];

		ct->rules = kcalloc(a->min_len, sizeof(u32), GFP_KERNEL);
		if (!ct->rules) {
			sysvec_compile_free(vec);
			return -ENOMEM;
		}
		ct->nr = a->min_len;
		ct->beyond = 0;
		for (i = 0; i < ct->nr; i++)
			if (a->sysflags[i] & SYSVEC_SYS_CLONE)
				ct->rules[i] = SYSVEC_C_CLONE;
	}
	return 0;
}

void sysvec_compile_free(struct sysvec_vec *vec)
{
	int abi;

	sysvec_cond_free(vec);
	sysvec_guard_free(vec);
	kfree(vec->hooks);
	vec->hooks = NULL;
	vec->nr_hooks = 0;
	for (abi = 0; abi < SYSVEC_ABI_NR; abi++) {
		kfree(vec->tab[abi].rules);
		vec->tab[abi].rules = NULL;
		vec->tab[abi].nr = 0;
	}
}

/**
 * sysvec_compile_init() - find the special calls of every ABI by name,
 * and the x86_64 number of each call
 *
 * Context: module init. Return: 0 or -ENOMEM.
 */
int sysvec_compile_init(void)
{
	int abi;
	u32 i;

	for (abi = 0; abi < SYSVEC_ABI_NR; abi++) {
		struct sysvec_abi_names *a = &sysvec_abis[abi];

		a->sysflags = kcalloc(a->nr, 1, GFP_KERNEL);
		a->native = kmalloc_array(a->nr, sizeof(*a->native), GFP_KERNEL);
		if (!a->sysflags || !a->native) {
			sysvec_compile_exit();
			return -ENOMEM;
		}
		for (i = 0; i < a->nr; i++) {
			const char *n = a->names[i];
			int native;

			a->native[i] = U16_MAX;
			if (!n)
				continue;
			native = abi == SYSVEC_ABI_NATIVE ? i :
				 sysvec_syscall_nr(SYSVEC_ABI_NATIVE, n);
			if (native >= 0)
				a->native[i] = native;
			if (sysvec_name_in(n, sysvec_clone_calls,
					   ARRAY_SIZE(sysvec_clone_calls)))
				a->sysflags[i] |= SYSVEC_SYS_CLONE;
			if (sysvec_name_in(n, sysvec_io_uring_calls,
					   ARRAY_SIZE(sysvec_io_uring_calls)))
				a->sysflags[i] |= SYSVEC_SYS_IO_URING;
			if (a->sysflags[i])
				a->min_len = i + 1;
		}
	}
	return 0;
}

void sysvec_compile_exit(void)
{
	int abi;

	for (abi = 0; abi < SYSVEC_ABI_NR; abi++) {
		kfree(sysvec_abis[abi].sysflags);
		sysvec_abis[abi].sysflags = NULL;
		kfree(sysvec_abis[abi].native);
		sysvec_abis[abi].native = NULL;
	}
}
