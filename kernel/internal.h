/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysvec: declarations shared by the files of the registry module.
 *
 * This directory is ring 0. Everything here runs in the kernel on behalf of
 * every process on the machine, so the rules are: fail closed, never sleep
 * or allocate in a tracepoint probe, and write every lock's scope down.
 *
 * The lock order, outermost first. A lock is taken only while holding
 * locks above it in this list, never while holding one below it:
 *  1. sysvec_dyn_mutex (dynsys.c): new syscalls and hijacks (hijack.c).
 *     Sleeps. Holds 4 inside: the first new syscall holds the probes
 *     (sysvec_probes_hold()), the last releases them.
 *  2. sysvec_mon_mutex (monitor.c): the monitors, and the creation of
 *     streams (monitor_stream.c). Sleeps. Holds 4 inside, for the first
 *     and the last monitor as 1 does. Never held together with 1.
 *  3. the target process's signal->cred_guard_mutex (the kernel's): ATTACH
 *     of a vector that keeps io_uring away takes it before 4, so that no
 *     thread of the target execs while its rings are checked (attach.c,
 *     uring.c).
 *  4. sysvec_attach_mutex (attach.c): ATTACH, DETACH, and the
 *     registration and removal of every probe: the tracepoint probes
 *     (probe_register.c) and the kprobes of scope.c, path.c and guard.c.
 *     Sleeps.
 *  5. sysvec_registry_lock (registry.c): the list of vectors and id
 *     allocation. Sleeps. In practice held with none of the above (ATTACH
 *     looks its vector up before it takes 3 and 4); takes none of the
 *     locks below.
 *  6. a task map bucket lock (task.c), raw_spinlock_t, taken with
 *     interrupts off: insertion into and removal from the bucket and every
 *     change to the state fields of a struct sysvec_task in it. Taken in
 *     probes (atomic context, also on PREEMPT_RT since it is raw), under 4
 *     by ATTACH and DETACH, and alone elsewhere. Never nested with another
 *     bucket lock.
 *  7. a stream's lock (monitor_stream.c), raw_spinlock_t: its ring. Taken
 *     in the sys_enter probe and by read().
 *  8. sysvec_mon_aq.lock (monitor_audit.c), raw_spinlock_t: the monitor
 *     audit queue. Taken in the sys_enter probe and by its work item.
 * 6, 7 and 8 are leaves: nothing is taken while one is held, and no two of
 * them are held together (the probe takes them one after the other). The
 * kernel's own locks that the sleeping ones hold inside come after them;
 * among them the kprobe, ftrace, tracepoint and sysctl locks under 1 and
 * 4; task_lock(), a descriptor table's file_lock and the mmap lock under 3
 * and 4 (uring.c); the mmap lock under 5 (LIST copies to user space).
 *
 * RCU: the task map, sysvec_task.vec, a vector's tables and resolved
 * protected paths, the monitor lists, the new syscalls and the hijack
 * stacks are read under RCU: the sys_enter probe and the kprobe handlers
 * run with preemption disabled, which on 6.1 and 6.12 is an RCU read-side
 * section (6.13 calls sys_enter probes preemptible: docs/design/kernel.md);
 * other readers take rcu_read_lock(). Writers hold the lock named for what
 * they change (each file's header says which), and what they take out is
 * freed after a grace period.
 */
#ifndef _SYSVEC_INTERNAL_H
#define _SYSVEC_INTERNAL_H

#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/sysctl.h>
#include <linux/task_work.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include "compat.h"
#include "sysvec_vector.h"

#define SYSVEC_MODNAME "sysvec"

/* The ABIs a syscall can arrive through on x86_64. */
enum sysvec_abi {
	SYSVEC_ABI_NATIVE,
	SYSVEC_ABI_IA32,
	SYSVEC_ABI_X32,
	SYSVEC_ABI_NR,
};

/*
 * A compiled rule: 0 means "run the call" so the common case is one test.
 * Low 16 bits: errno returned by a skipped call, the value a RETVAL rule
 * returns, or the chain a COND rule evaluates.
 */
#define SYSVEC_C_ERRNO		0xffffu
#define SYSVEC_C_SKIP		(1u << 16)	/* do not run the call */
#define SYSVEC_C_KILL		(1u << 17)	/* SIGKILL the process */
#define SYSVEC_C_LOG		(1u << 18)	/* write an audit record */
#define SYSVEC_C_CLONE		(1u << 19)	/* allowed call that creates a task */
#define SYSVEC_C_RETVAL		(1u << 20)	/* with SKIP: return +value, not -errno */
#define SYSVEC_C_COND		(1u << 21)	/* evaluate chain (low bits) first */
#define SYSVEC_C_COMPLAIN	(1u << 22)	/* in an audit record: not enforced */
#define SYSVEC_C_HOOK		(1u << 23)	/* run hook number (low bits) */
#define SYSVEC_C_SCOPE		(1u << 24)	/* in an audit record: access out of the sandbox */
#define SYSVEC_C_PROTECT	(1u << 25)	/* in an audit record: a protected file */

/*
 * struct sysvec_call - a call handed to a wrap or override hook (hook.c)
 * @regs:	the caller's registers
 * @abi:	enum sysvec_abi
 * @nr:		syscall number in that ABI
 * @args:	the six arguments as the call received them
 * @vec:	the vector whose hook runs (pinned while the hook runs)
 * @hook:	index of that hook in @vec->hooks
 * @start_ns:	wraps with a post-handler: when the call was issued again
 * @hijack:	hijack handlers: their place in the stack (hijack.c)
 * @hijack_abi:	hijack handlers: which entry point was called
 * @path_args:	F_PATHS wraps: bits of @args that are paths
 * @nr_paths:	number of @paths
 * @path_argi:	index in @args of each path
 * @paths:	the kernel's copies of the paths (path.c)
 */
#define SYSVEC_CALL_MAX_PATHS	2
struct sysvec_call {
	struct pt_regs *regs;
	u32 abi;
	u32 nr;
	unsigned long args[6];
	const struct sysvec_vec *vec;
	u32 hook;
	u64 start_ns;
	struct list_head *hijack;
	int hijack_abi;
	u32 path_args;
	u32 nr_paths;
	u8 path_argi[SYSVEC_CALL_MAX_PATHS];
	const char *paths[SYSVEC_CALL_MAX_PATHS];
};

/**
 * struct sysvec_paths - the path copies of a thread's path wrap (path.c)
 * @live:	the checked call runs: strncpy_from_user() of @uptr gets @buf
 * @nr:		number of copies
 * @uptr:	the user addresses they were copied from
 * @buf:	PATH_MAX buffers, allocated at first use, kept with the object
 *
 * Only the thread writes it; freed with its object, after an RCU grace
 * period, so the strncpy_from_user() hook reads it under RCU.
 */
struct sysvec_paths {
	bool live;
	u32 nr;
	const char __user *uptr[SYSVEC_CALL_MAX_PATHS];
	char *buf[SYSVEC_CALL_MAX_PATHS];
};

/* A compiled hook: the description's, checked (compile.c). */
struct sysvec_chook {
	sysvec_hook_fn fn;
	sysvec_post_fn post;
	u32 kind;
	u32 flags;
	u32 path_args;		/* F_PATHS: SYSVEC_PATH_CALLS bits of the call */
	char name[SYSVEC_NAME_LEN];
};

/*
 * States of the call a hook is working on (struct sysvec_hookstate):
 *  RUN	  the call was skipped; the task_work runs the override or the
 *	  wrap's pre-handler before the task returns to user space;
 *  PASS  the pre-handler let the call run: it is issued again, and the
 *	  next entry with the same number, arguments and address runs it;
 *  POST  the call runs; the task_work runs the post-handler after it.
 */
enum sysvec_hs {
	SYSVEC_HS_IDLE,
	SYSVEC_HS_RUN,
	SYSVEC_HS_PASS,
	SYSVEC_HS_POST,
};

/**
 * struct sysvec_hookstate - the hooked call of one thread
 * @state:	enum sysvec_hs; only the thread itself changes it
 * @hook:	index into @vec->hooks
 * @raw_nr:	the number as the thread passed it (for PASS)
 * @ip:		the address after the syscall instruction (for PASS)
 * @vec:	the vector; its module is pinned while @state is not IDLE
 * @call:	what the handler sees
 */
struct sysvec_hookstate {
	u32 state;
	u32 hook;
	u32 raw_nr;
	unsigned long ip;
	const struct sysvec_vec *vec;
	struct sysvec_call call;
};

/* A compiled argument condition and rule of a chain (cond.c). */
struct sysvec_ccond {
	u32 arg;
	u32 op;
	u64 mask;
	u64 value;
};

struct sysvec_crule {
	u32 first_cond;		/* index into sysvec_vec.cconds */
	u32 nr_conds;
	u32 rule;		/* compiled, never COND */
};

struct sysvec_cchain {
	u32 first_rule;		/* index into sysvec_vec.crules */
	u32 nr_rules;
	u32 otherwise;		/* compiled, never COND */
};

/**
 * struct sysvec_ctab - one ABI's table in compiled form
 * @nr:		entries in @rules
 * @beyond:	compiled rule for numbers >= @nr
 * @rules:	compiled rules indexed by syscall number
 */
struct sysvec_ctab {
	u32 nr;
	u32 beyond;
	u32 *rules;
};

/**
 * struct sysvec_vec - a registered vector, owned by the registry
 * @node:	entry in the registry list (sysvec_registry_lock)
 * @desc:	the module's description, NULL for the built-in "none" vector
 * @owner:	module pinned by every task reference
 * @id:		registry id (0 only for the built-in "none" vector)
 * @flags:	SYSVEC_VECTOR_F_* bits
 * @nr_tasks:	tasks it is enforced on
 * @nr_pending:	tasks holding it for their next execve or their children
 * @name:	copy of the name
 * @version:	copy of the version
 * @tab:	compiled tables, one per ABI
 * @nr_chains:	number of @chains
 * @chains:	compiled argument-condition chains
 * @crules:	rules of all chains
 * @cconds:	conditions of all rules
 * @nr_hooks:	number of @hooks
 * @hooks:	compiled wrap and override hooks
 * @path_hooks:	some hook has SYSVEC_HOOK_F_PATHS (ATTACH hooks the path copies)
 * @nr_prot:	number of protected paths (guard.c), 0 for none
 * @prot_paths:	copies of them
 * @prot_ops:	SYSVEC_PROT_* operations refused on them
 * @prot_errno:	the errno they are refused with
 * @prot_log:	refusals write audit records
 * @prot:	the paths resolved; replaced at ATTACH (sysvec_attach_mutex),
 *		read by the guard probes under RCU
 * @rcu:	deferred free after unregistration
 *
 * A task reference (sysvec_vec_get()) counts in @nr_tasks or @nr_pending
 * and holds a module reference on @owner. The struct itself is freed only
 * after its module unregisters it and an RCU grace period has passed, so
 * probes may read it under RCU without a reference of their own.
 */
struct sysvec_vec {
	struct list_head node;
	const struct sysvec_vector *desc;
	struct module *owner;
	u32 id;
	u32 flags;
	atomic_t nr_tasks;
	atomic_t nr_pending;
	char name[SYSVEC_NAME_LEN];
	char version[SYSVEC_NAME_LEN];
	struct sysvec_ctab tab[SYSVEC_ABI_NR];
	u32 nr_chains;
	struct sysvec_cchain *chains;
	struct sysvec_crule *crules;
	struct sysvec_ccond *cconds;
	u32 nr_hooks;
	struct sysvec_chook *hooks;
	bool path_hooks;
	u32 nr_prot;
	char **prot_paths;
	u32 prot_ops;
	u32 prot_errno;
	bool prot_log;
	struct sysvec_prot_set __rcu *prot;
	struct rcu_head rcu;
};

/* What a task holds on a vector: one of the two counts. */
enum sysvec_ref { SYSVEC_REF_TASK, SYSVEC_REF_PENDING };

/**
 * struct sysvec_audit_rec - what the probe saves for a deferred audit record
 */
struct sysvec_audit_rec {
	u32 rule;		/* compiled rule that fired */
	u32 abi;		/* enum sysvec_abi */
	u32 nr;			/* syscall number as the ABI numbers it */
	u32 raw_nr;		/* number as the task passed it */
	unsigned long args[4];
	char vector[SYSVEC_NAME_LEN];
	pid_t target;		/* SYSVEC_C_SCOPE: the process acted on */
	u32 mode;		/* SCOPE: PTRACE_MODE_*; PROTECT: SYSVEC_PROT_* */
};

/* sysvec_task.flags (under the bucket lock) */
#define SYSVEC_T_LOCKED		(1u << 0)	/* @vec may never change */
#define SYSVEC_T_EXEC_LOCK	(1u << 1)	/* lock @exec_vec when it binds */
#define SYSVEC_T_CHILDREN	(1u << 2)	/* new processes get @child_vec */
#define SYSVEC_T_CHILD_LOCK	(1u << 3)	/* ... locked */
#define SYSVEC_T_DEAD		(1u << 4)	/* out of the map: state is frozen */
#define SYSVEC_T_COMPLAIN	(1u << 5)	/* @vec in complain mode */
#define SYSVEC_T_EXEC_COMPLAIN	(1u << 6)	/* @exec_vec binds in complain mode */
#define SYSVEC_T_CHILD_COMPLAIN	(1u << 7)	/* @child_vec ... too */

/* sysvec_task.work bits (atomic) */
#define SYSVEC_W_QUEUED		0	/* @twork is queued on the task */
#define SYSVEC_W_REFILL		1	/* allocate a new @spare */
#define SYSVEC_W_AUDIT		2	/* write @rec to the audit log */
#define SYSVEC_W_KILL		3	/* send SIGKILL */
#define SYSVEC_W_HOOK		4	/* run or finish the hooked call (@hs) */
#define SYSVEC_W_URING		5	/* check for io_uring rings kept across execve */

/**
 * struct sysvec_task - sysvec state of one thread
 * @node:	entry in a task map bucket
 * @task:	the thread; no reference is held: the object leaves the map in
 *		the sched_process_exit probe, before the task can go away
 * @vec:	enforced vector, &sysvec_vec_none when none is (only pending
 *		state); RCU-protected, changed under the bucket lock
 * @exec_vec:	vector to enforce at the next successful execve, or NULL
 * @child_vec:	with SYSVEC_T_CHILDREN, what new processes get (NULL: none)
 * @flags:	SYSVEC_T_* bits
 * @refs:	one for the map, one per queued task_work
 * @spare:	preallocated object for the next child; only the task itself
 *		(its probes and its task_work) uses it
 * @work:	SYSVEC_W_* bits
 * @twork:	task_work that does what the probes may not (see probe.c)
 * @rec:	data of the pending audit record
 * @hs:		the call a hook is working on; only the thread itself uses it
 * @paths:	path copies of its path wraps, or NULL (path.c)
 * @guard_errno: the errno of the file access guard.c just refused; only
 *		the thread itself uses it
 * @rcu:	deferred free
 *
 * While it is in use (in the map, or with task_work queued) an object holds
 * a reference on this module, so queued callbacks never outlive its code.
 */
struct sysvec_task {
	struct hlist_node node;
	struct task_struct *task;
	struct sysvec_vec __rcu *vec;
	struct sysvec_vec *exec_vec;
	struct sysvec_vec *child_vec;
	u32 flags;
	refcount_t refs;
	struct sysvec_task *spare;
	unsigned long work;
	struct callback_head twork;
	struct sysvec_audit_rec rec;
	struct sysvec_hookstate hs;
	struct sysvec_paths *paths;
	int guard_errno;
	struct rcu_head rcu;
};

/**
 * sysvec_entry_abi() - the ABI of current's syscall and its number there
 * @raw_nr: the low 32 bits of the number as the task passed it
 * @nr: set to the number within the ABI (x32 without __X32_SYSCALL_BIT,
 *	as do_syscall_x32() takes it)
 *
 * Everywhere along the syscall path, @raw_nr is the number as the task
 * passed it and @nr the number within its ABI.
 * Context: syscall entry, before anything changed orig_ax.
 */
static __always_inline enum sysvec_abi sysvec_entry_abi(u32 raw_nr, u32 *nr)
{
	*nr = raw_nr;
	if (unlikely(in_ia32_syscall()))
		return SYSVEC_ABI_IA32;
	if (unlikely(raw_nr & __X32_SYSCALL_BIT)) {
		*nr = raw_nr - __X32_SYSCALL_BIT;
		return SYSVEC_ABI_X32;
	}
	return SYSVEC_ABI_NATIVE;
}

/**
 * sysvec_get_args() - the six arguments of current's call, as the call uses them
 * @regs: current's registers at syscall entry
 * @abi: the ABI of the call (sysvec_entry_abi())
 * @args: the arguments
 *
 * The i386 entry points take the low 32 bits of each register (a 64-bit
 * process may set the others before int $0x80), so conditions, hooks, new
 * syscalls, records and path copies all see exactly those 32 bits.
 */
static inline void sysvec_get_args(struct pt_regs *regs, enum sysvec_abi abi,
				   unsigned long args[6])
{
	int i;

	syscall_get_arguments(current, regs, args);
	if (abi == SYSVEC_ABI_IA32)
		for (i = 0; i < 6; i++)
			args[i] = (u32)args[i];
}

/* Dereference an RCU pointer from a probe or under rcu_read_lock(). */
#define sysvec_deref(p)	rcu_dereference_check(p, rcu_read_lock_any_held())

/* registry.c */
extern struct sysvec_vec sysvec_vec_none;
struct sysvec_vec *sysvec_vec_find(u32 id, const char *name);

/*
 * Whether @vec, enforced on a task, keeps io_uring away from it: then the
 * task must own no io_uring instance (uring.c). NULL and the built-in
 * "none" vector enforce nothing.
 */
static inline bool sysvec_vec_denies_uring(const struct sysvec_vec *vec)
{
	return vec && vec != &sysvec_vec_none && !(vec->flags & SYSVEC_VECTOR_F_IO_URING);
}
void sysvec_vec_get(struct sysvec_vec *vec, enum sysvec_ref ref);
void sysvec_vec_put(struct sysvec_vec *vec, enum sysvec_ref ref);
int sysvec_registry_list(struct sysvec_vector_info __user *uentries,
			 u32 capacity, u32 *total);
void sysvec_registry_show(struct seq_file *m);
int sysvec_registry_init(void);
void sysvec_registry_exit(void);

/* compile.c */
int sysvec_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc);
int sysvec_compile_none(struct sysvec_vec *vec);
void sysvec_compile_free(struct sysvec_vec *vec);
const char *sysvec_syscall_name(enum sysvec_abi abi, u32 nr);
int sysvec_syscall_native(enum sysvec_abi abi, u32 nr);
u32 sysvec_syscall_count(void);
int sysvec_syscall_nr(enum sysvec_abi abi, const char *name);
bool sysvec_syscall_io_uring(enum sysvec_abi abi, u32 nr);
int sysvec_compile_entry(u32 rule, u32 dflt, u32 nr_chains, u32 *out);
int sysvec_cond_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc,
			u32 dflt);
