// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: hijacks, replacements of existing syscalls registered by modules
 * at run time.
 *
 * A hijack replaces an existing syscall (its __x64_sys_ and i386 entry
 * points) for every process through an IPMODIFY ftrace_ops, as livepatch
 * does. Several modules may hijack the same call: they stack, the newest
 * on top. The top one runs; sysvec_call_original() from its handler runs
 * the one below, and from the lowest one the kernel's own. Removing any of
 * them, in any order, takes it out of the stack.
 *
 * A hijack is an entry (struct sysvec_dyn) like a new syscall (dynsys.c):
 * it starts locked, and is unlocked, locked again and removed through the
 * same functions. Entry addresses are resolved through a kprobe, since
 * ftrace knows aliases by one name only.
 *
 * What this file owns, and what protects it:
 *  - sysvec_hsites, and every field of a site but @stack:
 *    sysvec_dyn_mutex (dynsys.c);
 *  - a site's @stack: an RCU list, changed under sysvec_dyn_mutex and
 *    walked by the calls under RCU;
 *  - the sites themselves: kept until the module exits, since a call may
 *    be in a site's replacement at any time, also after its last hijack
 *    went.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>
#include <asm/ibt.h>
#include <asm/syscall.h>
#include "internal.h"

/* The ABIs a hijack replaces, and where each one's entry point is. */
enum { SYSVEC_HS_X64, SYSVEC_HS_IA32, SYSVEC_HS_NR };

/**
 * struct sysvec_hsite - a hijacked syscall: its entry points and its stack
 * @name:	syscall name
 * @stack:	struct sysvec_dyn, newest first (RCU list); empty: not hijacked
 * @ops:	one ftrace_ops per entry point
 * @hooked:	which @ops are registered
 * @orig:	each entry point's address (0: none of its own)
 * @hdr:	the sysctl file, while @stack is not empty
 * @table:	its text and table (the first hijack's name and number)
 * @num:	"NNNN"
 * @node:	in sysvec_hsites
 *
 * A call may be in the replacement of a site at any time, also after its
 * last hijack went (it runs the kernel's own call then), so sites are kept
 * until the module exits; a hijack of the same call later reuses it.
 */
struct sysvec_hsite {
	char name[SYSVEC_DYN_NAME_LEN];
	struct list_head stack;
	struct ftrace_ops ops[SYSVEC_HS_NR];
	bool hooked[SYSVEC_HS_NR];
	unsigned long orig[SYSVEC_HS_NR];
	struct ctl_table_header *hdr;
	struct ctl_table table[2];
	char num[8];
	struct list_head node;
};

static LIST_HEAD(sysvec_hsites);		/* under sysvec_dyn_mutex */
static const char sysvec_hijack_dir[] = "kernel/hijacked_syscalls";

/*
 * Run the first unlocked hijack of @site from @pos on (or the kernel's own
 * call past the end). Context: the hijacked call.
 */
static long sysvec_hijack_run(struct sysvec_hsite *site, int abi, struct list_head *pos,
			      const struct pt_regs *regs)
{
	long (*orig)(const struct pt_regs *regs);
	struct sysvec_dyn *d = NULL, *it;
	struct sysvec_call call;
	long ret;

	rcu_read_lock();
	for (pos = rcu_dereference(list_next_rcu(pos)); pos != &site->stack;
	     pos = rcu_dereference(list_next_rcu(pos))) {
		it = list_entry(pos, struct sysvec_dyn, node);
		if (sysvec_dyn_enter(it)) {
			d = it;
			break;
		}
		if (!READ_ONCE(it->unlocked)) {
			/* a locked hijack in the chain answers for it */
			rcu_read_unlock();
			return -ENOSYS;
		}
	}
	rcu_read_unlock();
	if (!d) {
		orig = (void *)site->orig[abi];
		return orig(regs);	/* sysvec_hijack_ftrace() lets it through */
	}
	sysvec_dyn_call_init(&call, regs, in_ia32_syscall() ?
			     SYSVEC_ABI_IA32 : SYSVEC_ABI_NATIVE,
			     (u32)syscall_get_nr(current, (struct pt_regs *)regs));
	call.hijack = &d->node;
	call.hijack_abi = abi;
	ret = d->fn(&call);
	sysvec_dyn_leave(d);
	return ret;
}

