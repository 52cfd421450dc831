// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: monitoring the syscalls of processes (API 1.5): the table of
 * monitors, MONITOR_START and MONITOR_STOP, and what the sys_enter probe
 * does while a monitor exists.
 *
 * A monitor names a syscall by its x86_64 number and selects the calling
 * processes: one process (the struct pid of its thread group, held), every
 * process of a real uid, or every process. Each monitor is in two lists:
 * that of its syscall in sysvec_mon_tab[], an array indexed by x86_64
 * number that the sys_enter probe reads, and sysvec_mon_list, which holds
 * them all (for /proc/sysvec/monitor, ending processes and closed files).
 * A call through the i386 or x32 entry is found through the x86_64 number
 * of its name (sysvec_syscall_native()).
 *
 * A monitored call gives one record, however many monitors match it:
 *  - to the audit log, "sysvec action=monitor ...", if a monitor started
 *    with CAP_SYS_ADMIN matched. Writing audit records is an
 *    administrator's right, and the monitors of other users must not use
 *    up the rate limit that keeps the log readable. The probe queues the
 *    record on the monitor audit queue; a work item writes it, because
 *    audit_log_start() may sleep on PREEMPT_RT (monitor_audit.c);
 *  - to the ring of each open file (struct sysvec_stream) one of whose
 *    monitors matched, read from it as struct sysvec_event. A full ring
 *    drops the record and counts it; the next record says how many
 *    (monitor_stream.c).
 *
 * Who may monitor what is decided twice: at MONITOR_START (a process of
 * another user gets EPERM), and at every call, so that a process that has
 * become another user's or non-dumpable since (a setuid execve) is no
 * longer recorded for a monitor started without CAP_SYS_ADMIN. A confined
 * task may monitor only a process bound to its own vector (its sandbox,
 * scope.c), and its monitor records calls only while that holds.
 *
 * A process monitor ends with its process: the sched_process_exit probe of
 * its last thread queues sysvec_mon_reap_work, which removes every process
 * monitor whose thread group is dead.
 *
 * What this file owns, and what protects it:
 *  - sysvec_mon_tab[] (one list per x86_64 number) and sysvec_mon_list:
 *    changed under sysvec_mon_mutex with the RCU list primitives, walked
 *    by the probes under RCU (they run with preemption disabled). A
 *    monitor out of both lists is freed with call_rcu().
 *  - a monitor's fields: set before it is published, never changed after;
 *    only @calls (atomic) moves.
 *  - sysvec_mon_count, sysvec_mon_nr_pid, and the @nr_mons of the streams:
 *    changed under sysvec_mon_mutex, read without it (READ_ONCE()) by the
 *    probes, the readers and /proc.
 *  - sysvec_mon_seq: atomic. sysvec_mon_tab_len: set at module init.
 * sysvec_mon_mutex sleeps. It is taken before sysvec_attach_mutex (the
 * first monitor holds the probes, the last releases them), and streams are
 * created under it (monitor_stream.c); internal.h has the whole order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/rculist.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "internal.h"

static unsigned int monitor_user_max = 256;
module_param(monitor_user_max, uint, 0444);
MODULE_PARM_DESC(monitor_user_max,
		 "monitors a user without CAP_SYS_ADMIN may have (default 256)");

enum sysvec_mon_kind {
	SYSVEC_MON_PID,		/* one process */
	SYSVEC_MON_UID,		/* every process of a real uid */
	SYSVEC_MON_ALL,		/* every process */
};

/**
 * struct sysvec_mon - one monitor
 * @node:	entry in sysvec_mon_tab[@nr]
 * @all:	entry in sysvec_mon_list
 * @nr:		x86_64 number of the syscall
 * @kind:	enum sysvec_mon_kind
 * @pid:	SYSVEC_MON_PID: the thread group's pid (a reference)
 * @uid:	SYSVEC_MON_UID: the real uid
 * @owner_uid:	effective uid of the starter
 * @owner_gid:	effective gid of the starter
 * @privileged:	the starter had CAP_SYS_ADMIN: audit records, no owner check
 * @scope_id:	the starter was confined: the id of its vector, which the
 *		recorded process must still have (0: not confined)
 * @stream:	the file that gets the records, or NULL
 * @calls:	calls recorded
 * @rcu:	deferred free
 */
