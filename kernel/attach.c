// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: ATTACH, DETACH and GET, the operations behind /dev/sysvec.
 *
 * Who may do what:
 *  - a confined task (one a vector is enforced on) may not attach, detach
 *    or change anything, for itself or for others: it could otherwise
 *    leave or weaken its vector;
 *  - acting on another process needs CAP_SYS_ADMIN;
 *  - a task may attach its own process only with no_new_privs set or
 *    CAP_SYS_ADMIN in its user namespace, the rule seccomp uses, so that a
 *    vector cannot make a setuid program fail in a way its author never
 *    expected;
 *  - a locked process (SYSVEC_ATTACH_LOCK) cannot be changed or detached
 *    by anyone, administrators included.
 *
 * A process is acted on as a whole: every one of its threads gets the new
 * state. Threads can be created while that happens, and a thread created
 * by one that was not yet updated inherits the old state, so the walk over
 * the threads is repeated until a pass finds every thread already in the
 * requested state. Objects are allocated before each pass; if the first
 * allocation fails nothing has changed.
 *
 * io_uring (uring.c): a process that owns an io_uring instance is not
 * given, by an immediate ATTACH, a vector that does not allow io_uring
 * (EBUSY, nothing changed), since operations on the ring would run without
 * syscalls. A thread may be inside io_uring_setup while the threads are
 * bound: its call passed the sys_enter probe before, so it goes on and
 * makes a ring. So once the threads are bound, and an RCU grace period has
 * passed (after it, every probe that let such a call through has
 * finished, and the thread's saved syscall number is visible), the process
 * is checked once more; a ring found then, or a thread still inside such a
 * call, was made while ATTACH ran, and the process is killed (fail closed)
 * before ATTACH returns EBUSY. No thread can start an io_uring call after
 * it is bound. The checks read the process's io_uring task contexts,
 * which a thread that execs frees: they run under the target's
 * cred_guard_mutex, taken before sysvec_attach_mutex.
 *
 * What this file owns, and what protects it:
 *  - sysvec_attach_mutex: serializes ATTACH and DETACH with each other and
 *    with the registration and removal of the probes (probe_register.c);
 *    it sleeps;
 *  - nothing else of its own. The objects' state fields it changes (@vec,
 *    @exec_vec, @child_vec, @flags) are changed under the thread's bucket
 *    lock (task.c), @vec published with rcu_assign_pointer(); a new object
 *    is the caller's alone until sysvec_task_insert(), and so is the pool
 *    of new objects a pass takes them from. Threads are walked under RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "internal.h"

DEFINE_MUTEX(sysvec_attach_mutex);

/* What a pass over the threads of a process brings each of them to. */
struct sysvec_change {
	bool detach;
	u32 flags;			/* SYSVEC_ATTACH_* */
	struct sysvec_vec *vec;		/* NULL: CHILDREN with no vector */
};

static bool sysvec_task_confined(struct task_struct *tsk)
{
	struct sysvec_task *t;
	bool ret;

	rcu_read_lock();
	t = sysvec_task_find(tsk);
	ret = t && sysvec_deref(t->vec) != &sysvec_vec_none;
	rcu_read_unlock();
	return ret;
}

/* A referenced thread for @pid (0: current), or an ERR_PTR. */
static struct task_struct *sysvec_get_task(pid_t pid)
{
	struct task_struct *tsk;

	if (pid < 0)
		return ERR_PTR(-EINVAL);
	if (!pid) {
		get_task_struct(current);
		return current;
	}
	rcu_read_lock();
	tsk = get_pid_task(find_vpid(pid), PIDTYPE_PID);
	rcu_read_unlock();
	if (!tsk)
		return ERR_PTR(-ESRCH);
	if (tsk->flags & PF_KTHREAD) {
		put_task_struct(tsk);
		return ERR_PTR(-EPERM);
	}
	return tsk;
}

