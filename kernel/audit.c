// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: audit records of vector decisions.
 *
 * The sys_enter probe only saves what the record needs (sysvec_audit_save)
 * and queues the task's task_work; the record itself is written from there
 * (sysvec_audit_emit), in process context, because audit_log_start() takes
 * sleeping locks on PREEMPT_RT and allocates.
 *
 * Records are AUDIT_KERNEL_OTHER (1316), the type the audit uapi sets aside
 * for third-party modules. Their text starts with "sysvec", then
 * action= vector= arch= syscall= sysname= abi= a0..a3= [scope=ptrace
 * target_pid= ptrace_mode=] [protect=OP] [errno=] [complain=1] (scope:
 * the call asked for ptrace-mode access to a process outside the sandbox,
 * scope.c; protect: an access to a protected file, guard.c;
 * complain=1: the action was not enforced, the call ran), then the
 * task fields of audit_log_task_info() (ppid pid auid uid ... comm exe).
 * They are standalone, like seccomp's: the syscall's own audit context is
 * not set up yet at sys_enter.
 *
 * Wraps that log calls write "sysvec action=trace ..." records from their
 * post-handlers (sysvec_call_audit()).
 *
 * A rate limit (burst per interval, module parameters) keeps a flood of
 * denials from flooding the log; what it drops is counted and shown in
 * /proc/sysvec/stats.
 *
 * What this file owns, and what protects it:
 *  - sysvec_audit_rs: the rate limit, with its own raw spinlock (a
 *    trylock: safe in probes, also on PREEMPT_RT);
 *  - the counters: atomic;
 *  - a task's record slot (sysvec_task.rec): only the task itself uses it.
 *    Its probes (and the kprobes of scope.c and guard.c, which run in its
 *    context) fill it while SYSVEC_W_AUDIT is clear and then set the bit;
 *    its task_work takes the bit and writes the record out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/module.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seq_file.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include "internal.h"

static unsigned int audit_burst = 100;
module_param(audit_burst, uint, 0444);
MODULE_PARM_DESC(audit_burst, "audit records allowed per interval (default 100)");

static unsigned int audit_interval_ms = 1000;
module_param(audit_interval_ms, uint, 0444);
MODULE_PARM_DESC(audit_interval_ms, "rate-limit interval in milliseconds (default 1000)");

/* ___ratelimit() uses a raw spinlock trylock: safe in probes, also on RT. */
static struct ratelimit_state sysvec_audit_rs;

static atomic_long_t sysvec_audit_written = ATOMIC_LONG_INIT(0);
static atomic_long_t sysvec_audit_suppressed = ATOMIC_LONG_INIT(0);
static atomic_long_t sysvec_audit_failed = ATOMIC_LONG_INIT(0);

const char *const sysvec_abi_names[SYSVEC_ABI_NR] = {
	[SYSVEC_ABI_NATIVE] = "x86_64",
	[SYSVEC_ABI_IA32] = "i386",
	[SYSVEC_ABI_X32] = "x32",
};

static const char *sysvec_rule_action(u32 rule)
{
	if (rule & SYSVEC_C_KILL)
		return "kill";
	if (rule & SYSVEC_C_SKIP)
		return "deny";
	return "log";
}

/* The rate limit, and the task's one record slot: whether a record may go. */
static bool sysvec_audit_reserve(struct sysvec_task *t)
{
	if (!__ratelimit(&sysvec_audit_rs)) {
		atomic_long_inc(&sysvec_audit_suppressed);
		return false;
	}
	if (test_bit(SYSVEC_W_AUDIT, &t->work)) {
		/* The previous record of this task is not written yet. */
		atomic_long_inc(&sysvec_audit_suppressed);
		return false;
	}
	return true;
}

static void sysvec_audit_fill(struct sysvec_audit_rec *rec, const struct pt_regs *regs,
			      const struct sysvec_vec *vec, enum sysvec_abi abi,
			      u32 nr, u32 raw_nr, u32 rule)
{
	unsigned long args[6];

	sysvec_get_args((struct pt_regs *)regs, abi, args);
	rec->rule = rule;
	rec->abi = abi;
	rec->nr = nr;
	rec->raw_nr = raw_nr;
	memcpy(rec->args, args, sizeof(rec->args));
	strscpy(rec->vector, vec->name, sizeof(rec->vector));
	rec->target = 0;
	rec->mode = 0;
}

/**
 * sysvec_audit_save() - record what a deferred audit record needs
 * @t: the object of current
 * @regs: current's registers at syscall entry
 * @vec: the vector that decided
 * @abi: ABI of the call
 * @nr: number within @abi
 * @raw_nr: number as current passed it
 * @rule: compiled rule that fired
 *
 * Applies the rate limit; queues the record on current's task_work.
 * Context: sys_enter probe (atomic, no locks but a raw trylock).
 */