struct sysvec_mon {
	struct list_head node;
	struct list_head all;
	u32 nr;
	u32 kind;
	struct pid *pid;
	kuid_t uid;
	kuid_t owner_uid;
	kgid_t owner_gid;
	bool privileged;
	u32 scope_id;
	struct sysvec_stream *stream;
	atomic_long_t calls;
	struct rcu_head rcu;
};

static struct list_head *sysvec_mon_tab;	/* indexed by x86_64 number */
static u32 sysvec_mon_tab_len;
static LIST_HEAD(sysvec_mon_list);
DEFINE_MUTEX(sysvec_mon_mutex);
int sysvec_mon_count;				/* monitors (sysvec_mon_mutex) */
static int sysvec_mon_nr_pid;			/* process monitors (same) */
static atomic64_t sysvec_mon_seq = ATOMIC64_INIT(0);

static void sysvec_mon_reap_work(struct work_struct *work);
static DECLARE_WORK(sysvec_mon_reap_wk, sysvec_mon_reap_work);

/* Whether every user and group id of @c is @uid and @gid. */
static bool sysvec_mon_cred_is(const struct cred *c, kuid_t uid, kgid_t gid)
{
	return uid_eq(c->uid, uid) && uid_eq(c->euid, uid) && uid_eq(c->suid, uid) &&
	       uid_eq(c->fsuid, uid) && gid_eq(c->gid, gid) && gid_eq(c->egid, gid) &&
	       gid_eq(c->sgid, gid) && gid_eq(c->fsgid, gid);
}

/*
 * Whether current's call is one monitor @m records; @vid is the id of the
 * vector enforced on current (0: none). Context: probe.
 */
static bool sysvec_mon_match(const struct sysvec_mon *m, const struct cred *cred, u32 vid)
{
	if (m->scope_id && m->scope_id != vid)
		return false;
	switch (m->kind) {
	case SYSVEC_MON_PID:
		if (task_tgid(current) != m->pid)
			return false;
		break;
	case SYSVEC_MON_UID:
		if (!uid_eq(cred->uid, m->uid))
			return false;
		break;
	}
	if (m->privileged)
		return true;
	return sysvec_mon_cred_is(cred, m->owner_uid, m->owner_gid) &&
	       current->mm && get_dumpable(current->mm) == SUID_DUMP_USER;
}

static void sysvec_mon_fill(struct sysvec_event *ev, struct pt_regs *regs,
			    const struct cred *cred, enum sysvec_abi abi,
			    u32 nr, u32 native)
{
	unsigned long args[6];
	int i;

	BUILD_BUG_ON(sizeof(ev->comm) != TASK_COMM_LEN);
	BUILD_BUG_ON(sizeof(*ev) != SYSVEC_EVENT_SIZE_VER0);
	memset(ev, 0, sizeof(*ev));
	ev->size = sizeof(*ev);
	ev->type = SYSVEC_EVENT_MONITOR;
	ev->seq = atomic64_inc_return(&sysvec_mon_seq);
	ev->time_ns = ktime_get_real_ns();
	ev->pid = task_tgid_nr(current);
	ev->tid = task_pid_nr(current);
	ev->uid = __kuid_val(cred->uid);
	ev->abi = abi;
	ev->nr = nr;
	ev->monitored_nr = native;
	sysvec_get_args(regs, abi, args);
	for (i = 0; i < 6; i++)
		ev->args[i] = args[i];
	/* Another thread may rename this one meanwhile: a torn name at worst. */
	memcpy(ev->comm, current->comm, sizeof(ev->comm));
	ev->comm[sizeof(ev->comm) - 1] = 0;
}

/**
 * sysvec_mon_enter() - record current's call if a monitor selects it
 * @regs: its registers at syscall entry
 * @raw_nr: the number as it passed it (not -1)
 * @t: current's sysvec state, or NULL
 *
 * A wrapped call that its pre-handler let run enters again (hook.c); it
 * was recorded at its first entry.
 * Context: sys_enter probe, while monitors exist.
 */
