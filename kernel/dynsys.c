// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: new syscalls registered by modules at run time, and what they
 * share with hijacks (hijack.c): the entries, their locking and removal.
 *
 * New syscalls take numbers from SYSVEC_DYN_FIRST to SYSVEC_DYN_LAST
 * (include/uapi/sysvec.h), above every x86_64 and i386 syscall and without
 * the x32 bit, so they collide with none. The kernel answers a number past
 * its table inline (do_syscall_64()), so the sys_enter probe (probe.c)
 * carries a registered number to the handler: it puts the number in ax
 * (which holds -ENOSYS at entry) and turns the call into a carrier, a
 * reserved number the kernel's table sends to the out-of-line
 * __x64_sys_ni_syscall() / __ia32_sys_ni_syscall() (afs_syscall on x86_64,
 * break on i386). A kprobe there sends a carried call to
 * sysvec_dyn_dispatch(), which runs the handler in the caller's syscall
 * context: it may sleep, and signals and restarts work as for any call.
 * The entry code is built without ftrace, hence a kprobe whose pre-handler
 * changes the address (sysvec_kprobe_redirect()). While any new syscall
 * exists, the probes stay registered for every process
 * (sysvec_probes_hold()).
 *
 * A hijack replaces an existing syscall (hijack.c). Both kinds start
 * locked (calls get ENOSYS) until the module unlocks
 * them. Removal locks again and fails with EAGAIN while calls are still
 * inside the handler; sysvec_syscall_wait_idle() sleeps until they have
 * left. A call inside a handler also pins the handler's module. Each
 * entry is a read-only file /proc/sys/kernel/dynamic_syscalls/<name> or
 * /proc/sys/kernel/hijacked_syscalls/<name> holding its number as four
 * decimal digits and a newline.
 *
 * What this file owns, and what protects it:
 *  - sysvec_dyn_mutex serializes every change to new syscalls and hijacks
 *    (here and in hijack.c). It sleeps, and is taken before
 *    sysvec_attach_mutex (the first new syscall holds the probes, the last
 *    releases them).
 *  - sysvec_dyn_tab[]: RCU pointers, set and cleared under
 *    sysvec_dyn_mutex; calls find their entry under RCU.
 *    sysvec_dyn_count: sysvec_dyn_mutex.
 *  - an entry (struct sysvec_dyn): fixed once registered, except
 *    @unlocked (changed under sysvec_dyn_mutex, read without it) and
 *    @inflight (atomic). A call holds its entry by @inflight and its
 *    module by a reference; removal locks the entry, waits a grace period
 *    and gives up while @inflight is not 0, so an entry is freed (after
 *    another grace period) once no call is inside.
 *  - sysvec_dyn_carrier[]: set at module init, read-only after.
 *  - the kprobes on the ni_syscall entry points: registered and removed
 *    under sysvec_dyn_mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/wait.h>
#include <asm/syscall.h>
#include "internal.h"

#define SYSVEC_DYN_NR	(SYSVEC_DYN_LAST - SYSVEC_DYN_FIRST + 1)

DEFINE_MUTEX(sysvec_dyn_mutex);
static struct sysvec_dyn __rcu *sysvec_dyn_tab[SYSVEC_DYN_NR];
static unsigned int sysvec_dyn_count;		/* under the mutex */
static int sysvec_dyn_carrier[SYSVEC_ABI_NR] = { -1, -1, -1 };	/* set at init */

static const char sysvec_dyn_dir[] = "kernel/dynamic_syscalls";

/* ---- calls ---- */

/**
 * sysvec_dyn_enter() - a call enters the handler of @d
 * @d: a new syscall or a hijack, found under RCU
 *
 * Context: the call, under rcu_read_lock().
 * Return: true with @d held by @inflight and its module by a reference;
 * false if it is locked or its module is going away.
 */
