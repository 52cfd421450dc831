// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: registering and removing the probes.
 *
 * The tracepoints the probes (probe.c) attach to are not exported; they
 * are found by name with for_each_kernel_tracepoint() at module init.
 *
 * Registering sys_enter puts every thread on the machine on the slow
 * syscall path, so the probes are registered only while at least one task
 * has sysvec state, and removed (from a work item, since the last task may
 * leave in a probe) once none has had any for probe_linger_ms. Each
 * registration and removal patches kernel text and interrupts every CPU,
 * so a workload that keeps starting and ending a single confined task
 * must not flip them for each one.
 *
 * While new syscalls (dynsys.c) or monitors (monitor.c) exist, the probes
 * are held for every process (sysvec_probes_hold()).
 *
 * This file also puts in place the redirecting kprobes of scope.c, path.c,
 * guard.c and dynsys.c (struct sysvec_kprobe_site): a kprobe at a kernel
 * function whose pre-handler may send the caller elsewhere.
 *
 * What this file owns, and what protects it:
 *  - sysvec_registered and sysvec_probe_holds: sysvec_attach_mutex
 *    (/proc reads sysvec_registered without it);
 *  - sysvec_tps[]: the tracepoints, found at module init, read-only after;
 *  - sysvec_unregister_wk: queued from any context, it takes
 *    sysvec_attach_mutex and checks again before removing anything;
 *  - the @on flag of a kprobe site: the lock of the site's user,
 *    sysvec_attach_mutex for scope.c, path.c and guard.c, sysvec_dyn_mutex
 *    for dynsys.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>
#include <trace/events/sched.h>
#include <trace/events/syscalls.h>
#include "internal.h"

static unsigned int probe_linger_ms = 1000;
module_param(probe_linger_ms, uint, 0444);
MODULE_PARM_DESC(probe_linger_ms,
		 "keep the probes this long after the last task leaves (default 1000)");

static bool sysvec_registered;		/* under sysvec_attach_mutex */
static unsigned int sysvec_probe_holds;	/* under sysvec_attach_mutex */

/* Registered in this order, removed in the reverse one. */
static struct sysvec_tp {
	const char *name;
	void *probe;
	struct tracepoint *tp;
} sysvec_tps[] = {
	{ "sched_process_exit", sysvec_sched_exit },
	{ "sched_process_fork", sysvec_sched_fork },
	{ "sched_process_exec", sysvec_sched_exec },
	{ "sys_enter", sysvec_sys_enter },
};

static void sysvec_find_tp(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sysvec_tps); i++)
		if (!strcmp(tp->name, sysvec_tps[i].name))
			sysvec_tps[i].tp = tp;
}

static void sysvec_unregister_from(int n)
{
	while (n-- > 0)
		WARN_ON(tracepoint_probe_unregister(sysvec_tps[n].tp,
						    sysvec_tps[n].probe, NULL));
	/* No probe is running once this returns. */
	tracepoint_synchronize_unregister();
}

/**
 * sysvec_probes_register() - make sure the probes are registered
 *
 * Context: process context, under sysvec_attach_mutex, before the first
 * object goes into the task map.
 * Registers the sandbox check (scope.c) first, so no vector is ever
 * enforced without it.
 * Return: 0, -ENOENT if the kernel lacks a tracepoint, -EOPNOTSUPP if it
 * lacks the ptrace access check (scope.c), or the error of
 * tracepoint_probe_register().
 */
int sysvec_probes_register(void)
{
	int i, ret;

	lockdep_assert_held(&sysvec_attach_mutex);
	if (sysvec_registered)
		return 0;
	/* No task is bound without its sandbox's edge in place. */
	ret = sysvec_scope_register();
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(sysvec_tps); i++) {
		ret = tracepoint_probe_register(sysvec_tps[i].tp,
						sysvec_tps[i].probe, NULL);
		if (ret) {
			pr_err("cannot register probe on %s: %d\n",
			       sysvec_tps[i].name, ret);
			sysvec_unregister_from(i);
			sysvec_scope_unregister();
			return ret;
		}
	}
	sysvec_registered = true;
	return 0;
}

static void sysvec_unregister_work(struct work_struct *work)
{
	mutex_lock(&sysvec_attach_mutex);
	/*
	 * The count only rises from 0 under sysvec_attach_mutex (an object
	 * is created by a fork only when the parent has one), so this check
	 * cannot race with a new binding.
	 */
	if (sysvec_registered && !sysvec_task_nr_objects() && !sysvec_probe_holds) {
		sysvec_paths_unregister();
		sysvec_guard_unregister();
		sysvec_unregister_from(ARRAY_SIZE(sysvec_tps));
		sysvec_scope_unregister();
		sysvec_registered = false;
	}
	mutex_unlock(&sysvec_attach_mutex);
}

static DECLARE_DELAYED_WORK(sysvec_unregister_wk, sysvec_unregister_work);

/*
 * A post-handler keeps a kprobe from being optimized into a jump, which
 * would ignore the address its pre-handler sets
 * (Documentation/trace/kprobes.rst, "Changing Execution Path").
 */
static void sysvec_kprobe_post(struct kprobe *kp, struct pt_regs *regs, unsigned long flags)
{
}