void sysvec_cond_free(struct sysvec_vec *vec);
u32 sysvec_cond_eval(const struct sysvec_vec *vec, struct pt_regs *regs,
		     enum sysvec_abi abi, u32 chain);
int sysvec_compile_init(void);
void sysvec_compile_exit(void);

/* task.c */
#define SYSVEC_TASK_HASH_BITS	12

/* A bucket of the task map: a raw spinlock and an RCU chain. */
struct sysvec_bucket {
	raw_spinlock_t lock;
	struct hlist_head head;
};

extern struct sysvec_bucket *sysvec_task_map;

static inline struct sysvec_bucket *sysvec_bucket(const struct task_struct *tsk)
{
	return &sysvec_task_map[hash_ptr(tsk, SYSVEC_TASK_HASH_BITS)];
}

/*
 * For lockdep and RCU-lockdep conditions only (lockdep_is_held() exists
 * only in lockdep kernels): whether the caller holds the bucket lock of
 * @tsk, which the state fields of its object, @vec included, change under.
 */
#define sysvec_task_locked(tsk)	lockdep_is_held(&sysvec_bucket(tsk)->lock)

/*
 * Whether no one else can change the state of @t: it never entered the
 * map (@task is set when it does), or it left it (DEAD: the state is
 * frozen, every writer checks DEAD under the bucket lock first).
 */