void sysvec_mon_enter(struct pt_regs *regs, u32 raw_nr, const struct sysvec_task *t)
{
	const struct cred *cred = current_cred();
	struct sysvec_event ev;
	struct sysvec_mon *m;
	struct list_head *head;
	bool found = false, audit = false;
	enum sysvec_abi abi;
	u32 nr, vid;
	int native;

	abi = sysvec_entry_abi(raw_nr, &nr);
	native = sysvec_syscall_native(abi, nr);
	if (native < 0 || native >= sysvec_mon_tab_len)
		return;
	head = &sysvec_mon_tab[native];
	if (list_empty(head) || (t && sysvec_hook_reissued(&t->hs, regs, raw_nr)))
		return;
	vid = t ? sysvec_deref(t->vec)->id : 0;
	list_for_each_entry_rcu(m, head, node) {
		if (!sysvec_mon_match(m, cred, vid))
			continue;
		if (!found) {
			sysvec_mon_fill(&ev, regs, cred, abi, nr, native);
			found = true;
		}
		atomic_long_inc(&m->calls);
		if (m->privileged)
			audit = true;
		if (m->stream)
			sysvec_stream_put(m->stream, &ev);
	}
	if (audit)
		sysvec_mon_audit_queue(&ev, raw_nr);
}

/**
 * sysvec_mon_on_exit() - a thread exits: end its process's monitors
 *
 * When it is the last thread of its process, and a process monitor names
 * the process, the reaper removes the monitors of dead processes.
 * Context: sched_process_exit probe, after do_exit() counted the thread
 * out of signal->live.
 */
void sysvec_mon_on_exit(void)
{
	struct sysvec_mon *m;
	struct pid *tgid;

	if (!READ_ONCE(sysvec_mon_nr_pid) || atomic_read(&current->signal->live))
		return;
	tgid = task_tgid(current);
	list_for_each_entry_rcu(m, &sysvec_mon_list, all) {
		if (m->kind == SYSVEC_MON_PID && m->pid == tgid) {
			queue_work(system_unbound_wq, &sysvec_mon_reap_wk);
			return;
		}
	}
}

/* Whether every thread of the process @pid has exited. */
static bool sysvec_mon_pid_dead(struct pid *pid)
{
	struct task_struct *task;
	bool dead;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);
	dead = !task || !atomic_read(&task->signal->live);
	rcu_read_unlock();
	return dead;
}

static void sysvec_mon_free_rcu(struct rcu_head *rcu)
{
	struct sysvec_mon *m = container_of(rcu, struct sysvec_mon, rcu);

	put_pid(m->pid);
	kfree(m);
}

/* Take @m out of the lists and free it later. Context: sysvec_mon_mutex. */
static void sysvec_mon_remove(struct sysvec_mon *m)
{
	lockdep_assert_held(&sysvec_mon_mutex);
	list_del_rcu(&m->node);
	list_del_rcu(&m->all);
	if (m->kind == SYSVEC_MON_PID)
		WRITE_ONCE(sysvec_mon_nr_pid, sysvec_mon_nr_pid - 1);
	if (m->stream) {
		WRITE_ONCE(m->stream->nr_mons, m->stream->nr_mons - 1);
		/* Its readers see the end of the stream. */
		if (!m->stream->nr_mons)
			wake_up_interruptible_poll(&m->stream->wait, EPOLLHUP);
	}
	WRITE_ONCE(sysvec_mon_count, sysvec_mon_count - 1);
	if (!sysvec_mon_count)
		sysvec_probes_release();
	call_rcu(&m->rcu, sysvec_mon_free_rcu);
}

static void sysvec_mon_reap_work(struct work_struct *work)
{
	struct sysvec_mon *m, *tmp;

	mutex_lock(&sysvec_mon_mutex);
	list_for_each_entry_safe(m, tmp, &sysvec_mon_list, all)
		if (m->kind == SYSVEC_MON_PID && sysvec_mon_pid_dead(m->pid))
			sysvec_mon_remove(m);
	mutex_unlock(&sysvec_mon_mutex);
}
/* What a MONITOR_START or _STOP names. */
struct sysvec_mon_key {
	u32 nr;
	u32 kind;
	struct pid *pid;		/* a reference, for SYSVEC_MON_PID */
	kuid_t uid;
};