/**
 * sysvec_call_original() - run what a hijack replaced
 * @call: the call its handler received
 *
 * Runs the next hijack below the caller's in the stack, or the kernel's
 * own syscall, with the call's registers; it may sleep.
 * Context: a hijack handler.
 * Return: its result; -EINVAL if @call is not a hijacked call.
 */
long sysvec_call_original(struct sysvec_call *call)
{
	struct sysvec_dyn *d;

	if (!call->hijack)
		return -EINVAL;
	d = list_entry(call->hijack, struct sysvec_dyn, node);	/* held by the caller */
	return sysvec_hijack_run(d->site, call->hijack_abi, call->hijack, call->regs);
}
EXPORT_SYMBOL_GPL(sysvec_call_original);

/*
 * The replacement of a hijacked entry point. The ftrace handler passes the
 * site and which of its entry points was called in the second and third
 * argument registers, which the entry points (one argument: the caller's
 * registers) do not use.
 */
static long sysvec_hijack_entry(const struct pt_regs *regs, struct sysvec_hsite *site,
				unsigned long entry)
{
	int abi = entry == SYSVEC_HS_IA32 ? SYSVEC_HS_IA32 : SYSVEC_HS_X64;
	long ret;

	/*
	 * This module's code is on the stack until the call returns: hold
	 * it (sysvec_dyn_exit() covers the instructions before this).
	 */
	__module_get(THIS_MODULE);
	ret = sysvec_hijack_run(site, abi, &site->stack, regs);
	module_put(THIS_MODULE);
	return ret;
}

static void notrace sysvec_hijack_ftrace(unsigned long ip, unsigned long parent_ip,
					 struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct sysvec_hsite *site = ops->private;
	int abi;

	/* sysvec_hijack_run() calling the kernel's own */
	if (!regs || within_module(parent_ip, THIS_MODULE))
		return;
	abi = ops == &site->ops[SYSVEC_HS_IA32] ? SYSVEC_HS_IA32 : SYSVEC_HS_X64;
	regs->si = (unsigned long)site;
	regs->dx = abi;
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)sysvec_hijack_entry);
}

/*
 * The address of a kernel function, by name: kallsyms_lookup_name() is not
 * exported, but a kprobe resolves names. A kprobe at a function's entry
 * sits after its ENDBR (arch_adjust_kprobe_addr()), and with
 * CONFIG_X86_KERNEL_IBT (Debian's 6.12, not its 6.1) an indirect call must
 * land on the ENDBR: sysvec_hijack_run() calling the probe's address would
 * stop with a control protection fault. So step back over it; ftrace maps
 * the start of a function to its __fentry__ call (ftrace_location()).
 * Return: the function's start, or 0.
 */
static unsigned long sysvec_sym_addr(const char *fmt, const char *name)
{
	struct kprobe kp = { };
	char sym[64];
	unsigned long addr;
	u32 insn;

	snprintf(sym, sizeof(sym), fmt, name);
	kp.symbol_name = sym;
	if (register_kprobe(&kp))
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	if (ENDBR_INSN_SIZE &&
	    !copy_from_kernel_nofault(&insn, (void *)(addr - ENDBR_INSN_SIZE), sizeof(insn)) &&
	    is_endbr(insn))
		addr -= ENDBR_INSN_SIZE;
	return addr;
}

/*
 * Hook the entry points of @site: the x86_64 one, and the i386 one if the
 * call has its own (the compat form first). A call without arguments has
 * one body for both, of which the stubs are aliases: one hook covers it.
 * All of them, or none.
 */