/* Permission of current to change the sysvec state of @tsk's process. */
static int sysvec_may_change(struct task_struct *tsk, bool attach)
{
	if (sysvec_task_confined(current))
		return -EPERM;
	if (!same_thread_group(tsk, current))
		return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
	if (attach && !task_no_new_privs(current) &&
	    !ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

/* What one walk over the threads of a process finds. */
struct sysvec_scan {
	bool locked;		/* a thread is locked */
	bool alive;		/* a thread is not exiting */
	bool has_state;		/* a thread has an object */
	int missing;		/* threads without an object */
};

static void sysvec_scan(struct task_struct *tsk, struct sysvec_scan *sc)
{
	struct task_struct *thr;
	struct sysvec_task *t;

	memset(sc, 0, sizeof(*sc));
	rcu_read_lock();
	for_each_thread(tsk, thr) {
		t = sysvec_task_find(thr);
		if (!t)
			sc->missing++;
		else
			sc->has_state = true;
		if (t && (READ_ONCE(t->flags) & SYSVEC_T_LOCKED))
			sc->locked = true;
		if (!(READ_ONCE(thr->flags) & PF_EXITING))
			sc->alive = true;
	}
	rcu_read_unlock();
}

/*
 * Bring the object @t of one thread to the state @c asks for. Caller holds
 * the thread's bucket lock, or @t is a new object not in the map yet (no
 * @task), which no one else can see. Returns the vectors whose references
 * the caller drops after unlocking, and whether anything changed.
 */
static bool __sysvec_update(struct sysvec_task *t, const struct sysvec_change *c,
			    struct sysvec_vec **old_task, struct sysvec_vec **old_pending)
{
	struct sysvec_vec *cur = rcu_dereference_protected(t->vec,
							   !t->task || sysvec_task_locked(t->task));
	bool lock = c->flags & SYSVEC_ATTACH_LOCK;
	bool complain = c->flags & SYSVEC_ATTACH_COMPLAIN;
	u32 want;

	if (c->flags & SYSVEC_ATTACH_ON_EXEC) {
		want = (lock ? SYSVEC_T_EXEC_LOCK : 0) | (complain ? SYSVEC_T_EXEC_COMPLAIN : 0);
		if (t->exec_vec == c->vec &&
		    (t->flags & (SYSVEC_T_EXEC_LOCK | SYSVEC_T_EXEC_COMPLAIN)) == want)
			return false;
		sysvec_vec_get(c->vec, SYSVEC_REF_PENDING);
		*old_pending = t->exec_vec;
		t->exec_vec = c->vec;
		t->flags = (t->flags & ~(SYSVEC_T_EXEC_LOCK | SYSVEC_T_EXEC_COMPLAIN)) | want;
		return true;
	}
	if (c->flags & SYSVEC_ATTACH_CHILDREN) {
		want = SYSVEC_T_CHILDREN | (lock ? SYSVEC_T_CHILD_LOCK : 0) |
		       (complain ? SYSVEC_T_CHILD_COMPLAIN : 0);
		if (t->child_vec == c->vec &&
		    (t->flags & (SYSVEC_T_CHILDREN | SYSVEC_T_CHILD_LOCK |
				 SYSVEC_T_CHILD_COMPLAIN)) == want)
			return false;
		sysvec_vec_get(c->vec, SYSVEC_REF_PENDING);
		if (t->flags & SYSVEC_T_CHILDREN)
			*old_pending = t->child_vec;
		t->child_vec = c->vec;
		t->flags = (t->flags & ~(SYSVEC_T_CHILD_LOCK | SYSVEC_T_CHILD_COMPLAIN)) | want;
		return true;
	}
	if (cur == c->vec && !!(t->flags & SYSVEC_T_LOCKED) == lock &&
	    !!(t->flags & SYSVEC_T_COMPLAIN) == complain)
		return false;
	sysvec_vec_get(c->vec, SYSVEC_REF_TASK);
	*old_task = cur;
	rcu_assign_pointer(t->vec, c->vec);
	if (lock)
		t->flags |= SYSVEC_T_LOCKED;
	t->flags = (t->flags & ~SYSVEC_T_COMPLAIN) | (complain ? SYSVEC_T_COMPLAIN : 0);
	return true;
}

/*
 * Bring one thread to the state @c asks for.
 * Return: 1 if something changed, 0 if it already was in that state,
 * -EAGAIN if it needs a new object and @pool is empty.
 */
static int sysvec_apply_one(struct task_struct *thr, const struct sysvec_change *c,
			    struct sysvec_task **pool)
{
	struct sysvec_vec *old_task = NULL, *old_pending = NULL;
	struct sysvec_task *t = sysvec_task_find(thr);
	unsigned long flags;
	bool changed;
	int ret;

	if (c->detach)
		return t ? sysvec_task_remove(t) : 0;
	if (t) {
		sysvec_task_lock(thr, &flags);
		/* A dead object belongs to an exiting thread: leave it. */
		changed = !(t->flags & SYSVEC_T_DEAD) &&
			  __sysvec_update(t, c, &old_task, &old_pending);
		sysvec_task_unlock(thr, flags);
		if (old_task == &sysvec_vec_none)
			sysvec_task_count_bound(1);	/* it was only pending */
		sysvec_vec_put(old_task, SYSVEC_REF_TASK);
		sysvec_vec_put(old_pending, SYSVEC_REF_PENDING);
		return changed;
	}

	t = *pool;
	if (!t)
		return -EAGAIN;
	*pool = (struct sysvec_task *)t->rcu.next;
	RCU_INIT_POINTER(t->vec, &sysvec_vec_none);
	__sysvec_update(t, c, &old_task, &old_pending);
	ret = sysvec_task_insert(t, thr);
	if (ret) {
		/*
		 * -ESRCH: the thread is exiting, leave it alone. -EEXIST: its
		 * parent's fork probe gave it an object meanwhile; the next
		 * pass updates that one.
		 */
		sysvec_task_drop_state(t);
		memset(t, 0, offsetof(struct sysvec_task, spare));
		t->rcu.next = (void *)*pool;
		*pool = t;
		return ret == -EEXIST;
	}
	return 1;
}

static void sysvec_pool_free(struct sysvec_task *pool)
{
	while (pool) {
		struct sysvec_task *next = (struct sysvec_task *)pool->rcu.next;

		sysvec_task_free_unused(pool);
		pool = next;
	}
}

/*
 * Apply @c to every thread of @tsk's process until a pass changes nothing.
 * Caller holds sysvec_attach_mutex and has checked permissions.
 */
static int sysvec_apply(struct task_struct *tsk, const struct sysvec_change *c)
{
	struct sysvec_task *pool = NULL, *t;
	struct task_struct *thr;
	int have = 0, need, r, ret = 0;
	bool first = true, changed, short_of_objects, alloc_failed;

	lockdep_assert_held(&sysvec_attach_mutex);
	for (;;) {
		struct sysvec_scan sc;

		sysvec_scan(tsk, &sc);
		need = c->detach ? 0 : sc.missing;
		alloc_failed = false;
		for (; have < need; have++) {
			t = sysvec_task_alloc(GFP_KERNEL_ACCOUNT);
			if (!t) {
				alloc_failed = true;
				break;
			}
			t->rcu.next = (void *)pool;
			pool = t;
		}
		if (alloc_failed && first) {
			ret = -ENOMEM;	/* nothing changed yet */
			break;
		}
		first = false;

		changed = short_of_objects = false;
		rcu_read_lock();
		for_each_thread(tsk, thr) {
			r = sysvec_apply_one(thr, c, &pool);
			if (r < 0)
				short_of_objects = true;
			else if (r)
				changed = true;
		}
		rcu_read_unlock();
		have = 0;
		for (t = pool; t; t = (struct sysvec_task *)t->rcu.next)
			have++;
		if (!changed && !short_of_objects)
			break;
		/*
		 * Running short is normal when threads appeared after the
		 * scan (a clone already past sys_enter when its parent got
		 * its object): the next scan counts them. Only a failed
		 * allocation that leaves a pass with nothing to do is -ENOMEM.
		 */
		if (short_of_objects && alloc_failed && !changed) {
			ret = -ENOMEM;
			break;
		}
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	sysvec_pool_free(pool);
	return ret;
}

/*
 * Whether the attach @c binds a vector that keeps io_uring away, now and
 * enforced: the process's io_uring instances are checked (uring.c). ON_EXEC
 * and CHILDREN bindings are checked when they take effect (task.c).
 */
static bool sysvec_uring_checked(const struct sysvec_change *c)
{
	return !(c->flags & (SYSVEC_ATTACH_ON_EXEC | SYSVEC_ATTACH_CHILDREN |
			     SYSVEC_ATTACH_COMPLAIN)) &&
	       sysvec_vec_denies_uring(c->vec);
}

/*
 * After the threads of @tsk's process were bound to @vec, look for rings
 * once more (see the top of this file). A ring found now was made by a
 * call that passed the sys_enter probe before its thread was bound; fail
 * closed and kill the process. The same when the check cannot finish.
 * Caller holds the target's cred_guard_mutex and sysvec_attach_mutex.
 */
static int sysvec_uring_recheck(struct task_struct *tsk, const struct sysvec_vec *vec)
{
	int ret;

	/* Alone in its process, current was making no call but this one. */
	if (same_thread_group(tsk, current) && get_nr_threads(current) == 1)
		return 0;
	/*
	 * Every sys_enter probe that let an io_uring call through unbound
	 * has returned, and the orig_ax its thread saved before is visible.
	 */
	synchronize_rcu();
	ret = sysvec_uring_refuse(tsk, vec);
	if (ret) {
		send_sig(SIGKILL, tsk, 1);
		pr_warn_ratelimited("pid %d killed: it made or entered an io_uring instance while ATTACH bound it to vector %s\n",
				    task_tgid_nr(tsk), vec->name);
	}
	return ret;
}

/**
 * sysvec_attach() - SYSVEC_IOC_ATTACH
 * @req: the validated request (flags, reserved fields and sizes checked)
 *
 * Context: process context.
 * Return: 0; -EINVAL for a bad combination; -ESRCH for an unknown pid;
 * -EPERM when not allowed; -ENOENT for an unknown vector; -EOPNOTSUPP for a
 * vector with path wraps (SYSVEC_HOOK_F_PATHS) on a kernel where they
 * cannot run (path.c) or one that protects files on a kernel without the
 * checks guard.c probes, and for any vector on a kernel without the ptrace
 * access check (scope.c); -EBUSY when the process owns an io_uring instance
 * and the vector does not allow io_uring (immediate attach, not complain
 * mode): nothing changed, unless the ring was made while the threads were
 * being bound, in which case the process has been killed; -ENOMEM; -EINTR.
 */
int sysvec_attach(const struct sysvec_attach *req)
{
	struct sysvec_change c = { .flags = req->flags };
	bool by_name = req->vector_name[0];
	struct mutex *exec_lock = NULL;
	struct task_struct *tsk;
	struct sysvec_scan sc;
	int ret;

	if (req->vector_id && by_name)
		return -EINVAL;
	if (!req->vector_id && !by_name &&
	    (!(req->flags & SYSVEC_ATTACH_CHILDREN) ||
	     (req->flags & (SYSVEC_ATTACH_LOCK | SYSVEC_ATTACH_COMPLAIN))))
		return -EINVAL;
	if ((req->flags & SYSVEC_ATTACH_ON_EXEC) && (req->flags & SYSVEC_ATTACH_CHILDREN))
		return -EINVAL;

	tsk = sysvec_get_task(req->pid);
	if (IS_ERR(tsk))
		return PTR_ERR(tsk);
	ret = sysvec_may_change(tsk, true);
	if (ret)
		goto out_put_task;
	if (req->vector_id || by_name) {
		c.vec = sysvec_vec_find(req->vector_id, req->vector_name);
		if (!c.vec) {
			ret = -ENOENT;
			goto out_put_task;
		}
	}

	if (sysvec_uring_checked(&c)) {
		/* No thread of the target may exec while its rings are checked. */
		ret = mutex_lock_killable(&tsk->signal->cred_guard_mutex);
		if (ret)
			goto out_put_vec;
		exec_lock = &tsk->signal->cred_guard_mutex;
	}
	mutex_lock(&sysvec_attach_mutex);
	sysvec_scan(tsk, &sc);
	if (sc.locked) {
		ret = -EPERM;
		goto out_unlock;
	}
	if (!sc.alive) {
		ret = -ESRCH;	/* a zombie, or exiting: nothing to bind */
		goto out_unlock;
	}
	if (exec_lock) {
		ret = sysvec_uring_refuse(tsk, c.vec);
		if (ret)
			goto out_unlock;	/* nothing changed */
	}
	ret = sysvec_probes_register();
	/* Never enforce path wraps without the copies they decide on. */
	if (!ret && c.vec && c.vec->path_hooks)
		ret = sysvec_paths_register();
	/* Nor a protection without the checks that decide it (guard.c). */
	if (!ret && c.vec && c.vec->nr_prot)
		ret = sysvec_guard_attach(c.vec);
	if (ret)
		goto out_maybe_unregister;
	ret = sysvec_apply(tsk, &c);
	if (!ret && exec_lock)
		ret = sysvec_uring_recheck(tsk, c.vec);
out_maybe_unregister:
	if (!sysvec_task_nr_objects())
		sysvec_probes_maybe_unregister();
out_unlock:
	mutex_unlock(&sysvec_attach_mutex);
	if (exec_lock)
		mutex_unlock(exec_lock);
out_put_vec:
	sysvec_vec_put(c.vec, SYSVEC_REF_PENDING);	/* the lookup's reference */
out_put_task:
	put_task_struct(tsk);
	return ret;
}

/**
 * sysvec_detach() - SYSVEC_IOC_DETACH
 * @req: the validated request
 *
 * Removes every binding and pending state of the process.
 * Context: process context.
 * Return: 0; -ESRCH; -EPERM; -ENOENT if the process has no sysvec state;
 * -EINTR.
 */
int sysvec_detach(const struct sysvec_detach *req)
{
	struct sysvec_change c = { .detach = true };
	struct task_struct *tsk;
	struct sysvec_scan sc;
	int ret;

	tsk = sysvec_get_task(req->pid);
	if (IS_ERR(tsk))
		return PTR_ERR(tsk);
	ret = sysvec_may_change(tsk, false);
	if (ret)
		goto out_put_task;

	mutex_lock(&sysvec_attach_mutex);
	sysvec_scan(tsk, &sc);
	if (sc.locked)
		ret = -EPERM;
	else if (!sc.has_state)
		ret = -ENOENT;
	else
		ret = sysvec_apply(tsk, &c);
	mutex_unlock(&sysvec_attach_mutex);
out_put_task:
	put_task_struct(tsk);
	return ret;
}

/**
 * sysvec_get() - SYSVEC_IOC_GET
 * @req: the validated request; the state fields are filled in
 *
 * Any task may query itself; others need the same effective uid as the
 * target or CAP_SYS_ADMIN.
 * Context: process context.
 * Return: 0, -EINVAL, -ESRCH, -EPERM.
 */
int sysvec_get(struct sysvec_get *req)
{
	struct task_struct *tsk;
	struct sysvec_task *t;
	struct sysvec_vec *vec;
	int ret = 0;

	tsk = sysvec_get_task(req->pid);
	if (IS_ERR(tsk))
		return PTR_ERR(tsk);
	if (!same_thread_group(tsk, current) && !capable(CAP_SYS_ADMIN)) {
		bool same;

		rcu_read_lock();
		same = uid_eq(current_euid(), __task_cred(tsk)->euid);
		rcu_read_unlock();
		if (!same) {
			ret = -EPERM;
			goto out_put_task;
		}
	}
	req->state = 0;
	req->vector_id = req->exec_vector_id = req->child_vector_id = 0;
	memset(req->vector_name, 0, sizeof(req->vector_name));

	/* The bucket lock gives a consistent view of the state fields. */
	rcu_read_lock();
	t = sysvec_task_find(tsk);
	if (t) {
		unsigned long flags;

		sysvec_task_lock(tsk, &flags);
		vec = rcu_dereference_protected(t->vec, sysvec_task_locked(tsk));
		if (vec != &sysvec_vec_none) {
			req->state |= SYSVEC_STATE_BOUND;
			req->vector_id = vec->id;
			strscpy(req->vector_name, vec->name, sizeof(req->vector_name));
		}
		if (t->flags & SYSVEC_T_LOCKED)
			req->state |= SYSVEC_STATE_LOCKED;
		if (t->flags & SYSVEC_T_COMPLAIN)
			req->state |= SYSVEC_STATE_COMPLAIN;
		if (t->exec_vec) {
			req->state |= SYSVEC_STATE_ON_EXEC;
			req->exec_vector_id = t->exec_vec->id;
		}
		if (t->flags & SYSVEC_T_CHILDREN) {
			req->state |= SYSVEC_STATE_CHILDREN;
			req->child_vector_id = t->child_vec ? t->child_vec->id : 0;
		}
		sysvec_task_unlock(tsk, flags);
	}
	rcu_read_unlock();
out_put_task:
	put_task_struct(tsk);
	return ret;
}