#define sysvec_task_unmapped(t)	(!(t)->task || ((t)->flags & SYSVEC_T_DEAD))

/**
 * sysvec_task_find() - the state of a thread
 * @tsk: the thread
 *
 * Inline: the sys_enter probe calls it for every syscall on the machine,
 * and for most of them finds nothing.
 * Context: RCU read side (a probe, or under rcu_read_lock()).
 * Return: its object, or NULL when it has no sysvec state.
 */
static __always_inline struct sysvec_task *sysvec_task_find(const struct task_struct *tsk)
{
	struct sysvec_task *t;

	hlist_for_each_entry_rcu(t, &sysvec_bucket(tsk)->head, node)
		if (t->task == tsk)
			return t;
	return NULL;
}

struct sysvec_task *sysvec_task_alloc(gfp_t gfp);
void sysvec_task_free_unused(struct sysvec_task *t);
void sysvec_task_drop_state(struct sysvec_task *t);
int sysvec_task_insert(struct sysvec_task *t, struct task_struct *tsk);
bool sysvec_task_remove(struct sysvec_task *t);
void sysvec_task_lock(const struct task_struct *tsk, unsigned long *flags);
void sysvec_task_unlock(const struct task_struct *tsk, unsigned long flags);
void sysvec_task_queue_work(struct sysvec_task *t, struct task_struct *tsk,
			    int bit);
