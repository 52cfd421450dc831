// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the audit records of monitored calls.
 *
 * A call that a monitor started with CAP_SYS_ADMIN records goes to the
 * audit log as "sysvec action=monitor ...". The sys_enter probe may not
 * write it (audit_log_start() takes sleeping locks on PREEMPT_RT and
 * allocates), so it saves the record, with the task fields it needs, in a
 * queue of SYSVEC_MON_AQ_LEN entries, and a work item writes the queue
 * out. The records have their own rate limit (monitor_audit_burst per
 * audit_interval_ms), apart from the vectors' own (audit.c), so that
 * monitoring cannot starve the records of decisions; a record the limit
 * or a full queue drops is counted, as is one audit does not take.
 *
 * What this file owns, and what protects it:
 *  - sysvec_mon_aq (the queue, its head and tail): its raw spinlock, taken
 *    in the probe (atomic, also on PREEMPT_RT) and by the work item;
 *  - sysvec_mon_rs: the rate limit's own raw spinlock (a trylock);
 *  - the counters: atomic.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "internal.h"

static unsigned int monitor_audit_burst = 100;
module_param(monitor_audit_burst, uint, 0444);
MODULE_PARM_DESC(monitor_audit_burst,
		 "monitor audit records allowed per audit_interval_ms (default 100)");

/* What the audit record of a call needs, saved by the probe. */
struct sysvec_mon_arec {
	struct sysvec_event ev;		/* ids as the initial namespaces see them */
	u32 raw_nr;
	kuid_t auid;
	unsigned int ses;
};

#define SYSVEC_MON_AQ_LEN	64
static struct {
	raw_spinlock_t lock;
	u32 head;
	u32 tail;
	struct sysvec_mon_arec rec[SYSVEC_MON_AQ_LEN];
} sysvec_mon_aq;

static struct ratelimit_state sysvec_mon_rs;
static atomic_long_t sysvec_mon_written = ATOMIC_LONG_INIT(0);
static atomic_long_t sysvec_mon_suppressed = ATOMIC_LONG_INIT(0);
static atomic_long_t sysvec_mon_failed = ATOMIC_LONG_INIT(0);

static void sysvec_mon_audit_work(struct work_struct *work);
static DECLARE_WORK(sysvec_mon_audit_wk, sysvec_mon_audit_work);

/**
 * sysvec_mon_audit_queue() - queue the audit record of a monitored call
 * @ev: the call's record
 * @raw_nr: the number as the task passed it
 *
 * Under the monitor records' rate limit; a full queue drops the record.
 * Context: sys_enter probe (atomic); takes sysvec_mon_aq.lock.
 */
void sysvec_mon_audit_queue(const struct sysvec_event *ev, u32 raw_nr)
{
	struct sysvec_mon_arec *r;
	bool queued = false;

	if (!__ratelimit(&sysvec_mon_rs)) {
		atomic_long_inc(&sysvec_mon_suppressed);
		return;
	}
	raw_spin_lock(&sysvec_mon_aq.lock);
	if (sysvec_mon_aq.head - sysvec_mon_aq.tail < SYSVEC_MON_AQ_LEN) {
		r = &sysvec_mon_aq.rec[sysvec_mon_aq.head++ % SYSVEC_MON_AQ_LEN];
		r->ev = *ev;
		r->raw_nr = raw_nr;
		r->auid = audit_get_loginuid(current);
		r->ses = audit_get_sessionid(current);
		queued = true;
	}
	raw_spin_unlock(&sysvec_mon_aq.lock);
	if (queued)
		queue_work(system_unbound_wq, &sysvec_mon_audit_wk);
	else
		atomic_long_inc(&sysvec_mon_suppressed);
}

static void sysvec_mon_audit_write(const struct sysvec_mon_arec *r)
{
	const struct sysvec_event *ev = &r->ev;
	struct audit_buffer *ab;

	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab) {
		atomic_long_inc(&sysvec_mon_failed);
		return;
	}
	audit_log_format(ab, "sysvec action=monitor arch=%x syscall=%u sysname=%s abi=%s a0=%llx a1=%llx a2=%llx a3=%llx a4=%llx a5=%llx pid=%d tid=%d uid=%u auid=%u ses=%u",
			 ev->abi == SYSVEC_ABI_IA32 ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64,
			 r->raw_nr, sysvec_syscall_name(ev->abi, ev->nr),
			 sysvec_abi_names[ev->abi], ev->args[0], ev->args[1],
			 ev->args[2], ev->args[3], ev->args[4], ev->args[5],
			 ev->pid, ev->tid, ev->uid,
			 from_kuid(&init_user_ns, r->auid), r->ses);
	sysvec_audit_string(ab, "comm", ev->comm);
	audit_log_end(ab);
	atomic_long_inc(&sysvec_mon_written);
}

static void sysvec_mon_audit_work(struct work_struct *work)
{
	struct sysvec_mon_arec r;

	for (;;) {
		raw_spin_lock(&sysvec_mon_aq.lock);
		if (sysvec_mon_aq.tail == sysvec_mon_aq.head) {
			raw_spin_unlock(&sysvec_mon_aq.lock);
			return;
		}
		r = sysvec_mon_aq.rec[sysvec_mon_aq.tail++ % SYSVEC_MON_AQ_LEN];
		raw_spin_unlock(&sysvec_mon_aq.lock);
		sysvec_mon_audit_write(&r);
	}
}

/* Lines of /proc/sysvec/stats about the monitor audit records. */
void sysvec_mon_audit_stats(struct seq_file *sf)
{
	seq_printf(sf, "monitor_audit_records\t%ld\n", atomic_long_read(&sysvec_mon_written));
	seq_printf(sf, "monitor_audit_suppressed\t%ld\n",
		   atomic_long_read(&sysvec_mon_suppressed));
	seq_printf(sf, "monitor_audit_failed\t%ld\n", atomic_long_read(&sysvec_mon_failed));
}

/**
 * sysvec_mon_audit_init() - the queue's lock and the rate limit
 *
 * Context: module init, before any monitor exists.
 */
void sysvec_mon_audit_init(void)
{
	raw_spin_lock_init(&sysvec_mon_aq.lock);
	ratelimit_state_init(&sysvec_mon_rs, msecs_to_jiffies(sysvec_audit_interval_ms()),
			     monitor_audit_burst);
	ratelimit_set_flags(&sysvec_mon_rs, RATELIMIT_MSG_ON_RELEASE);
}

/**
 * sysvec_mon_audit_exit() - stop the work item
 *
 * Records still queued are dropped.
 * Context: module exit, after every monitor is gone and every probe that
 * saw one has returned (sysvec_mon_exit()).
 */
void sysvec_mon_audit_exit(void)
{
	cancel_work_sync(&sysvec_mon_audit_wk);
}
