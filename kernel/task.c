// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: per-thread state and its life cycle.
 *
 * Modules get no slot in task_struct, so the state of a thread lives in a
 * struct sysvec_task found through a hash map keyed by the task_struct
 * pointer. The map has a fixed number of buckets, each a raw spinlock and
 * an RCU hlist; chains grow without limit, so there is no cap on tasks.
 *
 * Probes can neither sleep nor allocate (not even GFP_ATOMIC on
 * PREEMPT_RT), yet a child must be bound before it first runs. So every
 * object carries a preallocated @spare: the fork probe turns the parent's
 * spare into the child's object, and a task_work refills the spares of both
 * before either returns to user space. A thread creates at most one task
 * per syscall, and the sys_enter probe refuses a task-creating call with
 * ENOMEM while the caller has no spare (see probe.c), so the fork probe
 * always finds one.
 *
 * Binding is released in the sched_process_exit probe, so a vector module
 * can be removed as soon as the last task using it has exited, SIGKILL
 * included; the memory goes after an RCU grace period and once no task_work
 * holds it.
 *
 * A process must not own an io_uring instance under a vector that does not
 * allow io_uring (uring.c). ATTACH checks that itself; a binding that takes
 * effect in a probe (ON_EXEC at execve, CHILDREN at fork) cannot look at
 * descriptors or mappings there, so the probe queues SYSVEC_W_URING and
 * the task_work checks before the task runs its first instruction.
 *
 * What this file owns, and what protects it:
 *  - the task map: a bucket's chain changes under the bucket's raw
 *    spinlock (interrupts off), and is walked under RCU; an object leaves
 *    it with hlist_del_rcu() and is freed with call_rcu().
 *  - an object's state fields (@vec, @exec_vec, @child_vec, @flags): under
 *    its bucket lock; @vec is also read under RCU (rcu_assign_pointer()
 *    publishes it). Before the object enters the map it is its creator's
 *    alone; once it left (DEAD) its state no longer changes.
 *  - @spare: only the task itself (its probes and its task_work); @work:
 *    atomic bits; @refs: one for the map and one per queued task_work.
 *  - sysvec_nr_objects and sysvec_nr_bound: atomic.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "internal.h"

struct sysvec_bucket *sysvec_task_map;
static atomic_t sysvec_nr_objects = ATOMIC_INIT(0);	/* objects in the map */
static atomic_t sysvec_nr_bound = ATOMIC_INIT(0);	/* ... with a real vector */


/**
 * sysvec_task_lock() - lock the state of a thread (its bucket)
 * @tsk: the thread
 * @flags: saved interrupt state
 *
 * Context: any. Must not be nested with another bucket lock.
 */
void sysvec_task_lock(const struct task_struct *tsk, unsigned long *flags)
{
	raw_spin_lock_irqsave(&sysvec_bucket(tsk)->lock, *flags);
}

void sysvec_task_unlock(const struct task_struct *tsk, unsigned long flags)
{
	raw_spin_unlock_irqrestore(&sysvec_bucket(tsk)->lock, flags);
}

static void sysvec_task_work(struct callback_head *cb);

/*
 * Whether a task with @vec and the SYSVEC_T_* @flags must own no io_uring
 * instance: its vector denies io_uring and is not in complain mode.
 */
static bool sysvec_uring_enforced(const struct sysvec_vec *vec, u32 flags)
{
	return sysvec_vec_denies_uring(vec) && !(flags & SYSVEC_T_COMPLAIN);
}

/**
 * sysvec_task_alloc() - allocate an object with its spare
 * @gfp: allocation flags; process context only (never from a probe)
 *
 * Return: a zeroed object, not in the map, or NULL.
 */
struct sysvec_task *sysvec_task_alloc(gfp_t gfp)
{
	struct sysvec_task *t, *spare;

	t = kzalloc(sizeof(*t), gfp);
	spare = kzalloc(sizeof(*spare), gfp);
	if (!t || !spare) {
		kfree(t);
		kfree(spare);
		return NULL;
	}
	t->spare = spare;
	return t;
}