void sysvec_task_put(struct sysvec_task *t);
void sysvec_on_fork(struct task_struct *child);
void sysvec_on_exec(void);
void sysvec_on_exit(void);
int sysvec_task_nr_objects(void);
int sysvec_task_nr_bound(void);
void sysvec_task_count_bound(int delta);
int sysvec_task_init(void);
void sysvec_task_exit(void);

/* probe.c */
struct linux_binprm;
void sysvec_sys_enter(void *data, struct pt_regs *regs, long orig_ax);
void sysvec_sched_fork(void *data, struct task_struct *parent,
		       struct task_struct *child);
void sysvec_sched_exec(void *data, struct task_struct *p, pid_t old_pid,
		       struct linux_binprm *bprm);
void sysvec_sched_exit(void *data, struct task_struct *p);

/* probe_register.c */
int sysvec_probes_init(void);
int sysvec_probes_register(void);
void sysvec_probes_maybe_unregister(void);
int sysvec_probes_hold(void);
int sysvec_kprobe_redirect(struct kprobe *kp, const char *sym,
			   int (*pre)(struct kprobe *kp, struct pt_regs *regs));
/**
 * struct sysvec_kprobe_site - a kernel function a redirecting kprobe decides in
 * @sym:	the function
 * @pre:	its pre-handler (sysvec_kprobe_redirect())
 * @optional:	absent from some supported kernels (probed where it exists)
 * @on:		the kprobe is registered (changed under the lock of its user)
 * @kp:		the kprobe
 */
