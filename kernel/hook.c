// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: running wrap and override hooks.
 *
 * Handlers may sleep and fault, but the sys_enter probe that finds a hooked
 * call may do neither. So the probe only records the call in the thread's
 * struct sysvec_hookstate and leaves the rest to the thread's task_work,
 * which runs in process context right before the thread returns to user
 * space (or in do_exit() if it dies first):
 *
 *  override  the probe skips the call (orig_ax = -1); the task_work runs
 *	      the handler and puts its return value in ax.
 *  wrap      the probe skips the call; the task_work runs the pre-handler.
 *	      -errno fails the call. 0 issues the call again, the way the
 *	      kernel restarts an interrupted call (ax = number, ip -= 2), and
 *	      the probe lets that one entry through (state PASS): same
 *	      number, arguments and address, and nothing else in between.
 *	      With a post-handler, a task_work queued at that entry runs it
 *	      after the call, with the call's result.
 *
 * F_PATHS wraps copy the call's paths before the pre-handler and make the
 * call that runs use those copies (path.c).
 *
 * A recorded call pins its vector's module (the thread may lose its vector
 * to ATTACH or DETACH meanwhile), until the state returns to IDLE. Nothing
 * is left in ax that user space must not see: -ERESTART* values returned
 * by handlers become -EINTR, because a skipped call (orig_ax == -1) is
 * never restarted by the signal code.
 *
 * What this file owns, and what protects it: a thread's hookstate
 * (sysvec_task.hs) and the module reference it holds while not IDLE. No
 * lock: only the thread itself reads or changes its hookstate, from its
 * sys_enter probe and its task_work, and each holds a reference on the
 * object meanwhile. The last put of the struct sysvec_task, after which
 * neither can run, releases a state that was never finished.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include <linux/ptrace.h>
#include <asm/syscall.h>
#include "internal.h"

/* Kernel-internal restart codes (include/linux/errno.h), never for users. */
#define SYSVEC_ERESTART_FIRST	512
#define SYSVEC_ERESTART_LAST	516

/**
 * sysvec_call_arg() - an argument of the call
 * @call: the call
 * @i: 0 to 5
 *
 * i386 calls pass 32-bit arguments; the upper bits are zero.
 * Context: a hook handler.
 * Return: the argument as the call received it, 0 for @i > 5.
 */
unsigned long sysvec_call_arg(const struct sysvec_call *call, unsigned int i)
{
	return i < ARRAY_SIZE(call->args) ? call->args[i] : 0;
}
EXPORT_SYMBOL_GPL(sysvec_call_arg);

/**
 * sysvec_call_nr() - the syscall number, in the call's ABI
 * @call: the call (x32 numbers without __X32_SYSCALL_BIT)
 */
unsigned int sysvec_call_nr(const struct sysvec_call *call)
{
	return call->nr;
}
EXPORT_SYMBOL_GPL(sysvec_call_nr);

/**
 * sysvec_call_abi() - the call's ABI: 0 x86_64, 1 i386, 2 x32
 * @call: the call
 */
unsigned int sysvec_call_abi(const struct sysvec_call *call)
{
	return call->abi;
}
EXPORT_SYMBOL_GPL(sysvec_call_abi);

/**
 * sysvec_call_name() - the syscall's name, "?" if the kernel has none
 * @call: the call
 */
const char *sysvec_call_name(const struct sysvec_call *call)
{
	return sysvec_syscall_name(call->abi, call->nr);
}
EXPORT_SYMBOL_GPL(sysvec_call_name);

/**
 * sysvec_call_elapsed_ns() - how long the call took, for a post-handler
 * @call: the call
 *
 * Context: a post-handler.
 * Return: nanoseconds from the call's entry to the post-handler (the call
 * itself and its return to the task_work), or 0 outside a post-handler.
 */
u64 sysvec_call_elapsed_ns(const struct sysvec_call *call)
{
	return call->start_ns ? ktime_get_ns() - call->start_ns : 0;
}
EXPORT_SYMBOL_GPL(sysvec_call_elapsed_ns);

/**
 * sysvec_hook_release() - end a hooked call: unpin the module, go IDLE
 * @hs: the state
 *
 * Context: any (module_put() does not sleep).
 */
void sysvec_hook_release(struct sysvec_hookstate *hs)
{
	if (hs->state == SYSVEC_HS_IDLE)
		return;
	module_put(hs->vec->owner);
	hs->vec = NULL;
	hs->state = SYSVEC_HS_IDLE;
}

/* What a handler's return value becomes in ax of a skipped call. */
static long sysvec_hook_result(long ret)
{
	if (ret <= -SYSVEC_ERESTART_FIRST && ret >= -SYSVEC_ERESTART_LAST)
		return -EINTR;
	return ret;
}

/**
 * sysvec_hook_reissued() - whether an entry is the call a wrap let run
 * @hs: the thread's hook state
 * @regs: its registers at this entry
 * @raw_nr: the number as passed
 *
 * The pre-handler let the call run (PASS) and it is issued again: same
 * number, address and arguments.
 * Context: the thread's own sys_enter probe.
 */
bool sysvec_hook_reissued(const struct sysvec_hookstate *hs, const struct pt_regs *regs,
			  u32 raw_nr)
{
	unsigned long args[6];

	if (hs->state != SYSVEC_HS_PASS || hs->raw_nr != raw_nr || hs->ip != regs->ip)
		return false;
	sysvec_get_args((struct pt_regs *)regs,
			in_ia32_syscall() ? SYSVEC_ABI_IA32 : SYSVEC_ABI_NATIVE, args);
	return !memcmp(args, hs->call.args, sizeof(args));
}