/**
 * sysvec_kprobe_redirect() - register a kprobe whose pre-handler may
 * send the probed function's caller elsewhere
 * @kp: the probe; reset here, so it may have been registered before
 * @sym: the function to probe, at its entry
 * @pre: sets the new address and returns 1, or returns 0 to run @sym
 *
 * Context: process context, may sleep.
 * Return: 0, or the error of register_kprobe().
 */
int sysvec_kprobe_redirect(struct kprobe *kp, const char *sym, kprobe_pre_handler_t pre)
{
	memset(kp, 0, sizeof(*kp));
	kp->symbol_name = sym;
	kp->pre_handler = pre;
	kp->post_handler = sysvec_kprobe_post;
	return register_kprobe(kp);
}

/**
 * sysvec_kprobe_sites_register() - put redirecting kprobes in place, all or none
 * @sites: the sites; those already on are left as they are
 * @n: how many
 * @what: what they are for, in the error message
 *
 * A site marked optional whose function this kernel lacks is skipped.
 * Context: process context, may sleep.
 * Return: 0, or -EOPNOTSUPP (with a log line naming the function) after
 * removing those this call registered.
 */
int sysvec_kprobe_sites_register(struct sysvec_kprobe_site *sites, int n, const char *what)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		struct sysvec_kprobe_site *s = &sites[i];

		if (s->on)
			continue;
		ret = sysvec_kprobe_redirect(&s->kp, s->sym, s->pre);
		if (ret == -ENOENT && s->optional)
			continue;	/* not in this kernel: nothing calls it */
		if (ret) {
			pr_err("cannot probe %s (%d): %s\n", s->sym, ret, what);
			sysvec_kprobe_sites_unregister(sites, i);
			return -EOPNOTSUPP;
		}
		s->on = true;
	}
	return 0;
}

/**
 * sysvec_kprobe_sites_unregister() - remove the kprobes of the sites that are on
 * @sites: the sites
 * @n: how many
 *
 * Waits for handlers still running.
 * Context: process context, may sleep.
 */
void sysvec_kprobe_sites_unregister(struct sysvec_kprobe_site *sites, int n)
{
	while (n-- > 0) {
		if (!sites[n].on)
			continue;
		unregister_kprobe(&sites[n].kp);
		sites[n].on = false;
	}
}

/**
 * sysvec_probes_hold() - keep the probes registered for every process
 *
 * For new syscalls (dynsys.c), which the sys_enter probe routes for
 * processes that have no sysvec state too, and for monitors (monitor.c).
 * Context: process context, may sleep.
 * Return: 0, or the error of sysvec_probes_register().
 */
int sysvec_probes_hold(void)
{
	int ret;

	mutex_lock(&sysvec_attach_mutex);
	ret = sysvec_probes_register();
	if (!ret)
		sysvec_probe_holds++;
	mutex_unlock(&sysvec_attach_mutex);
	return ret;
}

/**
 * sysvec_probes_release() - drop a sysvec_probes_hold()
 *
 * Context: process context, may sleep.
 */
void sysvec_probes_release(void)
{
	mutex_lock(&sysvec_attach_mutex);
	if (!--sysvec_probe_holds && !sysvec_task_nr_objects())
		sysvec_probes_maybe_unregister();
	mutex_unlock(&sysvec_attach_mutex);
}

/**
 * sysvec_probes_maybe_unregister() - the last object left the task map
 *
 * Removes the probes after probe_linger_ms if no task has state by then.
 * Context: any, including probes: queueing delayed work takes only raw
 * locks (the workqueue pool and the timer base), also on PREEMPT_RT.
 */
void sysvec_probes_maybe_unregister(void)
{
	schedule_delayed_work(&sysvec_unregister_wk,
			      msecs_to_jiffies(probe_linger_ms));
}

/**
 * sysvec_probes_registered() - whether the probes are registered now
 */
bool sysvec_probes_registered(void)
{
	return READ_ONCE(sysvec_registered);
}

/**
 * sysvec_probes_init() - find the tracepoints
 *
 * Return: 0, or -ENOENT if one of them does not exist in this kernel.
 */
int sysvec_probes_init(void)
{
	int i;

	/*
	 * sysvec_tps[] passes the probes as void *: let the compiler check
	 * them against this kernel's prototypes (include/trace/events/).
	 */
	check_trace_callback_type_sched_process_exit(sysvec_sched_exit);
	check_trace_callback_type_sched_process_fork(sysvec_sched_fork);
	check_trace_callback_type_sched_process_exec(sysvec_sched_exec);
	check_trace_callback_type_sys_enter(sysvec_sys_enter);

	for_each_kernel_tracepoint(sysvec_find_tp, NULL);
	for (i = 0; i < ARRAY_SIZE(sysvec_tps); i++) {
		if (!sysvec_tps[i].tp) {
			pr_err("tracepoint %s not found\n", sysvec_tps[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

void sysvec_probes_exit(void)
{
	cancel_delayed_work_sync(&sysvec_unregister_wk);
	mutex_lock(&sysvec_attach_mutex);
	sysvec_paths_unregister();
	sysvec_guard_unregister();
	if (sysvec_registered) {
		sysvec_unregister_from(ARRAY_SIZE(sysvec_tps));
		sysvec_scope_unregister();
		sysvec_registered = false;
	}
	mutex_unlock(&sysvec_attach_mutex);
}