static int sysvec_mon_key(const struct sysvec_monitor *req, struct sysvec_mon_key *key)
{
	struct task_struct *task;
	struct pid *pid;

	memset(key, 0, sizeof(*key));
	if (req->nr >= sysvec_mon_tab_len ||
	    !strcmp(sysvec_syscall_name(SYSVEC_ABI_NATIVE, req->nr), "?"))
		return -EINVAL;
	key->nr = req->nr;
	if (req->flags & SYSVEC_MONITOR_UID) {
		if (req->pid)
			return -EINVAL;
		key->kind = SYSVEC_MON_UID;
		key->uid = make_kuid(current_user_ns(), req->uid);
		return uid_valid(key->uid) ? 0 : -EINVAL;
	}
	if (req->uid || req->pid < 0)
		return -EINVAL;
	if (!req->pid) {
		key->kind = SYSVEC_MON_ALL;
		return 0;
	}
	key->kind = SYSVEC_MON_PID;
	pid = find_get_pid(req->pid);
	if (!pid)
		return -ESRCH;
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	if (task)
		key->pid = get_pid(task_tgid(task));
	rcu_read_unlock();
	put_pid(pid);
	if (!key->pid)
		return -ESRCH;
	if (sysvec_mon_pid_dead(key->pid)) {
		put_pid(key->pid);
		return -ESRCH;
	}
	return 0;
}

/*
 * The sandbox a monitor of current's is kept in: 0 when current is not
 * confined, the id of its vector when @key names a process bound to that
 * vector, U32_MAX when it names anything else (refused).
 */
static u32 sysvec_mon_scope(const struct sysvec_mon_key *key)
{
	struct sysvec_task *t;
	struct task_struct *task;
	u32 id = 0;

	rcu_read_lock();
	t = sysvec_task_find(current);
	if (t)
		id = sysvec_deref(t->vec)->id;
	if (id) {
		task = key->kind == SYSVEC_MON_PID ? pid_task(key->pid, PIDTYPE_TGID) : NULL;
		if (!task || sysvec_scope_outside(task))
			id = U32_MAX;
	}
	rcu_read_unlock();
	return id;
}

/* Whether a caller without CAP_SYS_ADMIN may monitor process @pid. */
static bool sysvec_mon_may_watch(struct pid *pid)
{
	const struct cred *cred = current_cred();
	struct task_struct *task;
	struct mm_struct *mm;
	bool ok = false;

	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task)
		return false;
	rcu_read_lock();
	ok = sysvec_mon_cred_is(__task_cred(task), cred->euid, cred->egid);
	rcu_read_unlock();
	mm = get_task_mm(task);
	ok = ok && mm && get_dumpable(mm) == SUID_DUMP_USER;
	if (mm)
		mmput(mm);
	put_task_struct(task);
	return ok;
}

/* The monitor @key names, for stream @s (NULL: audit only). */
static struct sysvec_mon *sysvec_mon_find(const struct sysvec_mon_key *key,
					  const struct sysvec_stream *s)
{
	struct sysvec_mon *m;

	lockdep_assert_held(&sysvec_mon_mutex);
	list_for_each_entry(m, &sysvec_mon_tab[key->nr], node)
		if (m->kind == key->kind && m->stream == s &&
		    (key->kind != SYSVEC_MON_PID || m->pid == key->pid) &&
		    (key->kind != SYSVEC_MON_UID || uid_eq(m->uid, key->uid)))
			return m;
	return NULL;
}

/* Monitors the user @uid has without CAP_SYS_ADMIN. */
static unsigned int sysvec_mon_user_count(kuid_t uid)
{
	struct sysvec_mon *m;
	unsigned int n = 0;

	list_for_each_entry(m, &sysvec_mon_list, all)
		if (!m->privileged && uid_eq(m->owner_uid, uid))
			n++;
	return n;
}

/* Add the monitor @key names. Context: sysvec_mon_mutex. */
static int sysvec_mon_add(struct file *file, const struct sysvec_monitor *req,
			  struct sysvec_mon_key *key, bool priv, u32 scope_id)
{
	const struct cred *cred = current_cred();
	struct sysvec_stream *s = NULL;
	struct sysvec_mon *m;
	int ret;