/* Whether the entry in @regs is the call that PASS lets through. */
static bool sysvec_hook_is_pass(const struct sysvec_hookstate *hs,
				const struct pt_regs *regs,
				const struct sysvec_vec *vec, u32 raw_nr, u32 index)
{
	return hs->vec == vec && hs->hook == index && sysvec_hook_reissued(hs, regs, raw_nr);
}

/**
 * sysvec_hook_enter() - the probe met a hooked call
 * @t: the object of current
 * @regs: the caller's registers
 * @vec: current's vector
 * @abi: the call's ABI, worked out before anything changed orig_ax
 * @nr: number in that ABI
 * @raw_nr: number as passed
 * @index: the hook, in @vec->hooks
 *
 * Context: the sys_enter probe: atomic, no sleeping, no allocation.
 */
void sysvec_hook_enter(struct sysvec_task *t, struct pt_regs *regs,
		       const struct sysvec_vec *vec, enum sysvec_abi abi,
		       u32 nr, u32 raw_nr, u32 index)
{
	struct sysvec_hookstate *hs = &t->hs;
	const struct sysvec_chook *h = &vec->hooks[index];

	/*
	 * Hold the object while changing its state, so that a DETACH that
	 * drops the last other reference cannot free it under us with a
	 * module pinned (the last put releases the state).
	 */
	if (!refcount_inc_not_zero(&t->refs))
		return;		/* DETACH removed it a moment ago */

	if (sysvec_hook_is_pass(hs, regs, vec, raw_nr, index)) {
		/* The pre-handler let this call run: run it. */
		if (h->flags & SYSVEC_HOOK_F_PATHS)
			sysvec_paths_go_live(t);
		if (h->post) {
			hs->call.start_ns = ktime_get_ns();
			hs->state = SYSVEC_HS_POST;
			sysvec_task_queue_work(t, current, SYSVEC_W_HOOK);
		} else {
			sysvec_hook_release(hs);
		}
		goto out;
	}
	/*
	 * Anything else left over (a PASS not taken because a signal handler
	 * ran first) is given up; the call is hooked afresh.
	 */
	sysvec_hook_release(hs);

	__module_get(vec->owner);	/* the task's vector reference holds one */
	hs->vec = vec;
	hs->hook = index;
	hs->raw_nr = raw_nr;
	hs->ip = regs->ip;
	hs->call.regs = regs;
	hs->call.abi = abi;
	hs->call.nr = nr;
	hs->call.vec = vec;
	hs->call.hook = index;
	hs->call.start_ns = 0;
	hs->call.nr_paths = 0;		/* F_PATHS: copied by the task_work */
	sysvec_get_args(regs, abi, hs->call.args);
	atomic_long_inc(&sysvec_stats.hooked);

	hs->state = SYSVEC_HS_RUN;
	/* The ABI was worked out above: orig_ax = -1 changes it. */
	regs->orig_ax = -1;
	regs->ax = -EINTR;	/* seen only if the task dies first */
	sysvec_task_queue_work(t, current, SYSVEC_W_HOOK);
out:
	sysvec_task_put(t);
}

/**
 * sysvec_hook_work() - the task_work part of a hooked call
 * @t: the object of current
 *
 * Context: process context, before current returns to user space or in
 * do_exit(); may sleep. A dying thread runs no handler.
 */
void sysvec_hook_work(struct sysvec_task *t)
{
	struct sysvec_hookstate *hs = &t->hs;
	struct pt_regs *regs = current_pt_regs();
	bool dying = current->flags & PF_EXITING;
	const struct sysvec_chook *h;
	long ret;

	if (hs->state == SYSVEC_HS_IDLE || hs->state == SYSVEC_HS_PASS)
		return;
	h = &hs->vec->hooks[hs->hook];
	if (dying) {
		sysvec_hook_release(hs);
		return;
	}
	hs->call.regs = regs;
	switch (hs->state) {
	case SYSVEC_HS_RUN:
		ret = 0;
		if (h->flags & SYSVEC_HOOK_F_PATHS) {
			/* The call's own error for a bad path, or no memory. */
			ret = sysvec_paths_copy(t, &hs->call, h->path_args);
			if (ret) {
				regs->ax = ret;
				break;
			}
		}
		ret = h->fn(&hs->call);
		if (h->kind == SYSVEC_HOOK_OVERRIDE) {
			regs->ax = sysvec_hook_result(ret);
		} else if (ret < 0) {
			atomic_long_inc(&sysvec_stats.hook_denied);
			regs->ax = ret < -SYSVEC_MAX_ERRNO ? -EPERM : sysvec_hook_result(ret);
		} else {
			/* Issue the call again; the probe lets it through. */
			regs->ax = hs->raw_nr;
			regs->ip -= 2;	/* @hs->ip stays: the entry returns there */
			hs->state = SYSVEC_HS_PASS;
			return;
		}
		break;
	case SYSVEC_HS_POST:
		if (t->paths)
			WRITE_ONCE(t->paths->live, false);	/* the call is over */
		if (h->post)
			h->post(&hs->call, regs->ax);
		break;
	}
	sysvec_hook_release(hs);
}