bool sysvec_dyn_enter(struct sysvec_dyn *d)
{
	if (!READ_ONCE(d->unlocked))
		return false;
	atomic_inc(&d->inflight);
	/* Removal locks, waits a grace period, then reads @inflight. */
	if (!READ_ONCE(d->unlocked) || !try_module_get(d->owner)) {
		if (atomic_dec_and_test(&d->inflight))
			wake_up_all(&d->idle);
		return false;
	}
	return true;
}

/**
 * sysvec_dyn_leave() - a call left the handler of @d
 * @d: the entry sysvec_dyn_enter() held
 *
 * Context: the call, which may sleep.
 */
void sysvec_dyn_leave(struct sysvec_dyn *d)
{
	struct module *owner = d->owner;

	/* @d may be freed once @inflight is 0 and a grace period passed */
	if (atomic_dec_and_test(&d->inflight))
		wake_up_all(&d->idle);
	module_put(owner);
}

/**
 * sysvec_dyn_call_init() - what the handler of a new or hijacked call sees
 * @call: filled in
 * @regs: the caller's registers
 * @abi: the caller's ABI
 * @nr: the number within @abi
 */
void sysvec_dyn_call_init(struct sysvec_call *call, const struct pt_regs *regs,
			  enum sysvec_abi abi, u32 nr)
{
	memset(call, 0, sizeof(*call));
	call->regs = (struct pt_regs *)regs;
	call->abi = abi;
	call->nr = nr;
	sysvec_get_args(call->regs, abi, call->args);
}

/* Whether current may call @d (a vector's own syscall: its tasks only). */
static bool sysvec_dyn_visible(const struct sysvec_dyn *d)
{
	const struct sysvec_task *t;
	bool ok;

	if (!d->vector[0])
		return true;
	rcu_read_lock();
	t = sysvec_task_find(current);
	ok = t && !strcmp(sysvec_deref(t->vec)->name, d->vector);
	rcu_read_unlock();
	return ok;
}

/*
 * In place of __x64_sys_ni_syscall() / __ia32_sys_ni_syscall() for a
 * number of a registered syscall (sysvec_ni_pre()).
 */
static long sysvec_dyn_run(const struct pt_regs *regs, u32 nr);

static long sysvec_dyn_dispatch(const struct pt_regs *regs)
{
	u32 nr = (u32)regs->ax;		/* sysvec_dyn_carry() put it there */
	long ret;

	/* this module's code is on the stack until the call returns */
	__module_get(THIS_MODULE);
	ret = sysvec_dyn_run(regs, nr);
	module_put(THIS_MODULE);
	return ret;
}

static long sysvec_dyn_run(const struct pt_regs *regs, u32 nr)
{
	struct sysvec_call call;
	struct sysvec_dyn *d;
	long ret;

	if (!sysvec_dyn_number(nr))
		return -ENOSYS;
	rcu_read_lock();
	d = rcu_dereference(sysvec_dyn_tab[nr - SYSVEC_DYN_FIRST]);
	if (d && !sysvec_dyn_enter(d))
		d = NULL;
	rcu_read_unlock();
	if (!d)
		return -ENOSYS;
	if (!sysvec_dyn_visible(d)) {
		ret = -ENOSYS;
	} else {
		sysvec_dyn_call_init(&call, regs, in_ia32_syscall() ?
				     SYSVEC_ABI_IA32 : SYSVEC_ABI_NATIVE, nr);
		ret = d->fn(&call);
	}
	sysvec_dyn_leave(d);
	return ret;
}

/**
 * sysvec_dyn_carry() - route a call of a new syscall's number
 * @regs: the caller's registers
 * @raw_nr: the number as the caller passed it, SYSVEC_DYN_FIRST to
 *	    SYSVEC_DYN_LAST (the same in every ABI)
 *
 * Context: the sys_enter probe, after the caller's vector let the call run.
 */
