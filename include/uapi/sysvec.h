/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * sysvec: the control interface of the syscall vector registry.
 *
 * This is the only header shared by the kernel module and user space. It
 * defines the ioctls of /dev/sysvec, their argument structs, the action
 * vocabulary of vector rules and the task state bits reported by GET.
 *
 * Rules for changing it (see kernel/README.VERSION.md):
 *  - every struct starts with __u32 size, set by the caller to sizeof()
 *    of the struct it was built with; the kernel accepts any size from the
 *    *_SIZE_VER0 constant up to one page, ignores zero bytes beyond what
 *    it knows and refuses non-zero ones with E2BIG;
 *  - structs only grow at the end, in multiples of 8 bytes;
 *  - reserved fields and unknown flag bits must be zero (EINVAL otherwise);
 *  - ioctl numbers are never reused.
 */
#ifndef _UAPI_SYSVEC_H
#define _UAPI_SYSVEC_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define SYSVEC_API_MAJOR	1
#define SYSVEC_API_MINOR	6
#define SYSVEC_API_PATCH	0

#define SYSVEC_DEVICE		"/dev/sysvec"
#define SYSVEC_PROC_DIR		"/proc/sysvec"

/* Longest vector name, version and module name, including the NUL. */
#define SYSVEC_NAME_LEN		64

/*
 * Numbers of the syscalls modules add at run time (API 1.4): above every
 * x86_64 and i386 syscall, without the x32 bit. Each one's number is in
 * /proc/sys/kernel/dynamic_syscalls/<name>, as four digits and a newline.
 */
#define SYSVEC_DYN_FIRST	1000
#define SYSVEC_DYN_LAST		1063

/*
 * Actions of a vector rule. A rule is one 32-bit word: the action in the
 * high 16 bits and its argument in the low 16 bits (the errno of the deny
 * actions, the value of RETURN, the chain of COND); see SYSVEC_RULE(). SYSVEC_ACT_DEFAULT (0) in a table entry means "the
 * vector's default action", so tables written with designated initialisers
 * need no entry for every syscall.
 */
enum sysvec_action {
	SYSVEC_ACT_DEFAULT	= 0,	/* use the vector's default rule */
	SYSVEC_ACT_ALLOW	= 1,	/* run the call */
	SYSVEC_ACT_DENY		= 2,	/* skip the call, return -errno */
	SYSVEC_ACT_KILL		= 3,	/* skip the call, SIGKILL the process, log */
	SYSVEC_ACT_LOG		= 4,	/* write an audit record, run the call */
	SYSVEC_ACT_DENY_LOG	= 5,	/* write an audit record, return -errno */
	SYSVEC_ACT_RETURN	= 6,	/* skip the call, return the value 0..65535 */
	SYSVEC_ACT_COND		= 7,	/* decided by argument-condition chain N */
	_SYSVEC_ACT_MAX		= 7,
};

#define SYSVEC_RULE(act, err)	((((__u32)(act)) << 16) | ((__u32)(err) & 0xffffu))
#define SYSVEC_RULE_ACTION(r)	((__u32)(r) >> 16)
#define SYSVEC_RULE_ERRNO(r)	((__u32)(r) & 0xffffu)

/* Largest errno a deny rule may return (the kernel's MAX_ERRNO). */
#define SYSVEC_MAX_ERRNO	4095

/**
 * struct sysvec_version - answer of SYSVEC_IOC_GET_VERSION
 * @size:	in: sizeof(struct sysvec_version)
 * @major:	out: SYSVEC_API_MAJOR of the running module
 * @minor:	out: SYSVEC_API_MINOR
 * @patch:	out: SYSVEC_API_PATCH
 * @features:	out: SYSVEC_FEAT_* bits
 */
struct sysvec_version {
	__u32 size;
	__u32 major;
	__u32 minor;
	__u32 patch;
	__u64 features;
};
#define SYSVEC_VERSION_SIZE_VER0	24