void sysvec_audit_save(struct sysvec_task *t, const struct pt_regs *regs,
		       const struct sysvec_vec *vec, enum sysvec_abi abi,
		       u32 nr, u32 raw_nr, u32 rule)
{
	if (!sysvec_audit_reserve(t))
		return;
	sysvec_audit_fill(&t->rec, regs, vec, abi, nr, raw_nr, rule);
	sysvec_task_queue_work(t, current, SYSVEC_W_AUDIT);
}

/**
 * sysvec_audit_save_scope() - record a ptrace-mode access out of the sandbox
 * @t: the object of current
 * @vec: the vector enforced on current
 * @target: the task current asked to act on
 * @mode: the PTRACE_MODE_* bits it asked for
 * @complain: current is in complain mode: the access was let through
 *
 * The record names the syscall current is in (ptrace, a pwrite to
 * /proc/PID/mem, process_vm_writev, pidfd_getfd, ...) and the target.
 * Context: the kprobe of scope.c (atomic, no locks but a raw trylock).
 */
void sysvec_audit_save_scope(struct sysvec_task *t, const struct sysvec_vec *vec,
			     struct task_struct *target, u32 mode, bool complain)
{
	struct pt_regs *regs = current_pt_regs();
	u32 raw_nr = (u32)syscall_get_nr(current, regs), nr;
	enum sysvec_abi abi = sysvec_entry_abi(raw_nr, &nr);

	if (!sysvec_audit_reserve(t))
		return;
	sysvec_audit_fill(&t->rec, regs, vec, abi, nr, raw_nr,
			  SYSVEC_C_SCOPE | SYSVEC_C_SKIP | EPERM |
			  (complain ? SYSVEC_C_COMPLAIN : 0));
	t->rec.target = task_tgid_nr(target);
	t->rec.mode = mode;
	sysvec_task_queue_work(t, current, SYSVEC_W_AUDIT);
}

/**
 * sysvec_audit_save_protect() - record a refused access to a protected file
 * @t: the object of current
 * @vec: the vector enforced on current
 * @op: the SYSVEC_PROT_* bit refused
 * @complain: current is in complain mode: the access was let through
 *
 * The record names the syscall current is in and the operation.
 * Context: a kprobe of guard.c (atomic, no locks but a raw trylock).
 */
void sysvec_audit_save_protect(struct sysvec_task *t, const struct sysvec_vec *vec,
			       u32 op, bool complain)
{
	struct pt_regs *regs = current_pt_regs();
	u32 raw_nr = (u32)syscall_get_nr(current, regs), nr;
	enum sysvec_abi abi = sysvec_entry_abi(raw_nr, &nr);

	if (!sysvec_audit_reserve(t))
		return;
	sysvec_audit_fill(&t->rec, regs, vec, abi, nr, raw_nr,
			  SYSVEC_C_PROTECT | SYSVEC_C_SKIP | vec->prot_errno |
			  (complain ? SYSVEC_C_COMPLAIN : 0));
	t->rec.mode = op;
	sysvec_task_queue_work(t, current, SYSVEC_W_AUDIT);
}

/**
 * sysvec_audit_emit() - write a saved record to the audit log
 * @rec: what the probe saved
 *
 * Context: process context of the task the record is about (task_work).
 */
void sysvec_audit_emit(const struct sysvec_audit_rec *rec)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab) {
		/* audit=0, an exclude rule, or the backlog is full */
		atomic_long_inc(&sysvec_audit_failed);
		return;
	}
	/* arch before syscall, as in seccomp's records, for audit tools */
	audit_log_format(ab, "sysvec action=%s vector=%s arch=%x syscall=%u sysname=%s abi=%s a0=%lx a1=%lx a2=%lx a3=%lx",
			 sysvec_rule_action(rec->rule), rec->vector,
			 rec->abi == SYSVEC_ABI_IA32 ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64,
			 rec->raw_nr, sysvec_syscall_name(rec->abi, rec->nr),
			 sysvec_abi_names[rec->abi],
			 rec->args[0], rec->args[1], rec->args[2], rec->args[3]);
	if (rec->rule & SYSVEC_C_SCOPE)
		audit_log_format(ab, " scope=ptrace target_pid=%d ptrace_mode=0x%x",
				 rec->target, rec->mode);
	if (rec->rule & SYSVEC_C_PROTECT)
		audit_log_format(ab, " protect=%s", sysvec_guard_op_name(rec->mode));
	if ((rec->rule & SYSVEC_C_SKIP) && !(rec->rule & SYSVEC_C_KILL))
		audit_log_format(ab, " errno=%u", rec->rule & SYSVEC_C_ERRNO);
	if (rec->rule & SYSVEC_C_COMPLAIN)
		audit_log_format(ab, " complain=1");
	audit_log_task_info(ab);
	audit_log_end(ab);
	atomic_long_inc(&sysvec_audit_written);
}

/*
 * Start a record written in process context, under the vectors' rate
 * limit. Return: the buffer, or NULL with @err -EAGAIN (the limit dropped
 * it) or -ENOSPC (audit would not take it), each counted.
 */
