// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the record stream of an open /dev/sysvec, read with read(2)
 * and poll(2).
 *
 * A file that starts a monitor with SYSVEC_MONITOR_STREAM gets a struct
 * sysvec_stream (file->private_data): a ring of struct sysvec_event that
 * the sys_enter probe fills (monitor.c) and read() empties. A full ring
 * drops the record and counts it; the next record written says how many
 * were lost. A call matched by two monitors of one file goes in once. The
 * pids and uids of a record are those of the initial namespaces until a
 * reader takes it: read() gives it the ids the opener's namespaces have.
 *
 * What this file owns, and what protects it:
 *  - a stream's ring and its counters (@head, @tail, @lost, @lost_total,
 *    @last_seq): its raw spinlock @lock, taken in the probe (atomic, also
 *    on PREEMPT_RT) and by read(); poll() and the wait condition read
 *    @head and @tail without it (READ_ONCE()).
 *  - @nr_mons: the monitors that write into it, changed under
 *    sysvec_mon_mutex (monitor.c), read without it.
 *  - file->private_data: set once, under sysvec_mon_mutex, with a release
 *    store that read() and poll() pair with an acquire load.
 *  - the stream itself: created under sysvec_mon_mutex at the file's first
 *    stream monitor; freed when the file is released, after its monitors
 *    are gone and an RCU grace period has passed (no probe can be writing
 *    to it then).
 * Readers are woken from a work item (@wake): wake_up() takes a spinlock
 * that sleeps on PREEMPT_RT, which the probe may not take.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/lockdep.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "internal.h"

static unsigned int monitor_ring = 256;
module_param(monitor_ring, uint, 0444);
MODULE_PARM_DESC(monitor_ring,
		 "records a monitoring file holds until they are read (default 256, rounded up to a power of two)");

/**
 * sysvec_stream_put() - put a record in a stream's ring, once per call
 * @s: the stream of a monitor that matched
 * @ev: the record (@ev->seq tells the calls apart)
 *
 * Context: sys_enter probe (atomic); takes @s->lock.
 */
void sysvec_stream_put(struct sysvec_stream *s, const struct sysvec_event *ev)
{
	struct sysvec_event *slot;
	bool written = false;

	raw_spin_lock(&s->lock);
	if (s->last_seq != ev->seq) {
		s->last_seq = ev->seq;
		if (s->head - s->tail > s->mask) {
			s->lost++;
			s->lost_total++;
		} else {
			slot = &s->ring[s->head & s->mask];
			*slot = *ev;
			slot->lost = s->lost;
			s->lost = 0;
			s->head++;
			written = true;
		}
	}
	raw_spin_unlock(&s->lock);
	/* Pairs with the barrier in the waiter's set_current_state(). */
	if (written && wq_has_sleeper(&s->wait))
		queue_work(system_unbound_wq, &s->wake);
}

static void sysvec_stream_wake(struct work_struct *work)
{
	struct sysvec_stream *s = container_of(work, struct sysvec_stream, wake);

	wake_up_interruptible_poll(&s->wait, EPOLLIN | EPOLLRDNORM);
}

/**
 * sysvec_stream_get() - the stream of a file, created at its first stream monitor
 * @file: the open /dev/sysvec
 *
 * Context: process context, under sysvec_mon_mutex.
 * Return: the stream, or NULL when it cannot be allocated.
 */
struct sysvec_stream *sysvec_stream_get(struct file *file)
{
	struct sysvec_stream *s = file->private_data;

	lockdep_assert_held(&sysvec_mon_mutex);
	if (s)
		return s;
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s)
		return NULL;
	s->mask = roundup_pow_of_two(clamp(monitor_ring, 1U, 65536U)) - 1;
	s->ring = kvcalloc(s->mask + 1, sizeof(*s->ring), GFP_KERNEL_ACCOUNT);
	if (!s->ring) {
		kfree(s);
		return NULL;
	}
	raw_spin_lock_init(&s->lock);
	init_waitqueue_head(&s->wait);
	INIT_WORK(&s->wake, sysvec_stream_wake);
	s->pid_ns = get_pid_ns(task_active_pid_ns(current));
	s->user_ns = get_user_ns(file->f_cred->user_ns);
	/* Readers load it without the mutex. */
	smp_store_release(&file->private_data, s);
	return s;
}

