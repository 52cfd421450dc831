// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the tracepoint probes that enforce vectors.
 *
 * On 6.1.85 and later the kernel dispatches syscalls through a switch, not
 * through sys_call_table, so vectors are enforced from the sys_enter
 * tracepoint: a probe that sets orig_ax to -1 makes the kernel skip the call
 * and return whatever it left in ax. The probes are registered only while
 * they are needed (probe_register.c).
 *
 * Along the syscall path a call has two numbers: @raw_nr, the low 32 bits
 * of the number as the task passed it (x32 calls with __X32_SYSCALL_BIT),
 * which is what the kernel dispatches on and what audit records show; and
 * @nr, the number within its ABI (sysvec_entry_abi()), which indexes the
 * vector's table for that ABI.
 *
 * Probes run with preemption disabled. They never sleep, allocate or take
 * a sleeping lock (also not on PREEMPT_RT): audit records and SIGKILL are
 * left to the task's task_work (task.c).
 *
 * What this file owns, and what protects it: only sysvec_stats, atomic
 * counters. The probes take no lock of their own: they read the task map
 * and a task's vector under RCU (a probe runs with preemption disabled,
 * which on 6.1 and 6.12 is an RCU read-side section; from 6.13 sys_enter
 * probes are preemptible, see docs/design/kernel.md), and the fields of current's
 * own object that only current uses (@spare, @paths, @hs) as that task.
 * The fork, exec and exit probes change task state under the bucket lock
 * (task.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/nospec.h>
#include <linux/sched.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include "internal.h"

struct sysvec_stats sysvec_stats;

/*
 * Decide and enforce the non-zero compiled rule @rule for current.
 * Kept out of line so that the common "allowed" path stays short.
 */
static noinline void sysvec_enforce(struct sysvec_task *t, struct pt_regs *regs,
				    const struct sysvec_vec *vec,
				    enum sysvec_abi abi, u32 nr, u32 raw_nr, u32 rule)
{
	if (rule & SYSVEC_C_CLONE) {
		if (unlikely(!READ_ONCE(t->spare))) {
			/*
			 * No object is ready for the child (the last refill
			 * failed to allocate): refuse the call rather than
			 * let a child run unconfined, and try again.
			 */
			atomic_long_inc(&sysvec_stats.clone_nomem);
			sysvec_task_queue_work(t, current, SYSVEC_W_REFILL);
			regs->orig_ax = -1;
			regs->ax = -ENOMEM;
			return;
		}
		rule &= ~SYSVEC_C_CLONE;
		if (!rule)
			return;
	}
	if (rule & SYSVEC_C_COND) {
		rule = sysvec_cond_eval(vec, regs, abi, rule & SYSVEC_C_ERRNO);
		if (!rule)
			return;
	}
	if (rule & SYSVEC_C_HOOK) {
		sysvec_hook_enter(t, regs, vec, abi, nr, raw_nr, rule & SYSVEC_C_ERRNO);
		return;
	}
	if ((rule & SYSVEC_C_SKIP) && (READ_ONCE(t->flags) & SYSVEC_T_COMPLAIN)) {
		/* Complain mode: record what the rule would do, run the call. */
		atomic_long_inc(&sysvec_stats.complained);
		sysvec_audit_save(t, regs, vec, abi, nr, raw_nr, rule | SYSVEC_C_COMPLAIN);
		return;
	}
	if (rule & SYSVEC_C_LOG) {
		sysvec_audit_save(t, regs, vec, abi, nr, raw_nr, rule);
		if (!(rule & SYSVEC_C_SKIP))
			atomic_long_inc(&sysvec_stats.logged);
	}
	if (rule & SYSVEC_C_KILL) {
		atomic_long_inc(&sysvec_stats.killed);
		sysvec_task_queue_work(t, current, SYSVEC_W_KILL);
	} else if ((rule & SYSVEC_C_SKIP) && !(rule & SYSVEC_C_RETVAL)) {
		atomic_long_inc(&sysvec_stats.denied);
	}
	if (rule & SYSVEC_C_SKIP) {
		/* The ABI was worked out above: orig_ax = -1 changes it. */
		regs->orig_ax = -1;
		if (rule & SYSVEC_C_RETVAL)
			regs->ax = rule & SYSVEC_C_ERRNO;
		else
			regs->ax = -(long)(rule & SYSVEC_C_ERRNO);
	}
}

/*
 * The call of a thread that has sysvec state: its vector decides. Out of
 * line, and reached by tail calls, so that sysvec_sys_enter() needs no
 * stack frame for the threads that have none.
 */
static noinline void sysvec_task_enter(struct sysvec_task *t, struct pt_regs *regs, u32 raw_nr)
{
	const struct sysvec_ctab *ct;
	const struct sysvec_vec *vec;
	enum sysvec_abi abi;
	u32 nr, rule;

	/* A checked path call (path.c) has ended with the syscall. */
	if (unlikely(t->paths) && READ_ONCE(t->paths->live))
		WRITE_ONCE(t->paths->live, false);

	if (unlikely(raw_nr == (u32)-1))
		return;
	abi = sysvec_entry_abi(raw_nr, &nr);

	vec = sysvec_deref(t->vec);
	ct = &vec->tab[abi];
	if (likely(nr < ct->nr))
		rule = ct->rules[array_index_nospec(nr, ct->nr)];
	else
		rule = ct->beyond;
	if (likely(rule))
		sysvec_enforce(t, regs, vec, abi, nr, raw_nr, rule);
	if (unlikely(sysvec_dyn_number(raw_nr)))
		sysvec_dyn_carry(regs, raw_nr);
}

/* Monitors exist: record the call as the task made it, before any vector. */
static noinline void sysvec_sys_enter_monitored(struct pt_regs *regs, u32 raw_nr)
{
	struct sysvec_task *t = sysvec_task_find(current);

	if (raw_nr != (u32)-1)
		sysvec_mon_enter(regs, raw_nr, t);
	if (t)
		sysvec_task_enter(t, regs, raw_nr);
	else if (unlikely(sysvec_dyn_number(raw_nr)))
		sysvec_dyn_carry(regs, raw_nr);
}

/**
 * sysvec_sys_enter() - the sys_enter probe
 * @data: unused
 * @regs: the caller's registers
 * @orig_ax: the tracepoint's syscall number, regs->orig_ax as the task
 *	     passed it (all 64 bits)
 *
 * Every syscall on the machine passes here while the probes are
 * registered, so the common case (a thread without sysvec state, no
 * monitor) is kept to a hash lookup; everything else is a tail call.
 * Context: preemption disabled, never sleeps.
 */
void sysvec_sys_enter(void *data, struct pt_regs *regs, long orig_ax)
{
	/*
	 * The kernel dispatches on the low 32 bits (do_syscall_64() takes an
	 * int), so decide on exactly those. -1 is a call already skipped.
	 */
	u32 raw_nr = (u32)orig_ax;
	struct sysvec_task *t;

	if (unlikely(sysvec_mon_active())) {
		sysvec_sys_enter_monitored(regs, raw_nr);
		return;
	}
	t = sysvec_task_find(current);
	if (likely(!t)) {
		if (unlikely(sysvec_dyn_number(raw_nr)))
			sysvec_dyn_carry(regs, raw_nr);
		return;
	}
	sysvec_task_enter(t, regs, raw_nr);
}

/**
 * sysvec_sched_fork() - the sched_process_fork probe
 * @data: unused
 * @parent: current
 * @child: the new task, not run yet
 */
void sysvec_sched_fork(void *data, struct task_struct *parent,
		       struct task_struct *child)
{
	sysvec_on_fork(child);
}

/**
 * sysvec_sched_exec() - the sched_process_exec probe
 * @data: unused
 * @p: current
 * @old_pid: its pid before the execve
 * @bprm: the new program
 */
void sysvec_sched_exec(void *data, struct task_struct *p, pid_t old_pid,
		       struct linux_binprm *bprm)
{
	sysvec_on_exec();
}

/**
 * sysvec_sched_exit() - the sched_process_exit probe
 * @data: unused
 * @p: current, exiting
 */
void sysvec_sched_exit(void *data, struct task_struct *p)
{
	if (unlikely(sysvec_mon_active()))
		sysvec_mon_on_exit();
	sysvec_on_exit();
}