struct sysvec_kprobe_site {
	const char *sym;
	int (*pre)(struct kprobe *kp, struct pt_regs *regs);
	bool optional;
	bool on;
	struct kprobe kp;
};
int sysvec_kprobe_sites_register(struct sysvec_kprobe_site *sites, int n, const char *what);
void sysvec_kprobe_sites_unregister(struct sysvec_kprobe_site *sites, int n);
void sysvec_probes_release(void);
bool sysvec_probes_registered(void);
void sysvec_probes_exit(void);

/* hook.c */
void sysvec_hook_enter(struct sysvec_task *t, struct pt_regs *regs,
		       const struct sysvec_vec *vec, enum sysvec_abi abi,
		       u32 nr, u32 raw_nr, u32 index);
void sysvec_hook_work(struct sysvec_task *t);
void sysvec_hook_release(struct sysvec_hookstate *hs);
bool sysvec_hook_reissued(const struct sysvec_hookstate *hs, const struct pt_regs *regs,
			  u32 raw_nr);

/* dynsys.c */
/* Whether @nr is in the range of new syscalls (SYSVEC_DYN_FIRST..LAST). */
static inline bool sysvec_dyn_number(unsigned long nr)
{
	return nr - SYSVEC_DYN_FIRST <= SYSVEC_DYN_LAST - SYSVEC_DYN_FIRST;
}