void sysvec_dyn_carry(struct pt_regs *regs, u32 raw_nr)
{
	int abi = in_ia32_syscall() ? SYSVEC_ABI_IA32 : SYSVEC_ABI_NATIVE;

	if ((u32)regs->orig_ax != raw_nr || sysvec_dyn_carrier[abi] < 0)
		return;		/* a rule skipped it */
	if (!rcu_access_pointer(sysvec_dyn_tab[raw_nr - SYSVEC_DYN_FIRST]))
		return;		/* nothing there: the kernel's ENOSYS */
	regs->ax = raw_nr;
	regs->orig_ax = sysvec_dyn_carrier[abi];
}

static int sysvec_ni_pre(struct kprobe *kp, struct pt_regs *kregs)
{
	/* the argument of the ni_syscall entry point: the caller's registers */
	const struct pt_regs *regs = (const struct pt_regs *)kregs->di;
	int abi = in_ia32_syscall() ? SYSVEC_ABI_IA32 : SYSVEC_ABI_NATIVE;

	/* at entry ax is -ENOSYS: only sysvec_dyn_carry() puts a number there */
	if ((long)regs->orig_ax != sysvec_dyn_carrier[abi] || !sysvec_dyn_number(regs->ax))
		return 0;
	instruction_pointer_set(kregs, (unsigned long)sysvec_dyn_dispatch);
	return 1;	/* resume there, without single-stepping the original */
}

static struct sysvec_kprobe_site sysvec_ni_sites[] = {
	{ "__x64_sys_ni_syscall", sysvec_ni_pre },
	{ "__ia32_sys_ni_syscall", sysvec_ni_pre },
};

static int sysvec_ni_register(void)
{
	lockdep_assert_held(&sysvec_dyn_mutex);
	return sysvec_kprobe_sites_register(sysvec_ni_sites, ARRAY_SIZE(sysvec_ni_sites),
					    "no new syscalls");
}

static void sysvec_ni_unregister(void)
{
	lockdep_assert_held(&sysvec_dyn_mutex);
	sysvec_kprobe_sites_unregister(sysvec_ni_sites, ARRAY_SIZE(sysvec_ni_sites));
}

/* ---- registration ---- */

/**
 * sysvec_dyn_name_ok() - whether @name is a valid name for a new syscall
 * or the name of a syscall to hijack: 1 to 31 of [a-z0-9_]
 * @name: the name
 */
bool sysvec_dyn_name_ok(const char *name)
{
	size_t i, n = strnlen(name, SYSVEC_DYN_NAME_LEN);

	if (!n || n >= SYSVEC_DYN_NAME_LEN)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit(name[i]) && !islower(name[i]) && name[i] != '_')
			return false;
	return true;
}

/**
 * sysvec_number_file() - fill a read-only sysctl file that holds a number
 * @table: the file, with its sentinel
 * @num: where @nr goes, as four digits, which proc_dostring() prints with
 *	 a newline
 * @len: the size of @num
 * @name: the file's name
 * @nr: the number
 */
void sysvec_number_file(struct ctl_table *table, char *num, size_t len,
			const char *name, u32 nr)
{
	snprintf(num, len, "%04u", nr);
	table[0].procname = name;
	table[0].data = num;
	table[0].maxlen = len;
	table[0].mode = 0444;
	table[0].proc_handler = proc_dostring;
}

/**
 * sysvec_dyn_alloc() - a new entry, locked, for a new syscall or a hijack
 * @sc: the module's description
 * @nr: its number
 *
 * Context: process context, may sleep.
 * Return: the entry, or NULL.
 */
struct sysvec_dyn *sysvec_dyn_alloc(const struct sysvec_syscall *sc, u32 nr)
{
	struct sysvec_dyn *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	strscpy(d->name, sc->name, sizeof(d->name));
	if (sc->vector)
		strscpy(d->vector, sc->vector, sizeof(d->vector));
	d->nr = nr;
	d->fn = sc->fn;
	d->owner = sc->owner;
	atomic_set(&d->inflight, 0);
	init_waitqueue_head(&d->idle);
	INIT_LIST_HEAD(&d->node);
	sysvec_number_file(d->table, d->num, sizeof(d->num), d->name, nr);
	return d;
}