#define SYSVEC_FEAT_IA32	(1ULL << 0)	/* vectors may carry ia32 tables */
#define SYSVEC_FEAT_X32		(1ULL << 1)	/* vectors may carry x32 tables */
#define SYSVEC_FEAT_AUDIT	(1ULL << 2)	/* log actions write audit records */
#define SYSVEC_FEAT_RETURN	(1ULL << 3)	/* SYSVEC_ACT_RETURN rules (API 1.1) */
#define SYSVEC_FEAT_ARG_COND	(1ULL << 4)	/* argument conditions (API 1.1) */
#define SYSVEC_FEAT_COMPLAIN	(1ULL << 5)	/* SYSVEC_ATTACH_COMPLAIN (API 1.2) */
#define SYSVEC_FEAT_HOOKS	(1ULL << 6)	/* wrap and override hooks run (API 1.3) */
#define SYSVEC_FEAT_PATH_HOOKS	(1ULL << 7)	/* path wraps run (API 1.4) */
#define SYSVEC_FEAT_MONITOR	(1ULL << 8)	/* MONITOR_START/STOP, events (API 1.5) */
#define SYSVEC_FEAT_SCOPE	(1ULL << 9)	/* no ptrace-mode access out of the sandbox (API 1.6) */
#define SYSVEC_FEAT_PROTECT	(1ULL << 10)	/* vectors protect files by object (API 1.6) */
#define SYSVEC_FEAT_URING	(1ULL << 11)	/* ATTACH and exec refuse io_uring rings (API 1.6) */

/**
 * struct sysvec_vector_info - one registered vector, as LIST reports it
 * @id:		registry id, never reused while the registry is loaded
 * @nr_tasks:	number of tasks this vector is enforced on
 * @nr_pending:	number of tasks that will get it at execve or give it to
 *		their children
 * @flags:	SYSVEC_VECTOR_F_* bits of the vector
 * @name:	NUL-terminated vector name
 * @version:	NUL-terminated version string of the vector
 * @module:	NUL-terminated name of the module that registered it
 */
struct sysvec_vector_info {
	__u32 id;
	__u32 nr_tasks;
	__u32 nr_pending;
	__u32 flags;
	char name[SYSVEC_NAME_LEN];
	char version[SYSVEC_NAME_LEN];
	char module[SYSVEC_NAME_LEN];
};

/* The vector lets confined tasks use io_uring (which bypasses vectors). */
#define SYSVEC_VECTOR_F_IO_URING	(1U << 0)
#define SYSVEC_VECTOR_F_MASK		SYSVEC_VECTOR_F_IO_URING
/*
 * Set by the registry, reported by LIST: the vector carries wrap or
 * override hooks (run since API 1.3, SYSVEC_FEAT_HOOKS; earlier versions
 * refused to attach such a vector with EOPNOTSUPP).
 */
#define SYSVEC_VECTOR_F_HOOKS		(1U << 1)
/*
 * Set by the registry, reported by LIST: the vector protects files
 * (API 1.6, SYSVEC_FEAT_PROTECT).
 */
#define SYSVEC_VECTOR_F_PROTECT		(1U << 2)

/*
 * What a vector's file protection refuses (struct sysvec_protect.ops in
 * kernel/sysvec_vector.h; profiles: protect: deny:), for the registry and
 * policyc alike. X(name, bit) for each; the kernel decides on the objects
 * a call resolved, in its own access checks:
 *  remove    unlink or rmdir of a protected object or of a directory above one
 *  rename    rename of a protected object, of a directory above one, or
 *            over one
 *  link      a new hard link to a protected file
 *  create    a new name inside a protected directory (mkdir, mknod, symlink,
 *            open with O_CREAT, link, rename into it)
 *  truncate  truncate of a protected file
 *  write     open of a protected file for writing
 *  attr      chmod or chown of a protected object
 *  stat      stat, lstat, statx ... naming a protected object by path (fstat
 *            of a file already open is not refused)
 */