struct sysvec_hsite;

/**
 * struct sysvec_dyn - a new syscall (dynsys.c), or one hijack of an
 * existing one (hijack.c)
 * @name:	the syscall's name
 * @vector:	new syscalls only: callable only by tasks whose vector has
 *		this name; "" for every process
 * @nr:		its number (x86_64 for a hijack)
 * @fn:		the handler
 * @owner:	the module that registered it
 * @unlocked:	calls run (else they get ENOSYS); changed under
 *		sysvec_dyn_mutex, read without it
 * @inflight:	calls inside @fn
 * @idle:	woken when @inflight drops to 0
 * @site:	hijacks only: the syscall's stack; @node is in site->stack
 * @node:	hijacks only: entry in site->stack (RCU list)
 * @num:	new syscalls: "NNNN", the sysctl file's text
 * @table:	new syscalls: the sysctl file, and the sentinel
 * @hdr:	new syscalls: its registration (a hijack's file is its site's)
 * @rcu:	deferred free
 */
struct sysvec_dyn {
	char name[SYSVEC_DYN_NAME_LEN];
	char vector[SYSVEC_NAME_LEN];
	u32 nr;
	sysvec_hook_fn fn;
	struct module *owner;
	bool unlocked;
	atomic_t inflight;
	wait_queue_head_t idle;
	struct sysvec_hsite *site;
	struct list_head node;
	char num[8];
	struct ctl_table table[2];
	struct ctl_table_header *hdr;
	struct rcu_head rcu;
};