/**
 * sysvec_syscall_register() - add a new syscall
 * @sc: name (1 to 31 of [a-z0-9_]), number (0: pick one), handler, owner,
 *	and the vector whose tasks alone may call it (NULL: every process)
 *
 * The syscall starts locked: calls get ENOSYS until
 * sysvec_syscall_unlock(). The handler runs in the caller's syscall
 * context (x86_64 and i386 calls of the number) and may sleep; its return
 * value is the call's result.
 * Context: process context, may sleep.
 * Return: the number; -EINVAL for a bad description or a number outside
 * SYSVEC_DYN_FIRST..SYSVEC_DYN_LAST; -EBUSY for a number or name taken;
 * -ENOENT when no number is free; -EOPNOTSUPP if the kernel cannot be
 * probed; -ENOMEM.
 */
int sysvec_syscall_register(const struct sysvec_syscall *sc)
{
	struct sysvec_dyn *d, *old;
	u32 i, nr = sc->nr;
	int ret;

	if (!sc->name || !sysvec_dyn_name_ok(sc->name) || !sc->fn || !sc->owner ||
	    (sc->vector && !sc->vector[0]) ||
	    (nr && !sysvec_dyn_number(nr)))
		return -EINVAL;
	mutex_lock(&sysvec_dyn_mutex);
	for (i = 0; i < SYSVEC_DYN_NR; i++) {
		old = rcu_dereference_protected(sysvec_dyn_tab[i],
						lockdep_is_held(&sysvec_dyn_mutex));
		if (old && !strcmp(old->name, sc->name)) {
			ret = -EBUSY;
			goto out_unlock;
		}
		if (!sc->nr && !nr && !old)
			nr = SYSVEC_DYN_FIRST + i;
	}
	ret = -ENOENT;
	if (!nr)
		goto out_unlock;	/* every number is taken */
	ret = -EBUSY;
	if (rcu_access_pointer(sysvec_dyn_tab[nr - SYSVEC_DYN_FIRST]))
		goto out_unlock;
	ret = -EOPNOTSUPP;
	if (sysvec_dyn_carrier[SYSVEC_ABI_NATIVE] < 0)
		goto out_unlock;
	if (!sysvec_dyn_count) {
		ret = sysvec_probes_hold();
		if (ret)
			goto out_unlock;
	}
	ret = sysvec_ni_register();
	if (ret)
		goto out_maybe_unprobe;
	ret = -ENOMEM;
	d = sysvec_dyn_alloc(sc, nr);
	if (!d)
		goto out_maybe_unprobe;
	d->hdr = sysvec_register_sysctl(sysvec_dyn_dir, d->table);
	if (!d->hdr) {
		kfree(d);
		goto out_maybe_unprobe;
	}
	rcu_assign_pointer(sysvec_dyn_tab[nr - SYSVEC_DYN_FIRST], d);
	sysvec_dyn_count++;
	pr_info("new syscall %s: %u (locked)\n", d->name, nr);
	ret = nr;
	goto out_unlock;

out_maybe_unprobe:
	if (!sysvec_dyn_count) {
		sysvec_ni_unregister();
		sysvec_probes_release();
	}
out_unlock:
	mutex_unlock(&sysvec_dyn_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_syscall_register);

/*
 * The entry of @owner named @name, checked against @nr. Return: it, or
 * ERR_PTR(-EBADF) when nothing of @owner matches both.
 */
static struct sysvec_dyn *sysvec_dyn_lookup(struct module *owner, const char *name, u32 nr)
{
	struct sysvec_dyn *d;

	lockdep_assert_held(&sysvec_dyn_mutex);
	if (!name)
		return ERR_PTR(-EBADF);
	if (sysvec_dyn_number(nr)) {
		d = rcu_dereference_protected(sysvec_dyn_tab[nr - SYSVEC_DYN_FIRST],
					      lockdep_is_held(&sysvec_dyn_mutex));
		if (d && d->owner == owner && !strcmp(d->name, name))
			return d;
		return ERR_PTR(-EBADF);
	}
	return sysvec_hijack_lookup(owner, name, nr);
}

static int sysvec_dyn_set_lock(struct module *owner, const char *name, u32 nr, bool unlocked)
{
	struct sysvec_dyn *d;

	mutex_lock(&sysvec_dyn_mutex);
	d = sysvec_dyn_lookup(owner, name, nr);
	if (!IS_ERR(d))
		WRITE_ONCE(d->unlocked, unlocked);
	mutex_unlock(&sysvec_dyn_mutex);
	return PTR_ERR_OR_ZERO(d);
}

/**
 * sysvec_syscall_unlock() - let calls of a registered or hijacked syscall run
 * @owner: THIS_MODULE of the module that registered it
 * @name: its name
 * @nr: its number, as registration returned it
 *
 * Context: process context, may sleep.
 * Return: 0, or -EBADF if @owner has no syscall of that name and number.
 */
int sysvec_syscall_unlock(struct module *owner, const char *name, unsigned int nr)
{
	return sysvec_dyn_set_lock(owner, name, nr, true);
}
EXPORT_SYMBOL_GPL(sysvec_syscall_unlock);

/**
 * sysvec_syscall_lock() - refuse new calls with ENOSYS
 * @owner: as for sysvec_syscall_unlock()
 * @name: its name
 * @nr: its number
 *
 * Calls already inside the handler go on.
 * Context: process context, may sleep.
 * Return: 0, or -EBADF.
 */
int sysvec_syscall_lock(struct module *owner, const char *name, unsigned int nr)
{
	return sysvec_dyn_set_lock(owner, name, nr, false);
}
EXPORT_SYMBOL_GPL(sysvec_syscall_lock);

static void sysvec_dyn_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct sysvec_dyn, rcu));
}