static struct audit_buffer *sysvec_audit_begin(int *err)
{
	struct audit_buffer *ab;

	if (!__ratelimit(&sysvec_audit_rs)) {
		atomic_long_inc(&sysvec_audit_suppressed);
		*err = -EAGAIN;
		return NULL;
	}
	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_KERNEL_OTHER);
	if (!ab) {
		atomic_long_inc(&sysvec_audit_failed);
		*err = -ENOSPC;
	}
	return ab;
}

/**
 * sysvec_audit_kill() - record that sysvec kills current for a reason of its own
 * @vector: the vector enforced on current
 * @reason: the reason's fields, e.g. "reason=io_uring uring=fd fd=5"
 *
 * "sysvec action=kill vector= <reason>" and the task fields, under the
 * vectors' rate limit and counters.
 * Context: process context of current (task_work).
 * Return: 0, -EAGAIN when the rate limit dropped the record, -ENOSPC when
 * audit would not take it.
 */
int sysvec_audit_kill(const char *vector, const char *reason)
{
	struct audit_buffer *ab;
	int err;

	ab = sysvec_audit_begin(&err);
	if (!ab)
		return err;
	audit_log_format(ab, "sysvec action=kill vector=%s %s", vector, reason);
	audit_log_task_info(ab);
	audit_log_end(ab);
	atomic_long_inc(&sysvec_audit_written);
	return 0;
}

/**
 * sysvec_call_audit() - write an audit record of a hooked call and its result
 * @call: the call
 * @ret: its result, as the post-handler received it
 *
 * For logging and profiling wraps: "sysvec action=trace vector= handler=
 * arch= syscall= sysname= abi= a0..a3= exit= duration_ns=" and the task
 * fields. The records share the rate limit of the vectors' own records;
 * what it drops is counted in /proc/sysvec/stats (audit_suppressed).
 * Context: a hook handler (process context, may sleep).
 * Return: 0, -EAGAIN when the rate limit dropped the record, -ENOSPC when
 * audit would not take it (disabled, excluded, backlog full).
 */
int sysvec_call_audit(const struct sysvec_call *call, long ret)
{
	struct audit_buffer *ab;
	int err;

	ab = sysvec_audit_begin(&err);
	if (!ab)
		return err;
	audit_log_format(ab, "sysvec action=trace vector=%s handler=%s arch=%x syscall=%u sysname=%s abi=%s a0=%lx a1=%lx a2=%lx a3=%lx exit=%ld duration_ns=%llu",
			 call->vec->name, call->vec->hooks[call->hook].name,
			 call->abi == SYSVEC_ABI_IA32 ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64,
			 call->nr + (call->abi == SYSVEC_ABI_X32 ? __X32_SYSCALL_BIT : 0),
			 sysvec_syscall_name(call->abi, call->nr),
			 sysvec_abi_names[call->abi],
			 call->args[0], call->args[1], call->args[2], call->args[3],
			 ret, sysvec_call_elapsed_ns(call));
	audit_log_task_info(ab);
	audit_log_end(ab);
	atomic_long_inc(&sysvec_audit_written);
	return 0;
}
EXPORT_SYMBOL_GPL(sysvec_call_audit);

/**
 * sysvec_audit_string() - log " @key=value" for a string a task chose
 * @ab: the record
 * @key: the field name
 * @s: the string
 *
 * Quoted when it holds only printable characters other than '"' and
 * space, hex-encoded otherwise, as audit tools expect of untrusted
 * strings (audit_log_untrustedstring() is not exported).
 */
void sysvec_audit_string(struct audit_buffer *ab, const char *key, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	if (!*p) {
		audit_log_format(ab, " %s=\"%s\"", key, s);
		return;
	}
	audit_log_format(ab, " %s=", key);
	for (p = s; *p; p++)
		audit_log_format(ab, "%02X", (unsigned char)*p);
}

/* The rate-limit interval, for the monitor records' own limit. */
unsigned int sysvec_audit_interval_ms(void)
{
	return audit_interval_ms;
}

/* Lines of /proc/sysvec/stats about audit. */
void sysvec_audit_show(struct seq_file *m)
{
	seq_printf(m, "audit_records\t%ld\n", atomic_long_read(&sysvec_audit_written));
	seq_printf(m, "audit_suppressed\t%ld\n", atomic_long_read(&sysvec_audit_suppressed));
	seq_printf(m, "audit_failed\t%ld\n", atomic_long_read(&sysvec_audit_failed));
	seq_printf(m, "audit_burst\t%u\n", audit_burst);
	seq_printf(m, "audit_interval_ms\t%u\n", audit_interval_ms);
}

void sysvec_audit_init(void)
{
	ratelimit_state_init(&sysvec_audit_rs, msecs_to_jiffies(audit_interval_ms),
			     audit_burst);
	/* We count what is dropped ourselves; no printk from the limiter. */
	ratelimit_set_flags(&sysvec_audit_rs, RATELIMIT_MSG_ON_RELEASE);
}