extern struct mutex sysvec_dyn_mutex;
void sysvec_dyn_carry(struct pt_regs *regs, u32 raw_nr);
bool sysvec_dyn_enter(struct sysvec_dyn *d);
void sysvec_dyn_leave(struct sysvec_dyn *d);
void sysvec_dyn_call_init(struct sysvec_call *call, const struct pt_regs *regs,
			  enum sysvec_abi abi, u32 nr);
bool sysvec_dyn_name_ok(const char *name);
void sysvec_number_file(struct ctl_table *table, char *num, size_t len,
			const char *name, u32 nr);
struct sysvec_dyn *sysvec_dyn_alloc(const struct sysvec_syscall *sc, u32 nr);
void sysvec_dyn_show_one(struct seq_file *m, const char *kind, const struct sysvec_dyn *d);
int sysvec_dyn_init(void);
void sysvec_dyn_show(struct seq_file *m);
void sysvec_dyn_exit(void);

/* hijack.c */
struct sysvec_dyn *sysvec_hijack_lookup(struct module *owner, const char *name, u32 nr);
void sysvec_hijack_remove(struct sysvec_dyn *d);
void sysvec_hijack_show(struct seq_file *m);
void sysvec_hijack_exit(void);

/* path.c */
int sysvec_paths_copy(struct sysvec_task *t, struct sysvec_call *call, u32 args);
void sysvec_paths_go_live(struct sysvec_task *t);
int sysvec_paths_register(void);
void sysvec_paths_unregister(void);
void sysvec_paths_free(struct sysvec_paths *p);

/* scope.c */
bool sysvec_scope_outside(struct task_struct *tsk);
int sysvec_scope_register(void);
void sysvec_scope_unregister(void);

/* guard.c */
struct sysvec_prot_set;
const char *sysvec_guard_op_name(u32 op);
int sysvec_guard_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc);
void sysvec_guard_free(struct sysvec_vec *vec);
void sysvec_guard_release(struct sysvec_vec *vec);
int sysvec_guard_attach(struct sysvec_vec *vec);
void sysvec_guard_unregister(void);
int sysvec_guard_init(void);
void sysvec_guard_exit(void);

/* uring.c */
int sysvec_uring_refuse(struct task_struct *tsk, const struct sysvec_vec *vec);
void sysvec_uring_exec_work(struct sysvec_task *t);

/* audit.c */
struct audit_buffer;
extern const char *const sysvec_abi_names[SYSVEC_ABI_NR];
void sysvec_audit_string(struct audit_buffer *ab, const char *key, const char *s);
unsigned int sysvec_audit_interval_ms(void);
void sysvec_audit_save(struct sysvec_task *t, const struct pt_regs *regs,
		       const struct sysvec_vec *vec, enum sysvec_abi abi,
		       u32 nr, u32 raw_nr, u32 rule);
void sysvec_audit_save_protect(struct sysvec_task *t, const struct sysvec_vec *vec,
			       u32 op, bool complain);
void sysvec_audit_save_scope(struct sysvec_task *t, const struct sysvec_vec *vec,
			     struct task_struct *target, u32 mode, bool complain);