static int sysvec_hsite_hook(struct sysvec_hsite *site)
{
	int abi, ret = 0;

	site->orig[SYSVEC_HS_X64] = sysvec_sym_addr("__x64_sys_%s", site->name);
	site->orig[SYSVEC_HS_IA32] = sysvec_sym_addr("__ia32_compat_sys_%s", site->name);
	if (!site->orig[SYSVEC_HS_IA32])
		site->orig[SYSVEC_HS_IA32] = sysvec_sym_addr("__ia32_sys_%s", site->name);
	if (!site->orig[SYSVEC_HS_X64])
		return -EINVAL;
	if (site->orig[SYSVEC_HS_IA32] == site->orig[SYSVEC_HS_X64])
		site->orig[SYSVEC_HS_IA32] = 0;
	for (abi = 0; abi < SYSVEC_HS_NR; abi++) {
		struct ftrace_ops *ops = &site->ops[abi];

		if (!site->orig[abi])
			continue;
		memset(ops, 0, sizeof(*ops));
		ops->func = sysvec_hijack_ftrace;
		ops->flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			     FTRACE_OPS_FL_RECURSION;
		ops->private = site;
		ret = ftrace_set_filter_ip(ops, site->orig[abi], 0, 0);
		if (!ret)
			ret = register_ftrace_function(ops);
		if (ret) {
			pr_err("cannot hijack %s (%d)\n", site->name, ret);
			ftrace_free_filter(ops);
			goto out_unhook;
		}
		site->hooked[abi] = true;
	}
	return 0;

out_unhook:
	while (abi--) {
		if (site->hooked[abi]) {
			unregister_ftrace_function(&site->ops[abi]);
			ftrace_free_filter(&site->ops[abi]);
			site->hooked[abi] = false;
		}
	}
	return ret == -EBUSY ? -EBUSY : -EINVAL;
}

static void sysvec_hsite_unhook(struct sysvec_hsite *site)
{
	int abi;

	for (abi = 0; abi < SYSVEC_HS_NR; abi++) {
		if (!site->hooked[abi])
			continue;
		WARN_ON(unregister_ftrace_function(&site->ops[abi]));
		ftrace_free_filter(&site->ops[abi]);
		site->hooked[abi] = false;
	}
}

static struct sysvec_hsite *sysvec_hsite_find(const char *name)
{
	struct sysvec_hsite *site;

	list_for_each_entry(site, &sysvec_hsites, node)
		if (!strcmp(site->name, name))
			return site;
	return NULL;
}

/**
 * sysvec_syscall_hijack() - replace an existing syscall for every process
 * @sc: the syscall's name, the handler and the owner (@nr 0, @vector NULL)
 *
 * The handler runs instead of the syscall, for x86_64 (and x32) and i386
 * calls, and may call sysvec_call_original(). Hijacks of the same call by
 * several modules stack (see the top of hijack.c). It starts locked:
 * calls get ENOSYS until sysvec_syscall_unlock().
 * Context: process context, may sleep.
 * Return: the x86_64 number; -EINVAL for a bad description, a syscall the
 * kernel does not have or cannot hook, exit and exit_group, or a second
 * hijack of the same call by one module; -EBUSY if another user (a live
 * patch) replaces it; -ENOMEM.
 */