/* rcu_barrier() in module exit waits for this callback. */
static void sysvec_task_free_rcu(struct rcu_head *rcu)
{
	struct sysvec_task *t = container_of(rcu, struct sysvec_task, rcu);

	sysvec_paths_free(t->paths);
	kfree(t->spare);
	kfree(t);
}

/**
 * sysvec_task_free_unused() - free an object that never entered the map
 * @t: the object
 *
 * Context: any.
 */
void sysvec_task_free_unused(struct sysvec_task *t)
{
	call_rcu(&t->rcu, sysvec_task_free_rcu);
}

/*
 * sysvec_task_put() - drop a use of an object. The last one frees it and
 * releases the module reference taken when it entered the map, in that
 * order: once the module
 * reference is gone the module may be removed, and its exit waits for the
 * RCU callback (rcu_barrier()) and for this function to return
 * (synchronize_rcu_tasks()).
 */
void sysvec_task_put(struct sysvec_task *t)
{
	if (refcount_dec_and_test(&t->refs)) {
		/* A hooked call its thread never finished (it died). */
		sysvec_hook_release(&t->hs);
		call_rcu(&t->rcu, sysvec_task_free_rcu);
		module_put(THIS_MODULE);
	}
}

/**
 * sysvec_task_drop_state() - drop the vector references of an object's state
 * @t: an object out of the map (removed, or never inserted)
 *
 * No one else changes the state of such an object: no lock is needed.
 * Context: any.
 */
void sysvec_task_drop_state(struct sysvec_task *t)
{
	struct sysvec_vec *vec = rcu_dereference_protected(t->vec, sysvec_task_unmapped(t));

	sysvec_vec_put(vec, SYSVEC_REF_TASK);
	sysvec_vec_put(t->exec_vec, SYSVEC_REF_PENDING);
	if (t->flags & SYSVEC_T_CHILDREN)
		sysvec_vec_put(t->child_vec, SYSVEC_REF_PENDING);
}

/**
 * sysvec_task_count_bound() - adjust the number of bound tasks
 * @delta: +1 when a task starts enforcing a real vector, -1 when it stops
 */
void sysvec_task_count_bound(int delta)
{
	atomic_add(delta, &sysvec_nr_bound);
}

int sysvec_task_nr_objects(void)
{
	return atomic_read(&sysvec_nr_objects);
}

int sysvec_task_nr_bound(void)
{
	return atomic_read(&sysvec_nr_bound);
}

/*
 * Put a filled-in object into the map. Caller holds the bucket lock of
 * @tsk. Fails with -ESRCH once @tsk is exiting (its exit probe may already
 * have run, and nothing would ever remove the object), and with -EEXIST if
 * @tsk has an object already: a new thread is on its process's thread list
 * before its parent's fork probe runs, so ATTACH and the fork probe can
 * both try to give it one.
 */
static int __sysvec_task_insert(struct sysvec_task *t, struct task_struct *tsk)
{
	struct sysvec_task *other;

	lockdep_assert_held(&sysvec_bucket(tsk)->lock);
	if (READ_ONCE(tsk->flags) & PF_EXITING)
		return -ESRCH;
	hlist_for_each_entry(other, &sysvec_bucket(tsk)->head, node)
		if (other->task == tsk)
			return -EEXIST;
	t->task = tsk;
	refcount_set(&t->refs, 1);
	/* Whoever inserts runs this module's code: it cannot be going away. */
	__module_get(THIS_MODULE);
	init_task_work(&t->twork, sysvec_task_work);
	hlist_add_head_rcu(&t->node, &sysvec_bucket(tsk)->head);
	atomic_inc(&sysvec_nr_objects);
	if (rcu_access_pointer(t->vec) != &sysvec_vec_none)
		atomic_inc(&sysvec_nr_bound);
	return 0;
}

/**
 * sysvec_task_insert() - put a new object for an existing thread in the map
 * @t: object whose state the caller filled in (references taken)
 * @tsk: the thread
 *
 * Context: process context, under sysvec_attach_mutex.
 * Return: 0; -ESRCH if @tsk is exiting; -EEXIST if it got an object
 * meanwhile (from its parent's fork probe). On error the caller still owns
 * @t.
 */