#define SYSVEC_PROT_REMOVE	(1U << 0)
#define SYSVEC_PROT_RENAME	(1U << 1)
#define SYSVEC_PROT_LINK	(1U << 2)
#define SYSVEC_PROT_CREATE	(1U << 3)
#define SYSVEC_PROT_TRUNCATE	(1U << 4)
#define SYSVEC_PROT_WRITE	(1U << 5)
#define SYSVEC_PROT_ATTR	(1U << 6)
#define SYSVEC_PROT_STAT	(1U << 7)
#define SYSVEC_PROT_ALL		((1U << 8) - 1)
#define SYSVEC_PROTECT_OPS(X)						\
	X("remove", SYSVEC_PROT_REMOVE) X("rename", SYSVEC_PROT_RENAME)	\
	X("link", SYSVEC_PROT_LINK) X("create", SYSVEC_PROT_CREATE)	\
	X("truncate", SYSVEC_PROT_TRUNCATE) X("write", SYSVEC_PROT_WRITE) \
	X("attr", SYSVEC_PROT_ATTR) X("stat", SYSVEC_PROT_STAT)

/*
 * The calls whose path arguments a path wrap may check (vector modules:
 * SYSVEC_HOOK_F_PATHS; profiles: paths: true), for the registry and policyc
 * alike. X(name, args) for each, @args the bits of the arguments (bit 0 is
 * the first) that are paths:
 *
 *	#define NAME(name, args) #name,
 *	static const char *const x[] = { SYSVEC_PATH_CALLS(NAME) };
 */
#define SYSVEC_PATH_CALLS(X)						\
	X(open, 0x1) X(openat, 0x2) X(openat2, 0x2) X(creat, 0x1)	\
	X(unlink, 0x1) X(unlinkat, 0x2) X(rmdir, 0x1)			\
	X(mkdir, 0x1) X(mkdirat, 0x2)					\
	X(rename, 0x3) X(renameat, 0xa) X(renameat2, 0xa)		\
	X(stat, 0x1) X(lstat, 0x1) X(newfstatat, 0x2) X(statx, 0x2)	\
	X(oldstat, 0x1) X(oldlstat, 0x1)				\
	X(stat64, 0x1) X(lstat64, 0x1) X(fstatat64, 0x2)		\
	X(truncate, 0x1) X(truncate64, 0x1)				\
	X(chmod, 0x1) X(fchmodat, 0x2)					\
	X(chown, 0x1) X(lchown, 0x1) X(fchownat, 0x2)			\
	X(chown32, 0x1) X(lchown32, 0x1)

/**
 * struct sysvec_list - argument of SYSVEC_IOC_LIST
 * @size:	in: sizeof(struct sysvec_list)
 * @flags:	in: must be 0
 * @count:	in: number of entries the buffer holds;
 *		out: number of registered vectors (may be more than filled)
 * @entry_size:	in: sizeof(struct sysvec_vector_info)
 * @entries:	in: user pointer to @count struct sysvec_vector_info, or 0
 *		when @count is 0
 */
struct sysvec_list {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 entry_size;
	__u64 entries;
};
#define SYSVEC_LIST_SIZE_VER0	24

/* Task state bits reported by GET. */
#define SYSVEC_STATE_BOUND	(1U << 0)	/* a vector is enforced */
#define SYSVEC_STATE_LOCKED	(1U << 1)	/* nobody may change or detach it */
#define SYSVEC_STATE_ON_EXEC	(1U << 2)	/* a vector waits for execve */
#define SYSVEC_STATE_CHILDREN	(1U << 3)	/* new processes get child_vector */
#define SYSVEC_STATE_COMPLAIN	(1U << 4)	/* the vector is enforced in complain mode */