/* Move up to @max records of @s to @out. */
static size_t sysvec_stream_take(struct sysvec_stream *s, struct sysvec_event *out,
				 size_t max)
{
	size_t n = 0;

	raw_spin_lock(&s->lock);
	while (n < max && s->tail != s->head)
		out[n++] = s->ring[s->tail++ & s->mask];
	raw_spin_unlock(&s->lock);
	return n;
}

static bool sysvec_stream_ready(struct sysvec_stream *s)
{
	return READ_ONCE(s->head) != READ_ONCE(s->tail) || !READ_ONCE(s->nr_mons);
}

/* Give @ev the ids the reader's namespaces have for them. */
static void sysvec_event_localize(const struct sysvec_stream *s, struct sysvec_event *ev)
{
	if (s->pid_ns != &init_pid_ns) {
		rcu_read_lock();
		ev->pid = pid_nr_ns(find_pid_ns(ev->pid, &init_pid_ns), s->pid_ns);
		ev->tid = pid_nr_ns(find_pid_ns(ev->tid, &init_pid_ns), s->pid_ns);
		rcu_read_unlock();
	}
	ev->uid = from_kuid_munged(s->user_ns, KUIDT_INIT(ev->uid));
}

/**
 * sysvec_stream_read() - read(2) of /dev/sysvec: whole struct sysvec_event
 * records
 * @file: the file
 * @buf: user buffer
 * @count: its size, at least one record
 *
 * Blocks until a record is there (O_NONBLOCK: -EAGAIN). Returns 0, the
 * end of the stream, once the file has no monitor and no record left.
 * Context: process context.
 * Return: bytes read, 0, or -EINVAL, -EAGAIN, -ERESTARTSYS, -EFAULT, -ENOMEM.
 */
ssize_t sysvec_stream_read(struct file *file, char __user *buf, size_t count)
{
	struct sysvec_event *kbuf;
	struct sysvec_stream *s;
	size_t max, n, i;
	ssize_t ret;

	/* Pairs with the release in sysvec_stream_get(). */
	s = smp_load_acquire(&file->private_data);

	if (count < sizeof(*kbuf))
		return -EINVAL;
	if (!s)
		return 0;
	max = min_t(size_t, count / sizeof(*kbuf), 32);
	kbuf = kmalloc_array(max, sizeof(*kbuf), GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	for (;;) {
		n = sysvec_stream_take(s, kbuf, max);
		if (n)
			break;
		ret = 0;
		if (!READ_ONCE(s->nr_mons))
			goto out;
		ret = -EAGAIN;
		if (file->f_flags & O_NONBLOCK)
			goto out;
		ret = wait_event_interruptible(s->wait, sysvec_stream_ready(s));
		if (ret)
			goto out;
	}
	for (i = 0; i < n; i++)
		sysvec_event_localize(s, &kbuf[i]);
	ret = n * sizeof(*kbuf);
	if (copy_to_user(buf, kbuf, ret))
		ret = -EFAULT;
out:
	kfree(kbuf);
	return ret;
}

/**
 * sysvec_stream_poll() - poll(2) of /dev/sysvec
 * @file: the file
 * @pt: the poll table
 *
 * EPOLLIN when a record can be read, EPOLLHUP when the file monitors
 * nothing (read() then returns what is left, then 0).
 */
__poll_t sysvec_stream_poll(struct file *file, struct poll_table_struct *pt)
{
	struct sysvec_stream *s;
	__poll_t mask = 0;

	/* Pairs with the release in sysvec_stream_get(). */
	s = smp_load_acquire(&file->private_data);

	if (!s)
		return EPOLLHUP;
	poll_wait(file, &s->wait, pt);
	if (READ_ONCE(s->head) != READ_ONCE(s->tail))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (!READ_ONCE(s->nr_mons))
		mask |= EPOLLHUP;
	return mask;
}

/**
 * sysvec_stream_free() - free the stream of a released file
 * @s: the stream; no monitor writes into it any more
 *
 * Context: process context (the last fput), may sleep.
 */
void sysvec_stream_free(struct sysvec_stream *s)
{
	/* No probe writes to the ring after this. */
	synchronize_rcu();
	cancel_work_sync(&s->wake);
	put_pid_ns(s->pid_ns);
	put_user_ns(s->user_ns);
	kvfree(s->ring);
	kfree(s);
}