int sysvec_syscall_hijack(const struct sysvec_syscall *sc)
{
	struct sysvec_hsite *site;
	struct sysvec_dyn *d;
	int nr, ret;

	if (!sc->name || !sysvec_dyn_name_ok(sc->name) || !sc->fn || !sc->owner ||
	    sc->nr || sc->vector)
		return -EINVAL;
	/*
	 * Newer kernels (6.12, not 6.1) call these two as __noreturn functions
	 * (__SYSCALL_NORETURN in the dispatch switches): no code follows the
	 * call, so a replacement that returned would run off its end.
	 */
	if (!strcmp(sc->name, "exit") || !strcmp(sc->name, "exit_group"))
		return -EINVAL;
	nr = sysvec_syscall_nr(SYSVEC_ABI_NATIVE, sc->name);
	if (nr < 0)
		return -EINVAL;
	mutex_lock(&sysvec_dyn_mutex);
	site = sysvec_hsite_find(sc->name);
	if (site) {
		ret = -EINVAL;
		list_for_each_entry(d, &site->stack, node)
			if (d->owner == sc->owner)
				goto out_unlock;
	} else {
		ret = -ENOMEM;
		site = kzalloc(sizeof(*site), GFP_KERNEL);
		if (!site)
			goto out_unlock;
		strscpy(site->name, sc->name, sizeof(site->name));
		INIT_LIST_HEAD(&site->stack);
		sysvec_number_file(site->table, site->num, sizeof(site->num),
				   site->name, nr);
		list_add(&site->node, &sysvec_hsites);
	}
	ret = -ENOMEM;
	d = sysvec_dyn_alloc(sc, nr);
	if (!d)
		goto out_unlock;
	d->site = site;
	if (list_empty(&site->stack)) {
		site->hdr = sysvec_register_sysctl(sysvec_hijack_dir, site->table);
		ret = site->hdr ? sysvec_hsite_hook(site) : -ENOMEM;
		if (ret) {
			if (site->hdr)
				unregister_sysctl_table(site->hdr);
			site->hdr = NULL;
			kfree(d);
			goto out_unlock;
		}
	}
	list_add_rcu(&d->node, &site->stack);
	pr_info("hijacked syscall %s: %d (locked)\n", d->name, nr);
	ret = nr;
out_unlock:
	mutex_unlock(&sysvec_dyn_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_syscall_hijack);

/**
 * sysvec_hijack_lookup() - the hijack of a call by a module
 * @owner: the module
 * @name: the call's name
 * @nr: its x86_64 number, as the hijack returned it
 *
 * Context: under sysvec_dyn_mutex.
 * Return: the hijack, or ERR_PTR(-EBADF) when @owner has none that matches.
 */
struct sysvec_dyn *sysvec_hijack_lookup(struct module *owner, const char *name, u32 nr)
{
	struct sysvec_hsite *site;
	struct sysvec_dyn *d;

	lockdep_assert_held(&sysvec_dyn_mutex);
	site = sysvec_hsite_find(name);
	if (!site)
		return ERR_PTR(-EBADF);
	list_for_each_entry(d, &site->stack, node)
		if (d->owner == owner && d->nr == nr)
			return d;
	return ERR_PTR(-EBADF);
}

/**
 * sysvec_hijack_remove() - take a hijack out of its site
 * @d: the hijack, locked, with no call inside
 *
 * The last one of its site unhooks the call; the site stays.
 * Context: under sysvec_dyn_mutex.
 */
void sysvec_hijack_remove(struct sysvec_dyn *d)
{
	struct sysvec_hsite *site = d->site;

	list_del_rcu(&d->node);
	if (!list_empty(&site->stack))
		return;
	sysvec_hsite_unhook(site);
	unregister_sysctl_table(site->hdr);
	site->hdr = NULL;
}

/**
 * sysvec_hijack_show() - the /proc/sysvec/syscalls lines of the hijacks
 * @m: the file
 *
 * Context: under sysvec_dyn_mutex.
 */
void sysvec_hijack_show(struct seq_file *m)
{
	struct sysvec_hsite *site;
	struct sysvec_dyn *d;

	lockdep_assert_held(&sysvec_dyn_mutex);
	list_for_each_entry(site, &sysvec_hsites, node)
		list_for_each_entry(d, &site->stack, node)
			sysvec_dyn_show_one(m, "hijack", d);
}

/**
 * sysvec_hijack_exit() - free the sites
 *
 * Context: module exit, from sysvec_dyn_exit(), once no call can be on
 * its way into a replacement.
 */
void sysvec_hijack_exit(void)
{
	struct sysvec_hsite *site, *tmp;

	list_for_each_entry_safe(site, tmp, &sysvec_hsites, node) {
		WARN_ON(!list_empty(&site->stack));
		list_del(&site->node);
		kfree(site);
	}
}