void sysvec_audit_emit(const struct sysvec_audit_rec *rec);
int sysvec_audit_kill(const char *vector, const char *reason);
void sysvec_audit_show(struct seq_file *m);
void sysvec_audit_init(void);

/* monitor.c */
extern int sysvec_mon_count;
/* Whether a monitor exists: the probes call into monitor.c only then. */
static inline bool sysvec_mon_active(void)
{
	return READ_ONCE(sysvec_mon_count);
}

struct file;
struct poll_table_struct;
struct sysvec_monitor;
extern struct mutex sysvec_mon_mutex;
void sysvec_mon_enter(struct pt_regs *regs, u32 raw_nr, const struct sysvec_task *t);
void sysvec_mon_on_exit(void);
int sysvec_mon_start(struct file *file, const struct sysvec_monitor *req);
int sysvec_mon_stop(struct file *file, const struct sysvec_monitor *req);
void sysvec_mon_release(struct file *file);
void sysvec_mon_show(struct seq_file *sf);
void sysvec_mon_stats(struct seq_file *sf);
int sysvec_mon_init(void);
void sysvec_mon_exit(void);

/* monitor_stream.c */
/**
 * struct sysvec_stream - the records of an open file's monitors
 * @lock:	protects @head, @tail, @lost, @lost_total, @last_seq, @ring
 * @head:	records written, ever
 * @tail:	records read, ever
 * @mask:	ring size minus one
 * @lost:	records dropped since the last one written
 * @lost_total:	records dropped, ever
 * @last_seq:	the call last written or dropped: a call matched by two
 *		monitors of the file goes in once
 * @nr_mons:	its monitors (sysvec_mon_mutex; readers read it racily)
 * @wait:	readers and pollers
 * @wake:	wakes @wait (the probe may not: wake_up() takes a sleeping
 *		lock on PREEMPT_RT)
 * @pid_ns:	pid namespace of the file's opener, for the pids it reads
 * @user_ns:	user namespace of the file's opener, for the uids it reads
 * @ring:	the records
 */
struct sysvec_stream {
	raw_spinlock_t lock;
	u32 head;
	u32 tail;
	u32 mask;
	u32 lost;
	u64 lost_total;
	u64 last_seq;
	unsigned int nr_mons;
	wait_queue_head_t wait;
	struct work_struct wake;
	struct pid_namespace *pid_ns;
	struct user_namespace *user_ns;
	struct sysvec_event *ring;
};

void sysvec_stream_put(struct sysvec_stream *s, const struct sysvec_event *ev);
struct sysvec_stream *sysvec_stream_get(struct file *file);
ssize_t sysvec_stream_read(struct file *file, char __user *buf, size_t count);
__poll_t sysvec_stream_poll(struct file *file, struct poll_table_struct *pt);
void sysvec_stream_free(struct sysvec_stream *s);

/* monitor_audit.c */
void sysvec_mon_audit_queue(const struct sysvec_event *ev, u32 raw_nr);
void sysvec_mon_audit_stats(struct seq_file *sf);
void sysvec_mon_audit_init(void);
void sysvec_mon_audit_exit(void);

/* attach.c */
extern struct mutex sysvec_attach_mutex;
int sysvec_attach(const struct sysvec_attach *req);
int sysvec_detach(const struct sysvec_detach *req);
int sysvec_get(struct sysvec_get *req);

/* dev.c */
int sysvec_dev_init(void);
void sysvec_dev_exit(void);

/* proc.c */
int sysvec_proc_init(void);
void sysvec_proc_exit(void);

/* Counters shown in /proc/sysvec/stats. */
struct sysvec_stats {
	atomic_long_t denied;
	atomic_long_t killed;
	atomic_long_t logged;
	atomic_long_t complained;	/* would-be denials, complain mode */
	atomic_long_t clone_nomem;
	atomic_long_t hooked;		/* calls a hook ran on */
	atomic_long_t hook_denied;	/* ... that a wrap failed */
	atomic_long_t scope_denied;	/* ptrace-mode access out of the sandbox */
	atomic_long_t protect_denied;	/* accesses to protected files refused */
	atomic_long_t uring_refused;	/* ATTACH or exec refused for io_uring rings */
};
extern struct sysvec_stats sysvec_stats;

#endif /* _SYSVEC_INTERNAL_H */