int sysvec_task_insert(struct sysvec_task *t, struct task_struct *tsk)
{
	unsigned long flags;
	int ret;

	lockdep_assert_held(&sysvec_attach_mutex);
	sysvec_task_lock(tsk, &flags);
	ret = __sysvec_task_insert(t, tsk);
	sysvec_task_unlock(tsk, flags);
	return ret;
}

/*
 * Take @t out of the map. Caller holds the bucket lock, and calls
 * sysvec_task_release() after unlocking if this returns true. Objects are
 * found under RCU and locked afterwards, so two paths (DETACH and the exit
 * probe) may race to remove the same one: only the first does, and the
 * DEAD mark tells everyone after it that the state may no longer change.
 */
static bool __sysvec_task_unlink(struct sysvec_task *t)
{
	if (t->flags & SYSVEC_T_DEAD)
		return false;
	t->flags |= SYSVEC_T_DEAD;
	hlist_del_rcu(&t->node);
	if (rcu_access_pointer(t->vec) != &sysvec_vec_none)
		atomic_dec(&sysvec_nr_bound);
	return true;
}

/* Drop what a removed object holds; may start probe removal. */
static void sysvec_task_release(struct sysvec_task *t)
{
	sysvec_task_drop_state(t);
	sysvec_task_put(t);
	if (atomic_dec_and_test(&sysvec_nr_objects))
		sysvec_probes_maybe_unregister();
}

/**
 * sysvec_task_remove() - take a thread's object out of the map
 * @t: the object, found under RCU
 *
 * Context: process context, under sysvec_attach_mutex and rcu_read_lock().
 * Return: true if it removed @t, false if the thread's exit did first.
 */
bool sysvec_task_remove(struct sysvec_task *t)
{
	struct task_struct *tsk = t->task;
	unsigned long flags;
	bool unlinked;

	lockdep_assert_held(&sysvec_attach_mutex);
	sysvec_task_lock(tsk, &flags);
	unlinked = __sysvec_task_unlink(t);
	sysvec_task_unlock(tsk, flags);
	if (unlinked)
		sysvec_task_release(t);
	return unlinked;
}

/**
 * sysvec_task_queue_work() - ask @tsk to do deferred work on its way out
 * @t: the object of @tsk
 * @tsk: the task @t belongs to (current, or a child that has not run yet)
 * @bit: SYSVEC_W_REFILL, SYSVEC_W_AUDIT, SYSVEC_W_KILL, SYSVEC_W_HOOK or
 *	 SYSVEC_W_URING
 *
 * The work runs in sysvec_task_work() before @tsk returns to user space.
 * Context: any, including probes: task_work_add() is lock-free.
 */
void sysvec_task_queue_work(struct sysvec_task *t, struct task_struct *tsk,
			    int bit)
{
	set_bit(bit, &t->work);
	if (test_and_set_bit(SYSVEC_W_QUEUED, &t->work))
		return;
	/*
	 * A probe may hold an object that DETACH released a moment ago (RCU
	 * keeps its memory until the probe returns): never revive it.
	 */
	if (!refcount_inc_not_zero(&t->refs)) {
		clear_bit(SYSVEC_W_QUEUED, &t->work);
		return;
	}
	if (task_work_add(tsk, &t->twork, TWA_RESUME)) {
		/* @tsk is exiting and will never return to user space. */
		clear_bit(SYSVEC_W_QUEUED, &t->work);
		sysvec_task_put(t);
	}
}

/*
 * Deferred work, in process context on the way back to user space (or in
 * do_exit() if the task dies first): it may sleep, allocate and take
 * sleeping locks, which the probes may not.
 */
static void sysvec_task_work(struct callback_head *cb)
{
	struct sysvec_task *t = container_of(cb, struct sysvec_task, twork);
	unsigned long work = xchg(&t->work, 0);

	if (work & BIT(SYSVEC_W_AUDIT))
		sysvec_audit_emit(&t->rec);
	if (work & BIT(SYSVEC_W_KILL))
		send_sig(SIGKILL, current, 1);
	if (work & BIT(SYSVEC_W_URING))
		sysvec_uring_exec_work(t);
	if (work & BIT(SYSVEC_W_HOOK))
		sysvec_hook_work(t);
	if ((work & BIT(SYSVEC_W_REFILL)) && !t->spare &&
	    !(current->flags & PF_EXITING)) {
		struct sysvec_task *spare;

		spare = kzalloc(sizeof(*spare), GFP_KERNEL_ACCOUNT);
		if (spare)
			WRITE_ONCE(t->spare, spare);
	}
	sysvec_task_put(t);
}

