// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: a confined task cannot act on a task outside its sandbox.
 *
 * A vector decides the calls of its tasks, but a confined task that may
 * take control of another process (write its memory, trace it, take its
 * file descriptors) could make that process run the calls its own vector
 * denies. So, as Landlock does for its domains, a confined task gets no
 * ptrace-mode access to a task outside its sandbox. The sandbox of a task
 * a vector is enforced on is every task the same vector is enforced on;
 * a task with no vector, or only a pending one, is outside every sandbox.
 * Tasks outside keep the access the kernel gives them (an administrator
 * may still trace a confined process).
 *
 * Where: every ptrace-mode access check of the kernel goes through
 * __ptrace_may_access(), which, for any target outside the caller's own
 * thread group and after its uid, capability and dumpable checks, asks
 * security_ptrace_access_check(child, mode). That covers:
 *  - ptrace(PTRACE_ATTACH / PTRACE_SEIZE), through ptrace_attach();
 *  - /proc/PID/mem, environ, auxv, pagemap (mm_access()), and the other
 *    /proc/PID files gated by ptrace_may_access(): fd/, fdinfo/, maps,
 *    stack, syscall, cwd, root, exe, ...;
 *  - process_vm_readv() and process_vm_writev() (mm_access());
 *  - pidfd_getfd() (PTRACE_MODE_ATTACH_REALCREDS);
 *  - kcmp(), get_robust_list(), process_madvise(), move_pages() and
 *    migrate_pages() of another process, perf_event_open() of another
 *    task: all ask ptrace_may_access() or mm_access().
 * Modules cannot add LSM hooks, so a kprobe at the entry of
 * security_ptrace_access_check() decides: when the answer is "outside",
 * its pre-handler sends the call to sysvec_scope_deny(), which has the same
 * signature and returns -EPERM, as an LSM that refuses would. Within the
 * caller's own thread group the kernel answers before asking, so threads
 * of one process are never refused.
 *
 * The probe is registered with the tracepoint probes (probe_register.c),
 * under sysvec_attach_mutex, before the first task is bound: if it cannot
 * be registered, ATTACH fails and no vector is enforced without it.
 *
 * What this file owns, and what protects it: only the kprobe
 * (sysvec_scope_site), registered and removed under sysvec_attach_mutex.
 * The pre-handler runs with preemption disabled and only reads the task
 * map and the tasks' vectors under RCU; the refusal is counted (atomic),
 * and its audit record is written from the task's task_work (audit.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>
#include "internal.h"


/* The vector enforced on @tsk, or NULL (none, or only pending). RCU. */
static const struct sysvec_vec *sysvec_scope_vec(const struct task_struct *tsk,
						 struct sysvec_task **obj)
{
	struct sysvec_task *t = sysvec_task_find(tsk);
	const struct sysvec_vec *vec;

	if (obj)
		*obj = t;
	if (!t)
		return NULL;
	vec = sysvec_deref(t->vec);
	return vec == &sysvec_vec_none ? NULL : vec;
}

/**
 * sysvec_scope_outside() - whether @tsk is outside current's sandbox
 * @tsk: a task current wants to act on
 *
 * Context: any; takes only the RCU read lock.
 * Return: true if a vector is enforced on current and not the same vector
 * on @tsk; false for a current that is not confined.
 */
bool sysvec_scope_outside(struct task_struct *tsk)
{
	const struct sysvec_vec *mine;
	bool outside = false;

	rcu_read_lock();
	mine = sysvec_scope_vec(current, NULL);
	if (mine)
		outside = sysvec_scope_vec(tsk, NULL) != mine;
	rcu_read_unlock();
	return outside;
}

/* In place of security_ptrace_access_check() for a refused access. */
static int sysvec_scope_deny(struct task_struct *child, unsigned int mode)
{
	return -EPERM;
}

/*
 * The kprobe at the entry of security_ptrace_access_check(child, mode).
 * Runs with preemption disabled, in the context of the task that asks.
 */
static int sysvec_scope_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct task_struct *child = (struct task_struct *)regs_get_kernel_argument(regs, 0);
	unsigned int mode = regs_get_kernel_argument(regs, 1);
	const struct sysvec_vec *mine;
	struct sysvec_task *t;
	bool refuse = false;

	rcu_read_lock();
	mine = sysvec_scope_vec(current, &t);
	if (mine && sysvec_scope_vec(child, NULL) != mine) {
		bool complain = READ_ONCE(t->flags) & SYSVEC_T_COMPLAIN;

		refuse = !complain;
		if (refuse)
			atomic_long_inc(&sysvec_stats.scope_denied);
		else
			atomic_long_inc(&sysvec_stats.complained);
		sysvec_audit_save_scope(t, mine, child, mode, complain);
	}
	rcu_read_unlock();
	if (!refuse)
		return 0;
	instruction_pointer_set(regs, (unsigned long)sysvec_scope_deny);
	return 1;	/* resume there, without single-stepping the original */
}

/* sysvec_scope_pre() reads the arguments by position. */
static_assert(__same_type(security_ptrace_access_check, int (struct task_struct *, unsigned int)));
static_assert(__same_type(sysvec_scope_deny, security_ptrace_access_check));

static struct sysvec_kprobe_site sysvec_scope_site = {
	.sym = "security_ptrace_access_check",
	.pre = sysvec_scope_pre,
};

/**
 * sysvec_scope_register() - make sure the sandbox check is in place
 *
 * Context: process context, under sysvec_attach_mutex.
 * Return: 0, or -EOPNOTSUPP if this kernel cannot be probed there (built
 * without CONFIG_SECURITY): no task is then bound.
 */
int sysvec_scope_register(void)
{
	lockdep_assert_held(&sysvec_attach_mutex);
	/* A kernel built without CONFIG_SECURITY has no such check. */
	return sysvec_kprobe_sites_register(&sysvec_scope_site, 1, "no vector can be enforced");
}

/**
 * sysvec_scope_unregister() - remove the sandbox check
 *
 * Called with the tracepoint probes' removal, when no task has a vector.
 * Context: process context, under sysvec_attach_mutex.
 */
void sysvec_scope_unregister(void)
{
	lockdep_assert_held(&sysvec_attach_mutex);
	sysvec_kprobe_sites_unregister(&sysvec_scope_site, 1);
}