/**
 * struct sysvec_get - argument of SYSVEC_IOC_GET
 * @size:		in: sizeof(struct sysvec_get)
 * @flags:		in: must be 0
 * @pid:		in: thread id to query, 0 for the caller
 * @state:		out: SYSVEC_STATE_* bits
 * @vector_id:		out: id of the enforced vector, 0 if none
 * @exec_vector_id:	out: id of the vector bound at the next execve, 0 if none
 * @child_vector_id:	out: id given to new processes (0 with
 *			SYSVEC_STATE_CHILDREN set: they start with no vector)
 * @reserved:		must be 0
 * @vector_name:	out: name of the enforced vector, "" if none
 */
struct sysvec_get {
	__u32 size;
	__u32 flags;
	__s32 pid;
	__u32 state;
	__u32 vector_id;
	__u32 exec_vector_id;
	__u32 child_vector_id;
	__u32 reserved;
	char vector_name[SYSVEC_NAME_LEN];
};
#define SYSVEC_GET_SIZE_VER0	96

/* ATTACH flags. */
#define SYSVEC_ATTACH_LOCK	(1U << 0)	/* nobody may change or detach it later */
#define SYSVEC_ATTACH_ON_EXEC	(1U << 1)	/* bind at the next successful execve */
#define SYSVEC_ATTACH_CHILDREN	(1U << 2)	/* only processes created from now on get it */
/*
 * Complain mode (API 1.2): a call the vector would deny or kill for is
 * written to the audit log with complain=1 and then runs. Goes with the
 * binding: kept by children and across execve, like the lock.
 */
#define SYSVEC_ATTACH_COMPLAIN	(1U << 3)
#define SYSVEC_ATTACH_F_MASK	(SYSVEC_ATTACH_LOCK | SYSVEC_ATTACH_ON_EXEC | \
				 SYSVEC_ATTACH_CHILDREN | SYSVEC_ATTACH_COMPLAIN)

/**
 * struct sysvec_attach - argument of SYSVEC_IOC_ATTACH
 * @size:	in: sizeof(struct sysvec_attach)
 * @flags:	in: SYSVEC_ATTACH_* bits; ON_EXEC and CHILDREN exclude each other
 * @pid:	in: process to act on (any of its thread ids), 0 for the caller's
 * @vector_id:	in: vector to attach; 0 to name it in @vector_name instead
 * @vector_name: in: NUL-terminated name when @vector_id is 0; with both
 *		empty and SYSVEC_ATTACH_CHILDREN, new processes start with no
 *		vector
 */
struct sysvec_attach {
	__u32 size;
	__u32 flags;
	__s32 pid;
	__u32 vector_id;
	char vector_name[SYSVEC_NAME_LEN];
};
#define SYSVEC_ATTACH_SIZE_VER0	80

/**
 * struct sysvec_detach - argument of SYSVEC_IOC_DETACH
 * @size:	in: sizeof(struct sysvec_detach)
 * @flags:	in: must be 0
 * @pid:	in: process to act on, 0 for the caller's
 * @reserved:	must be 0
 */
struct sysvec_detach {
	__u32 size;
	__u32 flags;
	__s32 pid;
	__u32 reserved;
};
#define SYSVEC_DETACH_SIZE_VER0	16

/*
 * Monitoring (API 1.5): the calls of a syscall made by a process, by every
 * process of a user, or by every process, are recorded (number, arguments,
 * pid) until the monitor is stopped. See sysvec(4), "Monitoring".
 */
/* Select by @uid (every process whose real uid it is) instead of @pid. */
#define SYSVEC_MONITOR_UID	(1U << 0)
/*
 * Deliver the records to this open file of /dev/sysvec, to be read as
 * struct sysvec_event; the monitor ends when the file is closed. Without
 * it the records go only to the audit log (which needs CAP_SYS_ADMIN) and
 * the monitor stays until it is stopped.
 */
#define SYSVEC_MONITOR_STREAM	(1U << 1)
#define SYSVEC_MONITOR_F_MASK	(SYSVEC_MONITOR_UID | SYSVEC_MONITOR_STREAM)