	if (!priv && sysvec_mon_user_count(cred->euid) >= monitor_user_max)
		return -ENOSPC;
	if (req->flags & SYSVEC_MONITOR_STREAM) {
		s = sysvec_stream_get(file);
		if (!s)
			return -ENOMEM;
	}
	if (sysvec_mon_find(key, s))
		return -EEXIST;
	m = kzalloc(sizeof(*m), GFP_KERNEL_ACCOUNT);
	if (!m)
		return -ENOMEM;
	if (!sysvec_mon_count) {
		ret = sysvec_probes_hold();
		if (ret) {
			kfree(m);
			return ret;
		}
	}
	m->nr = key->nr;
	m->kind = key->kind;
	m->pid = key->pid;
	key->pid = NULL;
	m->uid = key->uid;
	m->owner_uid = cred->euid;
	m->owner_gid = cred->egid;
	m->privileged = priv;
	m->scope_id = scope_id;
	m->stream = s;
	atomic_long_set(&m->calls, 0);
	if (s)
		WRITE_ONCE(s->nr_mons, s->nr_mons + 1);
	if (m->kind == SYSVEC_MON_PID)
		WRITE_ONCE(sysvec_mon_nr_pid, sysvec_mon_nr_pid + 1);
	WRITE_ONCE(sysvec_mon_count, sysvec_mon_count + 1);
	list_add_tail_rcu(&m->all, &sysvec_mon_list);
	list_add_tail_rcu(&m->node, &sysvec_mon_tab[m->nr]);
	if (m->kind == SYSVEC_MON_PID) {
		/*
		 * The process may have ended meanwhile. Its last thread
		 * counts itself out of signal->live (a full barrier) and
		 * then looks for monitors of it; this adds the monitor and
		 * then looks at signal->live. One of the two sees the other.
		 */
		smp_mb();
		if (sysvec_mon_pid_dead(m->pid)) {
			sysvec_mon_remove(m);
			return -ESRCH;
		}
	}
	return 0;
}

/**
 * sysvec_mon_start() - SYSVEC_IOC_MONITOR_START
 * @file: the open /dev/sysvec (its stream, with SYSVEC_MONITOR_STREAM)
 * @req: the request, its flags and reserved field checked
 *
 * Context: process context.
 * Return: 0; -EINVAL for a number that is not a syscall or a bad selector;
 * -ESRCH if the process does not exist; -EPERM from a confined task for
 * anything but a process bound to its own vector, and without
 * CAP_SYS_ADMIN for every process, another user's process or user, or no
 * stream; -EEXIST if
 * the same monitor exists; -ENOSPC past monitor_user_max; -ENOMEM.
 */
int sysvec_mon_start(struct file *file, const struct sysvec_monitor *req)
{
	bool priv = capable(CAP_SYS_ADMIN);
	struct sysvec_mon_key key;
	u32 scope_id;
	int ret;

	ret = sysvec_mon_key(req, &key);
	if (ret)
		return ret;
	/*
	 * A confined task sees only its own sandbox (scope.c): one process
	 * bound to its vector, and only while that process stays bound.
	 */
	scope_id = sysvec_mon_scope(&key);
	if (scope_id == U32_MAX) {
		ret = -EPERM;
		goto out;
	}
	if (!priv) {
		if (!(req->flags & SYSVEC_MONITOR_STREAM) || key.kind == SYSVEC_MON_ALL ||
		    (key.kind == SYSVEC_MON_UID && !uid_eq(key.uid, current_euid())) ||
		    (key.kind == SYSVEC_MON_PID && !sysvec_mon_may_watch(key.pid))) {
			ret = -EPERM;
			goto out;
		}
	}
	mutex_lock(&sysvec_mon_mutex);
	ret = sysvec_mon_add(file, req, &key, priv, scope_id);
	mutex_unlock(&sysvec_mon_mutex);
out:
	put_pid(key.pid);
	return ret;
}

/**
 * sysvec_mon_stop() - SYSVEC_IOC_MONITOR_STOP
 * @file: the open /dev/sysvec
 * @req: the same fields as the start (SYSVEC_MONITOR_STREAM: this file's)
 *
 * Context: process context.
 * Return: 0; -EINVAL or -ESRCH as for the start; -ENOENT if no such
 * monitor exists; -EPERM for another user's without CAP_SYS_ADMIN.
 */
int sysvec_mon_stop(struct file *file, const struct sysvec_monitor *req)
{
	struct sysvec_stream *s = NULL;
	struct sysvec_mon_key key;
	struct sysvec_mon *m;
	int ret;

	ret = sysvec_mon_key(req, &key);
	if (ret)
		return ret;
	mutex_lock(&sysvec_mon_mutex);
	if (req->flags & SYSVEC_MONITOR_STREAM) {
		s = file->private_data;
		if (!s) {
			ret = -ENOENT;
			goto out;
		}
	}
	m = sysvec_mon_find(&key, s);
	if (!m)
		ret = -ENOENT;
	else if ((m->privileged || !uid_eq(m->owner_uid, current_euid())) &&
		 !capable(CAP_SYS_ADMIN))
		ret = -EPERM;
	else
		sysvec_mon_remove(m);
out:
	mutex_unlock(&sysvec_mon_mutex);
	put_pid(key.pid);
	return ret;
}