/**
 * sysvec_on_fork() - give a new task the state it inherits
 * @child: the new task; it has not run yet
 *
 * Called from the sched_process_fork probe in the parent (current), for
 * every fork, vfork, clone and new thread. A new thread shares everything
 * with its process (vector, lock, pending ON_EXEC and CHILDREN state); a
 * new process gets the CHILDREN vector if one is set, the parent's vector
 * otherwise, and no pending state.
 *
 * A new process starts with a copy of its parent's descriptors and
 * mappings, io_uring instances included. When it gets a vector that keeps
 * io_uring away and its parent's vector did not (so nobody checked the
 * parent's rings), its task_work checks (SYSVEC_W_URING) before it first
 * runs.
 * Context: probe: atomic, no allocation.
 */
void sysvec_on_fork(struct task_struct *child)
{
	struct sysvec_task *pt, *ct;
	struct sysvec_vec *vec, *exec_vec = NULL, *child_vec = NULL;
	bool thread = child->signal == current->signal;
	bool uring = false;
	unsigned long flags;
	u32 cflags;
	int ret;

	pt = sysvec_task_find(current);
	if (!pt)
		return;

	sysvec_task_lock(current, &flags);
	if (pt->flags & SYSVEC_T_DEAD) {
		/* DETACH removed the parent's state just now. */
		sysvec_task_unlock(current, flags);
		return;
	}
	if (thread) {
		vec = rcu_dereference_protected(pt->vec, sysvec_task_locked(current));
		exec_vec = pt->exec_vec;
		if (pt->flags & SYSVEC_T_CHILDREN)
			child_vec = pt->child_vec;
		cflags = pt->flags;
	} else if (pt->flags & SYSVEC_T_CHILDREN) {
		vec = pt->child_vec ?: &sysvec_vec_none;
		cflags = ((pt->flags & SYSVEC_T_CHILD_LOCK) ? SYSVEC_T_LOCKED : 0) |
			 ((pt->flags & SYSVEC_T_CHILD_COMPLAIN) ? SYSVEC_T_COMPLAIN : 0);
	} else {
		vec = rcu_dereference_protected(pt->vec, sysvec_task_locked(current));
		cflags = pt->flags & (SYSVEC_T_LOCKED | SYSVEC_T_COMPLAIN);
	}
	if (vec == &sysvec_vec_none && !exec_vec && !(cflags & SYSVEC_T_CHILDREN)) {
		sysvec_task_unlock(current, flags);
		return;		/* the child starts with no sysvec state */
	}
	if (!thread && sysvec_uring_enforced(vec, cflags))
		uring = !sysvec_uring_enforced(rcu_dereference_protected(pt->vec,
									 sysvec_task_locked(current)),
					       pt->flags);
	/* Only current uses its spare, so it cannot change under us. */
	ct = pt->spare;
	if (WARN_ON_ONCE(!ct)) {
		/*
		 * Cannot happen: the sys_enter probe refuses task-creating
		 * calls while there is no spare. Fail closed: the child must
		 * not run unconfined.
		 */
		sysvec_task_unlock(current, flags);
		send_sig(SIGKILL, child, 1);
		return;
	}
	pt->spare = NULL;
	sysvec_vec_get(vec, SYSVEC_REF_TASK);
	sysvec_vec_get(exec_vec, SYSVEC_REF_PENDING);
	if (cflags & SYSVEC_T_CHILDREN)
		sysvec_vec_get(child_vec, SYSVEC_REF_PENDING);
	sysvec_task_unlock(current, flags);

	RCU_INIT_POINTER(ct->vec, vec);
	ct->exec_vec = exec_vec;
	ct->child_vec = child_vec;
	ct->flags = cflags & ~SYSVEC_T_DEAD;

	sysvec_task_lock(child, &flags);
	ret = __sysvec_task_insert(ct, child);
	sysvec_task_unlock(child, flags);
	if (ret) {
		/*
		 * ATTACH saw the new thread on its process's list and gave it
		 * an object first, with the newer state: keep that one.
		 */
		WARN_ON_ONCE(ret != -EEXIST);
		sysvec_task_drop_state(ct);
		memset(ct, 0, sizeof(*ct));
		pt->spare = ct;
		return;
	}

	sysvec_task_queue_work(pt, current, SYSVEC_W_REFILL);
	if (uring)
		sysvec_task_queue_work(ct, child, SYSVEC_W_URING);
	sysvec_task_queue_work(ct, child, SYSVEC_W_REFILL);
}