/**
 * struct sysvec_monitor - argument of SYSVEC_IOC_MONITOR_START and _STOP
 * @size:	in: sizeof(struct sysvec_monitor)
 * @flags:	in: SYSVEC_MONITOR_* bits
 * @nr:		in: x86_64 number of the syscall; its calls through the
 *		i386 and x32 entries are monitored too
 * @pid:	in: process to monitor (any of its thread ids, in the caller's
 *		pid namespace; every thread of it is monitored); 0 for every
 *		process (CAP_SYS_ADMIN); 0 with SYSVEC_MONITOR_UID
 * @uid:	in: with SYSVEC_MONITOR_UID, the user (in the caller's user
 *		namespace); must be 0 otherwise
 * @reserved:	must be 0
 *
 * Without CAP_SYS_ADMIN a caller may monitor only processes whose user and
 * group ids all equal its effective ones and that are dumpable, and only
 * with SYSVEC_MONITOR_STREAM; calls of a process that stops being such
 * (a setuid execve) are not recorded.
 */
struct sysvec_monitor {
	__u32 size;
	__u32 flags;
	__u32 nr;
	__s32 pid;
	__u32 uid;
	__u32 reserved;
};
#define SYSVEC_MONITOR_SIZE_VER0	24

/* struct sysvec_event.abi: the entry the call came through. */
#define SYSVEC_EVENT_ABI_X86_64	0
#define SYSVEC_EVENT_ABI_I386	1
#define SYSVEC_EVENT_ABI_X32	2

/* struct sysvec_event.type */
#define SYSVEC_EVENT_MONITOR	1	/* a monitored call */

/**
 * struct sysvec_event - one record read(2) from a monitoring /dev/sysvec
 * @size:	sizeof(struct sysvec_event); read() hands out whole records
 * @type:	SYSVEC_EVENT_MONITOR
 * @seq:	number of the call among all monitored calls (increasing)
 * @time_ns:	when it entered the kernel, CLOCK_REALTIME nanoseconds
 * @pid:	process id (thread group), in the reader's pid namespace (0 if
 *		it has none there)
 * @tid:	thread id, likewise
 * @uid:	the process's real uid, in the reader's user namespace
 * @lost:	records this file dropped just before this one because they
 *		were not read in time
 * @abi:	SYSVEC_EVENT_ABI_*
 * @nr:		syscall number in that ABI (x32 without __X32_SYSCALL_BIT)
 * @monitored_nr: the x86_64 number of the syscall, as the monitor names it
 * @reserved:	0
 * @args:	the six arguments (i386: zero-extended 32-bit values)
 * @comm:	the thread's name, NUL-terminated
 */
struct sysvec_event {
	__u32 size;
	__u32 type;
	__u64 seq;
	__u64 time_ns;
	__s32 pid;
	__s32 tid;
	__u32 uid;
	__u32 lost;
	__u32 abi;
	__u32 nr;
	__u32 monitored_nr;
	__u32 reserved;
	__u64 args[6];
	char comm[16];
};
#define SYSVEC_EVENT_SIZE_VER0	120

#define SYSVEC_IOC_MAGIC	0xF5
#define SYSVEC_IOC_GET_VERSION	_IOWR(SYSVEC_IOC_MAGIC, 0, struct sysvec_version)
#define SYSVEC_IOC_LIST		_IOWR(SYSVEC_IOC_MAGIC, 1, struct sysvec_list)
#define SYSVEC_IOC_GET		_IOWR(SYSVEC_IOC_MAGIC, 2, struct sysvec_get)
#define SYSVEC_IOC_ATTACH	_IOW(SYSVEC_IOC_MAGIC, 3, struct sysvec_attach)
#define SYSVEC_IOC_DETACH	_IOW(SYSVEC_IOC_MAGIC, 4, struct sysvec_detach)
#define SYSVEC_IOC_MONITOR_START _IOW(SYSVEC_IOC_MAGIC, 5, struct sysvec_monitor)
#define SYSVEC_IOC_MONITOR_STOP	_IOW(SYSVEC_IOC_MAGIC, 6, struct sysvec_monitor)

#endif /* _UAPI_SYSVEC_H */