/**
 * sysvec_mon_release() - the file is closed: end its monitors, free its stream
 * @file: the file
 *
 * Context: process context (the last fput).
 */
void sysvec_mon_release(struct file *file)
{
	struct sysvec_stream *s = file->private_data;
	struct sysvec_mon *m, *tmp;

	if (!s)
		return;
	mutex_lock(&sysvec_mon_mutex);
	list_for_each_entry_safe(m, tmp, &sysvec_mon_list, all)
		if (m->stream == s)
			sysvec_mon_remove(m);
	mutex_unlock(&sysvec_mon_mutex);
	sysvec_stream_free(s);
}

/*
 * /proc/sysvec/monitor: syscall name selector owner output calls lost.
 * Pids and uids as the reader's namespaces see them.
 */
void sysvec_mon_show(struct seq_file *sf)
{
	struct user_namespace *ns = seq_user_ns(sf);
	struct sysvec_mon *m;

	seq_puts(sf, "syscall\tname\tselector\towner\toutput\tcalls\tlost\n");
	mutex_lock(&sysvec_mon_mutex);
	list_for_each_entry(m, &sysvec_mon_list, all) {
		seq_printf(sf, "%u\t%s\t", m->nr, sysvec_syscall_name(SYSVEC_ABI_NATIVE, m->nr));
		if (m->kind == SYSVEC_MON_PID)
			seq_printf(sf, "pid:%d", pid_vnr(m->pid));
		else if (m->kind == SYSVEC_MON_UID)
			seq_printf(sf, "uid:%u", from_kuid_munged(ns, m->uid));
		else
			seq_puts(sf, "all");
		seq_printf(sf, "\t%u\t%s\t%ld\t", from_kuid_munged(ns, m->owner_uid),
			   m->stream ? (m->privileged ? "audit+stream" : "stream") : "audit",
			   atomic_long_read(&m->calls));
		if (m->stream)
			seq_printf(sf, "%llu\n", READ_ONCE(m->stream->lost_total));
		else
			seq_puts(sf, "-\n");
	}
	mutex_unlock(&sysvec_mon_mutex);
}

/* Lines of /proc/sysvec/stats about monitoring. */
void sysvec_mon_stats(struct seq_file *sf)
{
	seq_printf(sf, "monitors\t%d\n", READ_ONCE(sysvec_mon_count));
	seq_printf(sf, "monitor_calls\t%lld\n", (long long)atomic64_read(&sysvec_mon_seq));
	sysvec_mon_audit_stats(sf);
}

/**
 * sysvec_mon_init() - the per-syscall lists and the audit queue
 *
 * Context: module init, after sysvec_compile_init().
 * Return: 0 or -ENOMEM.
 */
int sysvec_mon_init(void)
{
	u32 i;

	sysvec_mon_tab_len = sysvec_syscall_count();
	sysvec_mon_tab = kcalloc(sysvec_mon_tab_len, sizeof(*sysvec_mon_tab), GFP_KERNEL);
	if (!sysvec_mon_tab)
		return -ENOMEM;
	for (i = 0; i < sysvec_mon_tab_len; i++)
		INIT_LIST_HEAD(&sysvec_mon_tab[i]);
	sysvec_mon_audit_init();
	return 0;
}

/**
 * sysvec_mon_exit() - end every monitor
 *
 * No file of /dev/sysvec is open (each pins the module), so what is left
 * are monitors without a stream.
 * Context: module exit, before the probes are removed.
 */
void sysvec_mon_exit(void)
{
	struct sysvec_mon *m, *tmp;

	mutex_lock(&sysvec_mon_mutex);
	list_for_each_entry_safe(m, tmp, &sysvec_mon_list, all)
		sysvec_mon_remove(m);
	mutex_unlock(&sysvec_mon_mutex);
	/* Probes that saw a monitor have queued what they queue by now. */
	synchronize_rcu();
	cancel_work_sync(&sysvec_mon_reap_wk);
	sysvec_mon_audit_exit();
	rcu_barrier();
	kfree(sysvec_mon_tab);
}