/**
 * sysvec_syscall_unregister() - remove a new syscall or a hijack
 * @owner: as for sysvec_syscall_unlock()
 * @name: its name
 * @nr: its number
 *
 * Locks it first. While calls are inside its handler it stays (locked)
 * and this returns -EAGAIN; sysvec_syscall_wait_idle() sleeps until they
 * have left. A module's exit needs no such loop: a call inside a handler
 * holds a reference on the module, so the module cannot be removed then
 * (rmmod fails with EAGAIN).
 * Context: process context, may sleep.
 * Return: 0; -EBADF if @owner has no syscall of that name and number;
 * -EAGAIN.
 */
int sysvec_syscall_unregister(struct module *owner, const char *name, unsigned int nr)
{
	struct sysvec_dyn *d;
	int ret = 0;

	mutex_lock(&sysvec_dyn_mutex);
	d = sysvec_dyn_lookup(owner, name, nr);
	if (IS_ERR(d)) {
		ret = PTR_ERR(d);
		goto out_unlock;
	}
	WRITE_ONCE(d->unlocked, false);
	/* every call that saw it unlocked has raised @inflight by now */
	synchronize_rcu();
	if (atomic_read(&d->inflight)) {
		ret = -EAGAIN;
		goto out_unlock;
	}
	if (d->site) {
		sysvec_hijack_remove(d);
		pr_info("removed hijack of %s by %s\n", d->name, owner->name);
	} else {
		RCU_INIT_POINTER(sysvec_dyn_tab[nr - SYSVEC_DYN_FIRST], NULL);
		unregister_sysctl_table(d->hdr);
		if (!--sysvec_dyn_count) {
			sysvec_ni_unregister();
			sysvec_probes_release();
		}
		pr_info("removed syscall %s: %u\n", d->name, nr);
	}
	call_rcu(&d->rcu, sysvec_dyn_free_rcu);
out_unlock:
	mutex_unlock(&sysvec_dyn_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_syscall_unregister);

/**
 * sysvec_syscall_wait_idle() - sleep until no call is inside a handler
 * @owner: as for sysvec_syscall_unlock()
 * @name: its name
 * @nr: its number
 *
 * For a removal that returned -EAGAIN: no busy waiting is needed. Only
 * @owner removes the syscall, so it stays while @owner waits here.
 * Context: process context; sleeps, interruptibly.
 * Return: 0; -EBADF; -ERESTARTSYS when a signal came first.
 */
int sysvec_syscall_wait_idle(struct module *owner, const char *name, unsigned int nr)
{
	struct sysvec_dyn *d;

	mutex_lock(&sysvec_dyn_mutex);
	d = sysvec_dyn_lookup(owner, name, nr);
	mutex_unlock(&sysvec_dyn_mutex);
	if (IS_ERR(d))
		return PTR_ERR(d);
	return wait_event_interruptible(d->idle, !atomic_read(&d->inflight));
}
EXPORT_SYMBOL_GPL(sysvec_syscall_wait_idle);

/**
 * sysvec_dyn_show_one() - the /proc/sysvec/syscalls line of an entry
 * @m: the file
 * @kind: "new" or "hijack"
 * @d: the entry
 *
 * Context: under sysvec_dyn_mutex.
 */
void sysvec_dyn_show_one(struct seq_file *m, const char *kind, const struct sysvec_dyn *d)
{
	seq_printf(m, "%s\t%s\t%04u\t%s\t%s\t%s\t%d\n", kind, d->name, d->nr,
		   d->owner->name, d->vector[0] ? d->vector : "-",
		   READ_ONCE(d->unlocked) ? "unlocked" : "locked",
		   atomic_read(&d->inflight));
}

/* /proc/sysvec/syscalls: kind name number module vector state calls-inside */
void sysvec_dyn_show(struct seq_file *m)
{
	struct sysvec_dyn *d;
	u32 i;

	mutex_lock(&sysvec_dyn_mutex);
	for (i = 0; i < SYSVEC_DYN_NR; i++) {
		d = rcu_dereference_protected(sysvec_dyn_tab[i],
					      lockdep_is_held(&sysvec_dyn_mutex));
		if (d)
			sysvec_dyn_show_one(m, "new", d);
	}
	sysvec_hijack_show(m);
	mutex_unlock(&sysvec_dyn_mutex);
}

/**
 * sysvec_dyn_init() - find the carriers of new syscalls
 *
 * Without them (a kernel whose tables differ), new syscalls cannot be
 * registered (-EOPNOTSUPP); the module works otherwise.
 * Return: 0, or -EINVAL if a syscall of the kernel uses the range.
 */
int sysvec_dyn_init(void)
{
	static const char *const carriers[SYSVEC_ABI_NR] = {
		[SYSVEC_ABI_NATIVE] = "afs_syscall",
		[SYSVEC_ABI_IA32] = "break",
	};
	int abi;
	u32 nr;

	for (abi = 0; abi < SYSVEC_ABI_NR; abi++)
		for (nr = SYSVEC_DYN_FIRST; nr <= SYSVEC_DYN_LAST; nr++)
			if (strcmp(sysvec_syscall_name(abi, nr), "?"))
				return -EINVAL;
	for (abi = 0; abi < SYSVEC_ABI_NR; abi++)
		if (carriers[abi])
			sysvec_dyn_carrier[abi] = sysvec_syscall_nr(abi, carriers[abi]);
	return 0;
}

/**
 * sysvec_dyn_exit() - free what the module kept
 *
 * Every hijacking module is gone (they use this module's symbols), so no
 * site is hooked. A call redirected just before its site was unhooked may
 * not have taken its module reference yet: it has not voluntarily
 * scheduled since, which synchronize_rcu_tasks() waits for.
 */
void sysvec_dyn_exit(void)
{
	synchronize_rcu_tasks();
	sysvec_hijack_exit();
	rcu_barrier();	/* sysvec_dyn_free_rcu() */
}