/**
 * sysvec_on_exec() - bind a vector that was waiting for this execve
 *
 * Called from the sched_process_exec probe once the new program is loaded,
 * so a failed execve leaves the vector pending. A descriptor without
 * O_CLOEXEC survives execve, io_uring instances included: when the vector
 * keeps io_uring away, the task_work checks before the new program runs
 * (SYSVEC_W_URING).
 * Context: probe.
 */
void sysvec_on_exec(void)
{
	struct sysvec_task *t = sysvec_task_find(current);
	struct sysvec_vec *old, *vec;
	unsigned long flags;
	bool uring;

	if (!t || !READ_ONCE(t->exec_vec))
		return;
	sysvec_task_lock(current, &flags);
	vec = t->exec_vec;
	if (!vec || (t->flags & SYSVEC_T_DEAD)) {
		sysvec_task_unlock(current, flags);
		return;
	}
	old = rcu_dereference_protected(t->vec, sysvec_task_locked(current));
	t->exec_vec = NULL;
	/* The pending reference becomes a task reference. */
	atomic_dec(&vec->nr_pending);
	atomic_inc(&vec->nr_tasks);
	rcu_assign_pointer(t->vec, vec);
	if (t->flags & SYSVEC_T_EXEC_LOCK)
		t->flags |= SYSVEC_T_LOCKED;
	t->flags &= ~(SYSVEC_T_EXEC_LOCK | SYSVEC_T_COMPLAIN);
	if (t->flags & SYSVEC_T_EXEC_COMPLAIN)
		t->flags |= SYSVEC_T_COMPLAIN;
	t->flags &= ~SYSVEC_T_EXEC_COMPLAIN;
	uring = sysvec_uring_enforced(vec, t->flags);
	sysvec_task_unlock(current, flags);

	if (uring)
		sysvec_task_queue_work(t, current, SYSVEC_W_URING);
	if (old == &sysvec_vec_none)
		sysvec_task_count_bound(1);
	sysvec_vec_put(old, SYSVEC_REF_TASK);
}

/**
 * sysvec_on_exit() - release the state of an exiting thread
 *
 * Called from the sched_process_exit probe; the thread never returns to
 * user space after it. Pending task_work still runs later, in do_exit().
 * Context: probe.
 */
void sysvec_on_exit(void)
{
	struct sysvec_task *t;
	unsigned long flags;
	bool unlinked = false;

	/*
	 * Look under the bucket lock, not locklessly: ATTACH inserts an
	 * object for a thread under the same lock after checking that the
	 * thread is not PF_EXITING (__sysvec_task_insert()). This thread set
	 * PF_EXITING before it got here, so either that insertion came
	 * first and is found now, or it comes after this unlock and sees
	 * PF_EXITING. No object can stay keyed by a task that is gone.
	 */
	sysvec_task_lock(current, &flags);
	t = sysvec_task_find(current);
	if (t)
		unlinked = __sysvec_task_unlink(t);
	sysvec_task_unlock(current, flags);
	if (unlinked)
		sysvec_task_release(t);
}

int sysvec_task_init(void)
{
	int i, n = 1 << SYSVEC_TASK_HASH_BITS;

	sysvec_task_map = kvcalloc(n, sizeof(*sysvec_task_map), GFP_KERNEL);
	if (!sysvec_task_map)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		raw_spin_lock_init(&sysvec_task_map[i].lock);
		INIT_HLIST_HEAD(&sysvec_task_map[i].head);
	}
	return 0;
}

void sysvec_task_exit(void)
{
	/* Every object holds a module reference: none can be left. */
	WARN_ON(atomic_read(&sysvec_nr_objects));
	kvfree(sysvec_task_map);
}
