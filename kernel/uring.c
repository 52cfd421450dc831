// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: no io_uring instance survives into a confined process.
 *
 * A vector judges system calls, and an io_uring operation is none: once a
 * ring exists, operations written to its shared memory run without a
 * syscall (the SQPOLL thread picks them up), and requests submitted earlier
 * go on completing later (a poll with a linked mkdirat runs the mkdirat in
 * the submitter's task_work). compile.c denies io_uring_setup, _enter and
 * _register to a vector without SYSVEC_VECTOR_F_IO_URING, so a confined
 * process cannot make a ring. This file makes sure it does not own one
 * from before it got its vector:
 *  - an immediate ATTACH is refused with EBUSY when the process owns one,
 *    before anything changes, and checked once more after its threads are
 *    bound (attach.c; a ring found then was made by a call that was already
 *    running: the process is killed);
 *  - a binding that takes effect at execve (ON_EXEC) or at fork (CHILDREN)
 *    is checked from the task's task_work, before the new program or the
 *    child runs its first instruction. Neither can be undone, so a process
 *    that owns a ring then is killed, and an audit record says why.
 * Complain mode enforces nothing, io_uring calls included: it is not
 * checked.
 *
 * What "owns" means on 6.1 and 6.12, for each thread of the process:
 *  1. it is inside io_uring_setup, _enter or _register (its saved orig_ax,
 *     and ax still -ENOSYS: the call has not returned), so the ring it is
 *     making may not be visible yet;
 *  2. it is the SQPOLL thread of a ring, and not exiting (it exits a
 *     little after its last ring was closed): a PF_IO_WORKER thread that is not
 *     an io-wq worker (io-wq.c sets worker_private on its workers and tells
 *     the two kinds apart by it) and that has an io_uring task context
 *     (io_sq_offload_create() gives the SQPOLL thread one, an io-wq worker
 *     never gets one; on 6.12 an io-wq worker on its way out clears
 *     worker_private before do_exit() sets PF_EXITING, and would look like
 *     an SQPOLL thread without this test). It belongs to the thread group of the
 *     ring's creator, runs what is written to the ring in that process's
 *     context, and lives as long as the ring, also when the process has
 *     neither descriptor nor mapping of it left (a child may hold them);
 *  3. its io_uring task context lists a ring that is not being torn down
 *     (tctx->xa): it created the ring or submitted to it. The entry stays
 *     while the ring lives, with no descriptor or mapping left (a ring
 *     registered with IORING_REGISTER_RING_FDS, or kept open by another
 *     process), and the requests it submitted still complete in its
 *     context. A ring whose last file reference went is killed at once
 *     and its entry removed a little later (from the task's task_work):
 *     such a ring does not count, so that a process that closed its ring
 *     can be attached right away;
 *  4. its descriptor table holds an io_uring file; every thread's table is
 *     looked at, since unshare(CLONE_FILES) gives a thread its own;
 * and for the process as a whole:
 *  5. its memory maps an io_uring file: the rings stay usable after the
 *     descriptor is closed.
 * io-wq workers themselves are not counted: they only run requests of a
 * thread whose context (3) lists the ring, and stay around idle after it.
 *
 * io_uring files are recognised by name. io_uring_fops is not exported,
 * and every ring's file is made by
 * anon_inode_getfile_secure("[io_uring]", &io_uring_fops, ...) in
 * io_uring/io_uring.c. Files of the anonymous-inode file system
 * (ANON_INODE_FS_MAGIC) are made only by kernel code through
 * fs/anon_inodes.c, which names them with the string its caller passes:
 * that file system is kern_mount()ed, never registered, so user space can
 * neither mount it nor create or rename anything in it. The superblock
 * magic together with the dentry name "[io_uring]" is therefore a sound
 * test; only a module that named its own anonymous files so could fool it,
 * and modules are trusted.
 *
 * Not covered: a ring made by another process and handed over later
 * (pidfd_getfd(); SCM_RIGHTS refuses io_uring files on this kernel), or
 * put into memory or a descriptor table the process shares with another
 * one (clone with CLONE_VM or CLONE_FILES but not CLONE_THREAD). Its
 * operations run in the context of the process that made it, which is not
 * confined: like any unconfined process that does work on request, that is
 * outside what a vector confines.
 *
 * What this file owns: no state but the rate limit of its log lines (with
 * its own lock). What it reads, and under what: a thread that execs frees
 * its io_uring task context at once (io_uring_task_cancel() in
 * begin_new_exec()), so reading the contexts of another process needs its
 * cred_guard_mutex, which execve holds from before that until it is done;
 * ATTACH takes it before sysvec_attach_mutex (attach.c). The thread list
 * is walked under RCU, descriptor tables under task_lock() and their
 * file_lock (the order fs/proc/fd.c uses), the mappings under the mmap
 * lock, read. The vector of the task's own object is read under its bucket
 * lock (task.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/io_uring_types.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>
#include "internal.h"

/* What made a process an owner of io_uring instances. */
enum sysvec_uring_kind {
	SYSVEC_URING_NONE,
	SYSVEC_URING_CALL,	/* a thread is inside an io_uring call */
	SYSVEC_URING_SQPOLL,	/* an SQPOLL thread */
	SYSVEC_URING_CTX,	/* a thread's io_uring context lists a ring */
	SYSVEC_URING_FD,	/* a descriptor */
	SYSVEC_URING_MAP,	/* a mapping */
};

static const char *const sysvec_uring_kinds[] = {
	[SYSVEC_URING_NONE] = "none",
	[SYSVEC_URING_CALL] = "call",
	[SYSVEC_URING_SQPOLL] = "sqpoll",
	[SYSVEC_URING_CTX] = "context",
	[SYSVEC_URING_FD] = "fd",
	[SYSVEC_URING_MAP] = "mapping",
};

struct sysvec_uring_found {
	enum sysvec_uring_kind kind;
	pid_t tid;		/* the thread, for CALL, SQPOLL, CTX and FD */
	int fd;			/* FD */
	const char *call;	/* CALL: the syscall's name */
};

/* Kernel log lines of refusals and kills. */
static DEFINE_RATELIMIT_STATE(sysvec_uring_rs, 5 * HZ, 50);

/* Whether @file is an io_uring instance (see the top of this file). */
static bool sysvec_uring_file(const struct file *file)
{
	static const char name[] = "[io_uring]";
	const struct dentry *d = file->f_path.dentry;

	return file_inode(file)->i_sb->s_magic == ANON_INODE_FS_MAGIC &&
	       d->d_name.len == sizeof(name) - 1 &&
	       !memcmp(d->d_name.name, name, sizeof(name) - 1);
}

/* iterate_fd() callback, under the table's file_lock: fd + 1 of a ring. */
static int sysvec_uring_fd_cb(const void *unused, struct file *file, unsigned int fd)
{
	return sysvec_uring_file(file) ? fd + 1 : 0;
}

/*
 * Whether the io_uring task context @tctx lists a ring that is not being
 * torn down. Its index is the ring's context, which is freed only after
 * every task's entry for it is gone (io_ring_exit_work() waits for that),
 * and entries are removed under the xa_lock: while it is held, the
 * contexts listed stay valid. io_ring_ctx_wait_and_kill() kills a
 * context's refs when its last file goes away, for good.
 */
static bool sysvec_uring_ctx_live(struct io_uring_task *tctx)
{
	struct io_ring_ctx *ctx;
	unsigned long index;
	bool live = false;
	void *node;

	xa_lock(&tctx->xa);
	xa_for_each(&tctx->xa, index, node) {
		ctx = (struct io_ring_ctx *)index;
		if (!percpu_ref_is_dying(&ctx->refs)) {
			live = true;
			break;
		}
	}
	xa_unlock(&tctx->xa);
	return live;
}

/*
 * The io_uring call @thr (not current) is inside, or NULL. The saved
 * orig_ax holds the number of its syscall, and ax holds -ENOSYS from
 * entry until the call returns. Its ABI is not known from outside, so a
 * number that is an io_uring call in either x86_64 or i386 counts. A
 * thread in user space shows its last syscall and that call's return
 * value, or -1 after an interrupt: never -ENOSYS with an io_uring number
 * unless it crafted a fault to look so, which only gets it refused.
 */
static const char *sysvec_uring_in_call(struct task_struct *thr)
{
	struct pt_regs *regs = task_pt_regs(thr);
	unsigned long ax, orig_ax;
	enum sysvec_abi abi;
	u32 nr;

	/*
	 * A thread that has ended may have given back its stack: thr->stack
	 * is then NULL, or the stack is on its way to being freed (seen on
	 * 6.12, a fault at task_pt_regs(NULL)). Read its registers without
	 * faulting; a thread without a stack is in no call.
	 */
	if (copy_from_kernel_nofault(&ax, &regs->ax, sizeof(ax)) ||
	    copy_from_kernel_nofault(&orig_ax, &regs->orig_ax, sizeof(orig_ax)))
		return NULL;
	nr = (u32)orig_ax;
	if (ax != (unsigned long)-ENOSYS)
		return NULL;
	if (nr & __X32_SYSCALL_BIT)
		abi = SYSVEC_ABI_X32;
	else if (sysvec_syscall_io_uring(SYSVEC_ABI_NATIVE, nr))
		abi = SYSVEC_ABI_NATIVE;
	else
		abi = SYSVEC_ABI_IA32;
	nr &= ~__X32_SYSCALL_BIT;
	return sysvec_syscall_io_uring(abi, nr) ? sysvec_syscall_name(abi, nr) : NULL;
}

/*
 * Look for an io_uring instance the process of @tsk owns (see the top of
 * this file); fill @f with the first one found.
 * Context: process context; for another process, its cred_guard_mutex
 * held (a thread that execs frees its io_uring context).
 * Return: 1 if found, 0 if not, -EINTR if a fatal signal interrupted the
 * wait for the mmap lock.
 */
static int sysvec_uring_scan(struct task_struct *tsk, struct sysvec_uring_found *f)
{
	struct mm_struct *mm = NULL;
	struct vm_area_struct *vma;
	struct task_struct *thr;
	int ret = 0;

	memset(f, 0, sizeof(*f));
	rcu_read_lock();
	for_each_thread(tsk, thr) {
		struct io_uring_task *tctx;
		int fd = 0;

		if (thr != current && !(thr->flags & PF_IO_WORKER)) {
			f->call = sysvec_uring_in_call(thr);
			if (f->call) {
				f->kind = SYSVEC_URING_CALL;
				break;
			}
		}
		/*
		 * A call seen returned has installed its ring before it stored
		 * its return value: what follows sees the ring.
		 */
		smp_rmb();
		if ((READ_ONCE(thr->flags) & (PF_IO_WORKER | PF_EXITING)) == PF_IO_WORKER &&
		    !READ_ONCE(thr->worker_private) && READ_ONCE(thr->io_uring)) {
			f->kind = SYSVEC_URING_SQPOLL;
			break;
		}
		tctx = READ_ONCE(thr->io_uring);
		if (tctx && sysvec_uring_ctx_live(tctx)) {
			f->kind = SYSVEC_URING_CTX;
			break;
		}
		task_lock(thr);
		if (thr->files)
			fd = iterate_fd(thr->files, 0, sysvec_uring_fd_cb, NULL);
		task_unlock(thr);
		if (fd) {
			f->kind = SYSVEC_URING_FD;
			f->fd = fd - 1;
			break;
		}
		if (!mm)
			mm = get_task_mm(thr);
	}
	if (f->kind)
		f->tid = task_pid_nr(thr);
	rcu_read_unlock();
	if (f->kind || !mm)
		goto out_mmput;

	/* The threads share one mm: the mappings are the process's. */
	if (mmap_read_lock_killable(mm)) {
		ret = -EINTR;
		goto out_mmput;
	}
	{
		VMA_ITERATOR(vmi, mm, 0);

		for_each_vma(vmi, vma) {
			if (vma->vm_file && sysvec_uring_file(vma->vm_file)) {
				f->kind = SYSVEC_URING_MAP;
				break;
			}
		}
	}
	mmap_read_unlock(mm);
out_mmput:
	if (mm)
		mmput(mm);
	if (ret)
		return ret;
	return f->kind != SYSVEC_URING_NONE;
}

/* What @f found, in words, for the kernel log. */
static void sysvec_uring_describe(const struct sysvec_uring_found *f, char *buf, size_t len)
{
	switch (f->kind) {
	case SYSVEC_URING_CALL:
		snprintf(buf, len, "thread %d is inside %s", f->tid, f->call);
		break;
	case SYSVEC_URING_SQPOLL:
		snprintf(buf, len, "thread %d is the SQPOLL thread of an io_uring instance",
			 f->tid);
		break;
	case SYSVEC_URING_CTX:
		snprintf(buf, len, "thread %d uses a live io_uring instance", f->tid);
		break;
	case SYSVEC_URING_FD:
		snprintf(buf, len, "fd %d of thread %d is an io_uring instance", f->fd, f->tid);
		break;
	case SYSVEC_URING_MAP:
		snprintf(buf, len, "its memory maps an io_uring instance");
		break;
	default:
		snprintf(buf, len, "nothing");
	}
}

/**
 * sysvec_uring_refuse() - whether a process may get a vector, for io_uring
 * @tsk: a thread of the process (referenced)
 * @vec: the vector it is to be bound to (enforced, not complain mode)
 *
 * A process bound to a vector without SYSVEC_VECTOR_F_IO_URING must not
 * own an io_uring instance: operations on a ring run without syscalls, so
 * the vector would never see them. See the top of this file for what
 * "owns" means. A refusal is counted in uring_refused of
 * /proc/sysvec/stats and logged (rate-limited) with the pid and what was
 * found.
 *
 * Context: process context, may sleep; the caller holds
 * @tsk->signal->cred_guard_mutex, so that no thread of the process can
 * exec meanwhile.
 * Return: 0 when @vec allows io_uring or the process owns no io_uring
 * instance; -EBUSY when it owns one; -EINTR when a fatal signal ended the
 * wait for the process's mmap lock.
 */
int sysvec_uring_refuse(struct task_struct *tsk, const struct sysvec_vec *vec)
{
	struct sysvec_uring_found f;
	char comm[TASK_COMM_LEN], what[96];
	int ret;

	if (!sysvec_vec_denies_uring(vec))
		return 0;
	lockdep_assert_held(&tsk->signal->cred_guard_mutex);
	ret = sysvec_uring_scan(tsk, &f);
	if (ret <= 0)
		return ret;
	atomic_long_inc(&sysvec_stats.uring_refused);
	if (__ratelimit(&sysvec_uring_rs)) {
		sysvec_uring_describe(&f, what, sizeof(what));
		get_task_comm(comm, tsk);
		pr_info("ATTACH of pid %d (%s) to vector %s refused with EBUSY: %s, and %s does not allow io_uring\n",
			task_tgid_nr(tsk), comm, vec->name, what, vec->name);
	}
	return -EBUSY;
}

/*
 * Say why current is killed: an audit record (type 1316, like the
 * vectors' own, under their rate limit), or a kernel log line when audit
 * does not take it.
 */
static void sysvec_uring_log_kill(const char *vector, const struct sysvec_uring_found *f)
{
	char reason[64], what[96];

	snprintf(reason, sizeof(reason), "reason=io_uring uring=%s", sysvec_uring_kinds[f->kind]);
	if (f->kind == SYSVEC_URING_FD)
		snprintf(reason + strlen(reason), sizeof(reason) - strlen(reason), " fd=%d", f->fd);
	if (sysvec_audit_kill(vector, reason) != -ENOSPC || !__ratelimit(&sysvec_uring_rs))
		return;
	sysvec_uring_describe(f, what, sizeof(what));
	pr_warn("pid %d (%s) killed: it got vector %s, which does not allow io_uring, and %s\n",
		task_tgid_nr(current), current->comm, vector, what);
}

/**
 * sysvec_uring_exec_work() - check a binding that took effect unchecked
 * @t: the object of current
 *
 * An ON_EXEC vector binds in the sched_process_exec probe, and a CHILDREN
 * vector in the sched_process_fork probe; neither may sleep to look at
 * descriptors or mappings, so they queue this (SYSVEC_W_URING) instead. It
 * runs before the new program, or the new child, executes its first
 * instruction. If the vector now enforced does not allow io_uring and the
 * process owns an io_uring instance (a descriptor without O_CLOEXEC kept
 * across execve, or one a child inherited), the execve or fork cannot be
 * undone: the process is killed with SIGKILL, counted in uring_refused,
 * and an audit record (or a kernel log line) says why.
 *
 * Context: task_work of current (process context, may sleep).
 */
void sysvec_uring_exec_work(struct sysvec_task *t)
{
	char vector[SYSVEC_NAME_LEN];
	struct sysvec_uring_found f;
	const struct sysvec_vec *vec;
	unsigned long flags;
	bool check;
	int ret;

	if (current->flags & PF_EXITING)
		return;
	rcu_read_lock();
	sysvec_task_lock(current, &flags);
	vec = rcu_dereference_protected(t->vec, sysvec_task_locked(current));
	check = !(t->flags & (SYSVEC_T_DEAD | SYSVEC_T_COMPLAIN)) && sysvec_vec_denies_uring(vec);
	if (check)
		strscpy(vector, vec->name, sizeof(vector));
	sysvec_task_unlock(current, flags);
	rcu_read_unlock();
	if (!check)
		return;

	ret = sysvec_uring_scan(current, &f);
	if (!ret)
		return;
	/* -EINTR: a fatal signal is pending already; make sure of it. */
	send_sig(SIGKILL, current, 1);
	if (ret < 0)
		return;
	atomic_long_inc(&sysvec_stats.uring_refused);
	sysvec_uring_log_kill(vector, &f);
}
