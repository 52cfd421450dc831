// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: file protection decided on the objects a call acts on.
 *
 * A vector may protect files and directories (struct sysvec_protect): its
 * tasks may not remove, rename, link, truncate, write, chmod or chown them,
 * create names inside protected directories, or stat them, as the vector
 * says. A check on the path string before the call is always racy (the
 * working directory, a directory fd, a symbolic link, a mount or a rename
 * can change between the check and the call's own lookup), so the
 * decision is made where the kernel's LSMs make theirs: after the call has
 * resolved its objects, on the dentries it will act on. Modules cannot add
 * LSM hooks; a kprobe at the entry of each security_* function below sends
 * a refused call to sysvec_guard_deny(), which returns the vector's errno
 * in place of the function, as an LSM that refuses would. With
 * CONFIG_SECURITY_PATH (Debian's kernels) these are:
 *
 *	security_path_unlink, _rmdir	remove
 *	security_path_rename		rename, create (into a protected dir)
 *	security_path_link		link, create
 *	security_path_mkdir, _mknod,	create (mknod also for open O_CREAT)
 *	  _symlink
 *	security_path_truncate		truncate (6.1: truncate(), open O_TRUNC,
 *					ftruncate of a file open for writing)
 *	security_file_truncate		truncate (6.2 and later: ftruncate,
 *					open O_TRUNC)
 *	security_file_open		write (open for writing)
 *	security_path_chmod, _chown	attr
 *	security_inode_getattr		stat
 *
 * What is protected: each path names an object (followed if it is a
 * symbolic link) and a name in a directory. A dentry is protected when it
 * is such an object or lies below one, when it carries a protected name in
 * that directory (so a file an outside process replaced, for example by a
 * rename over it, stays protected), or, for files, when it is another hard
 * link of a protected inode. Removing or renaming a directory above a
 * protected object is refused too. The objects are resolved when the
 * vector registers and again at every ATTACH of it (sysvec_guard_attach()),
 * in the caller's mount namespace; references to them are held, so their
 * file systems cannot be unmounted while the vector is loaded.
 *
 * Limits: a file system mounted below a protected directory is not
 * protected (dentries do not cross mounts; mount is for the profile to
 * deny); extended attributes and timestamps are not guarded.
 *
 * What this file owns, and what protects it:
 *  - a vector's resolved set (vec->prot): an RCU pointer. The probes run
 *    with preemption disabled and read it, and the dentries' parents and
 *    names, under RCU, without rename_lock, whose readers may sleep on
 *    PREEMPT_RT. A rename running at the same moment on another CPU can
 *    make one walk miss; a confined task cannot cause such a rename on the
 *    way to a protected object, since renaming anything at, below or above
 *    one is refused. The set is replaced by ATTACH under
 *    sysvec_attach_mutex, holding a reference on the vector; a vector that
 *    no one holds (being registered or unregistered) has no other writer.
 *    An old set is freed (with its path references) by a work item on
 *    sysvec_guard_wq after a grace period.
 *  - the kprobes (sysvec_guard_sites): registered and removed under
 *    sysvec_attach_mutex.
 *  - a thread's @guard_errno: only the thread itself, whose kprobe sets it
 *    for the sysvec_guard_deny() it sends the call to.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/sched/task_stack.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <asm/syscall.h>
#include "internal.h"

/* The deepest directory walk; a dentry chain always ends at a root. */
#define SYSVEC_GUARD_DEPTH	4096

/**
 * struct sysvec_prot_obj - one protected path, resolved
 * @obj:	the object it names (followed), if it exists
 * @parent:	the directory holding its last component, if it exists
 * @name:	that last component (points into the vector's copy)
 */
struct sysvec_prot_obj {
	struct path obj;
	struct path parent;
	const char *name;
};

/**
 * struct sysvec_prot_set - the resolved paths of a vector
 * @free:	frees the set and its references after a grace period
 * @nr:		number of @o
 * @o:		the paths, in the vector's order
 */
struct sysvec_prot_set {
	struct rcu_work free;
	u32 nr;
	struct sysvec_prot_obj o[];
};

static struct workqueue_struct *sysvec_guard_wq;

/*
 * For rcu_dereference_protected() of @vec->prot outside
 * sysvec_attach_mutex: its only writer, ATTACH (sysvec_guard_attach()),
 * holds a reference on @vec while it replaces the set. A vector nobody
 * holds (being compiled, unregistered or freed) has no writer.
 */
#define sysvec_prot_unheld(vec) \
	(!atomic_read(&(vec)->nr_tasks) && !atomic_read(&(vec)->nr_pending))

static const struct sysvec_guard_op_name {
	const char *name;
	u32 op;
} sysvec_guard_ops[] = {
#define SYSVEC_GUARD_OP(name, bit) { name, bit },
	SYSVEC_PROTECT_OPS(SYSVEC_GUARD_OP)
#undef SYSVEC_GUARD_OP
};

/**
 * sysvec_guard_op_name() - the name of a SYSVEC_PROT_* bit, for records
 * @op: one bit
 */
const char *sysvec_guard_op_name(u32 op)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(sysvec_guard_ops); i++)
		if (sysvec_guard_ops[i].op == op)
			return sysvec_guard_ops[i].name;
	return "?";
}

/* ---- the set of resolved objects ---- */

static void sysvec_prot_set_put_paths(struct sysvec_prot_set *s)
{
	u32 i;

	for (i = 0; i < s->nr; i++) {
		if (s->o[i].obj.dentry)
			path_put(&s->o[i].obj);
		if (s->o[i].parent.dentry)
			path_put(&s->o[i].parent);
	}
}

static void sysvec_prot_set_free_work(struct work_struct *work)
{
	struct sysvec_prot_set *s = container_of(to_rcu_work(work), struct sysvec_prot_set, free);

	sysvec_prot_set_put_paths(s);
	kfree(s);
}

/* Free @s once no probe can be reading it. */
static void sysvec_prot_set_release(struct sysvec_prot_set *s)
{
	if (!s)
		return;
	INIT_RCU_WORK(&s->free, sysvec_prot_set_free_work);
	queue_rcu_work(sysvec_guard_wq, &s->free);
}

/*
 * Resolve the vector's paths now, in current's mount namespace. A path
 * that does not exist (yet) protects its name if its directory exists.
 * Context: process context, may sleep.
 */
static struct sysvec_prot_set *sysvec_prot_set_resolve(const struct sysvec_vec *vec)
{
	struct sysvec_prot_set *s;
	char *dir;
	u32 i;

	s = kzalloc(struct_size(s, o, vec->nr_prot), GFP_KERNEL);
	dir = kmalloc(SYSVEC_PROTECT_PATH_MAX, GFP_KERNEL);
	if (!s || !dir) {
		kfree(s);
		kfree(dir);
		return NULL;
	}
	s->nr = vec->nr_prot;
	for (i = 0; i < s->nr; i++) {
		struct sysvec_prot_obj *o = &s->o[i];
		const char *path = vec->prot_paths[i];
		const char *slash = strrchr(path, '/');

		o->name = slash + 1;
		if (kern_path(path, LOOKUP_FOLLOW, &o->obj))
			o->obj.dentry = NULL;
		if (slash == path) {
			strscpy(dir, "/", SYSVEC_PROTECT_PATH_MAX);
		} else {
			memcpy(dir, path, slash - path);
			dir[slash - path] = '\0';
		}
		if (kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &o->parent))
			o->parent.dentry = NULL;
	}
	kfree(dir);
	return s;
}

/* Whether @path is absolute and plain: no "." or ".." parts, no "//", no trailing "/". */
static bool sysvec_prot_path_ok(const char *path)
{
	size_t len = strnlen(path, SYSVEC_PROTECT_PATH_MAX);
	const char *p;

	if (len < 2 || len >= SYSVEC_PROTECT_PATH_MAX || path[0] != '/' || path[len - 1] == '/')
		return false;
	for (p = path; *p; p++) {
		if (*p != '/')
			continue;
		if (p[1] == '/' || (p[1] == '.' && (p[2] == '/' || !p[2])) ||
		    (p[1] == '.' && p[2] == '.' && (p[3] == '/' || !p[3])))
			return false;
	}
	return true;
}

/**
 * sysvec_guard_compile() - check and copy a vector's protection
 * @vec: the vector being registered
 * @desc: its module's description
 *
 * Context: process context (registration), may sleep.
 * Return: 0, -EINVAL for a malformed protection, -ENOMEM.
 */
int sysvec_guard_compile(struct sysvec_vec *vec, const struct sysvec_vector *desc)
{
	const struct sysvec_protect *p = &desc->protect;
	u32 i, act = SYSVEC_RULE_ACTION(p->rule), err = SYSVEC_RULE_ERRNO(p->rule);
	int ret;

	if (!p->nr_paths && !p->paths && !p->ops && !p->rule)
		return 0;
	if (!p->nr_paths || p->nr_paths > SYSVEC_MAX_PROTECT || !p->paths || !p->ops ||
	    (p->ops & ~SYSVEC_PROT_ALL) ||
	    (act != SYSVEC_ACT_DENY && act != SYSVEC_ACT_DENY_LOG) ||
	    err < 1 || err > SYSVEC_MAX_ERRNO)
		return -EINVAL;
	for (i = 0; i < p->nr_paths; i++)
		if (!p->paths[i] || !sysvec_prot_path_ok(p->paths[i]))
			return -EINVAL;
	vec->prot_paths = kcalloc(p->nr_paths, sizeof(*vec->prot_paths), GFP_KERNEL);
	if (!vec->prot_paths)
		return -ENOMEM;
	vec->nr_prot = p->nr_paths;
	for (i = 0; i < p->nr_paths; i++) {
		vec->prot_paths[i] = kstrdup(p->paths[i], GFP_KERNEL);
		if (!vec->prot_paths[i]) {
			ret = -ENOMEM;
			goto out_free;
		}
	}
	vec->prot_ops = p->ops;
	vec->prot_errno = err;
	vec->prot_log = act == SYSVEC_ACT_DENY_LOG;
	RCU_INIT_POINTER(vec->prot, sysvec_prot_set_resolve(vec));
	if (!rcu_access_pointer(vec->prot)) {
		ret = -ENOMEM;
		goto out_free;
	}
	vec->flags |= SYSVEC_VECTOR_F_PROTECT;
	return 0;

out_free:
	sysvec_guard_free(vec);
	return ret;
}

/**
 * sysvec_guard_free() - drop a vector's protection
 * @vec: a vector no probe can see any more, or one never registered
 *
 * Context: process context (the references are put at once), or the
 * vector's RCU callback after sysvec_guard_release() took the set away.
 */
void sysvec_guard_free(struct sysvec_vec *vec)
{
	struct sysvec_prot_set *s = rcu_dereference_protected(vec->prot, sysvec_prot_unheld(vec));
	u32 i;

	if (s) {
		sysvec_prot_set_put_paths(s);
		kfree(s);
		RCU_INIT_POINTER(vec->prot, NULL);
	}
	for (i = 0; vec->prot_paths && i < vec->nr_prot; i++)
		kfree(vec->prot_paths[i]);
	kfree(vec->prot_paths);
	vec->prot_paths = NULL;
	vec->nr_prot = 0;
}

/**
 * sysvec_guard_release() - a vector leaves the registry
 * @vec: the vector
 *
 * Hands its resolved set to a work item that puts the references after a
 * grace period, since the vector itself is freed from an RCU callback,
 * where path_put() may not run.
 * Context: process context, under sysvec_registry_lock.
 */
void sysvec_guard_release(struct sysvec_vec *vec)
{
	struct sysvec_prot_set *s = rcu_dereference_protected(vec->prot, sysvec_prot_unheld(vec));

	RCU_INIT_POINTER(vec->prot, NULL);
	sysvec_prot_set_release(s);
}

/* ---- the decision ---- */

/* Whether dentry @a is called @name. RCU: @a may be renamed meanwhile. */
static bool sysvec_name_is(const struct dentry *a, const char *name)
{
	const unsigned char *n = READ_ONCE(a->d_name.name);
	size_t i;

	/* Stops at the first difference, so never reads past n's NUL. */
	for (i = 0; n[i] == (unsigned char)name[i]; i++)
		if (!name[i])
			return true;
	return false;
}

/*
 * Whether @d is a protected object, lies below one, carries a protected
 * name, or (@inode) is another link of a protected inode. RCU.
 */
static bool sysvec_prot_covers(const struct sysvec_prot_set *s, struct dentry *d, bool inode)
{
	struct dentry *a = d, *up;
	struct inode *ino = inode ? d_backing_inode(d) : NULL;
	u32 i, depth;

	if (ino)
		for (i = 0; i < s->nr; i++)
			if (s->o[i].obj.dentry && d_backing_inode(s->o[i].obj.dentry) == ino)
				return true;
	for (depth = 0; depth < SYSVEC_GUARD_DEPTH; depth++) {
		up = READ_ONCE(a->d_parent);
		for (i = 0; i < s->nr; i++) {
			const struct sysvec_prot_obj *o = &s->o[i];

			if (a == o->obj.dentry ||
			    (o->parent.dentry && up == o->parent.dentry && a != up &&
			     sysvec_name_is(a, o->name)))
				return true;
		}
		if (up == a)
			return false;
		a = up;
	}
	return true;	/* cannot tell: refuse */
}

/* Whether @d is a directory above @below (or @below itself). RCU. */
static bool sysvec_is_above(struct dentry *d, struct dentry *below)
{
	struct dentry *a = below, *up;
	u32 depth;

	if (!a)
		return false;
	for (depth = 0; depth < SYSVEC_GUARD_DEPTH; depth++) {
		if (a == d)
			return true;
		up = READ_ONCE(a->d_parent);
		if (up == a)
			return false;
		a = up;
	}
	return true;
}

/* Whether @d is above a protected object or name. RCU. */
static bool sysvec_prot_above(const struct sysvec_prot_set *s, struct dentry *d)
{
	u32 i;

	for (i = 0; i < s->nr; i++)
		if (sysvec_is_above(d, s->o[i].obj.dentry) ||
		    sysvec_is_above(d, s->o[i].parent.dentry))
			return true;
	return false;
}

/*
 * stat: only a call that names the object by path. fstat() of a file the
 * task has open, and the *at() calls with AT_EMPTY_PATH and an empty (or,
 * from 6.11, NULL) path, act on an fd and are let through.
 */
static bool sysvec_stat_on_fd(void)
{
	struct pt_regs *regs = current_pt_regs();
	u32 raw_nr = (u32)syscall_get_nr(current, regs), nr, flags_arg;
	enum sysvec_abi abi = sysvec_entry_abi(raw_nr, &nr);
	const char *name = sysvec_syscall_name(abi, nr);
	unsigned long args[6];
	char c;

	if (!strcmp(name, "fstat") || !strcmp(name, "fstat64") || !strcmp(name, "oldfstat"))
		return true;
	if (!strcmp(name, "newfstatat") || !strcmp(name, "fstatat64"))
		flags_arg = 3;
	else if (!strcmp(name, "statx"))
		flags_arg = 2;
	else
		return false;
	sysvec_get_args(regs, abi, args);
	if (!(args[flags_arg] & AT_EMPTY_PATH))
		return false;
	/*
	 * Kernels from 6.11 take NULL for the empty path (vfs_empty_path());
	 * older ones fail such a call with EFAULT before it gets here.
	 */
	if (!args[1])
		return true;
	/* the kernel has just copied it, so it is resident */
	return !copy_from_user_nofault(&c, (const char __user *)args[1], 1) && !c;
}

/* In place of a security_* function for a refused call. */
static int sysvec_guard_deny(void)
{
	struct sysvec_task *t;
	int err = EPERM;

	rcu_read_lock();
	t = sysvec_task_find(current);
	if (t && t->guard_errno)
		err = t->guard_errno;
	rcu_read_unlock();
	return -err;
}

/*
 * The common part of the pre-handlers: @op on @d1 (and @d2), with @above
 * also refusing directories above a protected object. Returns 1 with the
 * call sent to sysvec_guard_deny(), or 0 to let it run.
 */
static int sysvec_guard_decide(struct pt_regs *regs, u32 op, struct dentry *d1,
			       struct dentry *d2, bool above, bool inode)
{
	const struct sysvec_prot_set *s;
	const struct sysvec_vec *vec;
	struct sysvec_task *t;
	bool hit = false, complain;

	rcu_read_lock();
	t = sysvec_task_find(current);
	if (likely(!t))
		goto out_unlock;
	vec = sysvec_deref(t->vec);
	if (!(vec->prot_ops & op))
		goto out_unlock;
	s = sysvec_deref(vec->prot);
	if (!s)
		goto out_unlock;
	hit = (d1 && (sysvec_prot_covers(s, d1, inode) || (above && sysvec_prot_above(s, d1)))) ||
	      (d2 && (sysvec_prot_covers(s, d2, inode) || (above && sysvec_prot_above(s, d2))));
	if (hit && op == SYSVEC_PROT_STAT && sysvec_stat_on_fd())
		hit = false;
	if (!hit)
		goto out_unlock;
	complain = READ_ONCE(t->flags) & SYSVEC_T_COMPLAIN;
	if (complain)
		atomic_long_inc(&sysvec_stats.complained);
	else
		atomic_long_inc(&sysvec_stats.protect_denied);
	if (vec->prot_log || complain)
		sysvec_audit_save_protect(t, vec, op, complain);
	if (complain) {
		hit = false;
		goto out_unlock;
	}
	t->guard_errno = vec->prot_errno;
out_unlock:
	rcu_read_unlock();
	if (!hit)
		return 0;
	instruction_pointer_set(regs, (unsigned long)sysvec_guard_deny);
	return 1;	/* resume there, without single-stepping the original */
}

#define ARG(n)	regs_get_kernel_argument(regs, n)

/* security_path_unlink(dir, dentry), security_path_rmdir(dir, dentry) */
static int sysvec_guard_remove(struct kprobe *kp, struct pt_regs *regs)
{
	return sysvec_guard_decide(regs, SYSVEC_PROT_REMOVE, (struct dentry *)ARG(1), NULL,
				   true, true);
}

/* security_path_rename(old_dir, old_dentry, new_dir, new_dentry, flags) */
static int sysvec_guard_rename(struct kprobe *kp, struct pt_regs *regs)
{
	struct dentry *from = (struct dentry *)ARG(1), *to = (struct dentry *)ARG(3);

	if (sysvec_guard_decide(regs, SYSVEC_PROT_RENAME, from, to, true, true))
		return 1;
	/* moving a name into a protected directory creates one there */
	return sysvec_guard_decide(regs, SYSVEC_PROT_CREATE, to, NULL, false, false);
}

/* security_path_link(old_dentry, new_dir, new_dentry) */
static int sysvec_guard_link(struct kprobe *kp, struct pt_regs *regs)
{
	if (sysvec_guard_decide(regs, SYSVEC_PROT_LINK, (struct dentry *)ARG(0), NULL,
				false, true))
		return 1;
	return sysvec_guard_decide(regs, SYSVEC_PROT_CREATE, (struct dentry *)ARG(2), NULL,
				   false, false);
}

/* security_path_mkdir(dir, dentry, mode), _mknod(dir, dentry, mode, dev), _symlink(dir, dentry, old) */
static int sysvec_guard_create(struct kprobe *kp, struct pt_regs *regs)
{
	return sysvec_guard_decide(regs, SYSVEC_PROT_CREATE, (struct dentry *)ARG(1), NULL,
				   false, false);
}

/* security_path_truncate(path) */
static int sysvec_guard_truncate(struct kprobe *kp, struct pt_regs *regs)
{
	const struct path *path = (const struct path *)ARG(0);

	return sysvec_guard_decide(regs, SYSVEC_PROT_TRUNCATE, path->dentry, NULL, false, true);
}

/* security_file_truncate(file) (6.2 and later: ftruncate, open O_TRUNC) */
static int sysvec_guard_ftruncate(struct kprobe *kp, struct pt_regs *regs)
{
	const struct file *file = (const struct file *)ARG(0);

	return sysvec_guard_decide(regs, SYSVEC_PROT_TRUNCATE, file->f_path.dentry, NULL,
				   false, true);
}

/* security_file_open(file): only opens for writing */
static int sysvec_guard_open(struct kprobe *kp, struct pt_regs *regs)
{
	const struct file *file = (const struct file *)ARG(0);

	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	return sysvec_guard_decide(regs, SYSVEC_PROT_WRITE, file->f_path.dentry, NULL,
				   false, true);
}

/* security_path_chmod(path, mode), security_path_chown(path, uid, gid) */
static int sysvec_guard_attr(struct kprobe *kp, struct pt_regs *regs)
{
	const struct path *path = (const struct path *)ARG(0);

	return sysvec_guard_decide(regs, SYSVEC_PROT_ATTR, path->dentry, NULL, false, true);
}

/* security_inode_getattr(path) */
static int sysvec_guard_stat(struct kprobe *kp, struct pt_regs *regs)
{
	const struct path *path = (const struct path *)ARG(0);

	return sysvec_guard_decide(regs, SYSVEC_PROT_STAT, path->dentry, NULL, false, true);
}

#undef ARG

/*
 * The pre-handlers read the arguments by position: a kernel that changes
 * one of these prototypes must fail to build, not be misread.
 */
#define SYSVEC_PROTO(fn, ...) static_assert(__same_type(fn, int (__VA_ARGS__)))
SYSVEC_PROTO(security_path_unlink, const struct path *, struct dentry *);
SYSVEC_PROTO(security_path_rmdir, const struct path *, struct dentry *);
SYSVEC_PROTO(security_path_rename, const struct path *, struct dentry *,
	     const struct path *, struct dentry *, unsigned int);
SYSVEC_PROTO(security_path_link, struct dentry *, const struct path *, struct dentry *);
SYSVEC_PROTO(security_path_mkdir, const struct path *, struct dentry *, umode_t);
SYSVEC_PROTO(security_path_mknod, const struct path *, struct dentry *, umode_t,
	     unsigned int);
SYSVEC_PROTO(security_path_symlink, const struct path *, struct dentry *, const char *);
SYSVEC_PROTO(security_path_truncate, const struct path *);
SYSVEC_PROTO(security_file_open, struct file *);
SYSVEC_PROTO(security_path_chmod, const struct path *, umode_t);
SYSVEC_PROTO(security_path_chown, const struct path *, kuid_t, kgid_t);
SYSVEC_PROTO(security_inode_getattr, const struct path *);
#undef SYSVEC_PROTO

static struct sysvec_kprobe_site sysvec_guard_sites[] = {
	{ "security_path_unlink", sysvec_guard_remove },
	{ "security_path_rmdir", sysvec_guard_remove },
	{ "security_path_rename", sysvec_guard_rename },
	{ "security_path_link", sysvec_guard_link },
	{ "security_path_mkdir", sysvec_guard_create },
	{ "security_path_mknod", sysvec_guard_create },
	{ "security_path_symlink", sysvec_guard_create },
	{ "security_path_truncate", sysvec_guard_truncate },
	{ "security_file_truncate", sysvec_guard_ftruncate, .optional = true },
	{ "security_file_open", sysvec_guard_open },
	{ "security_path_chmod", sysvec_guard_attr },
	{ "security_path_chown", sysvec_guard_attr },
	{ "security_inode_getattr", sysvec_guard_stat },
};

/**
 * sysvec_guard_attach() - a vector that protects files is being attached
 * @vec: the vector
 *
 * Puts the probes in place if they are not, and resolves the vector's
 * paths again, so that what the paths name now is what is protected.
 * Context: process context, under sysvec_attach_mutex.
 * Return: 0; -EOPNOTSUPP if this kernel cannot probe one of the checks
 * (the vector is then never attached without them); -ENOMEM.
 */
int sysvec_guard_attach(struct sysvec_vec *vec)
{
	struct sysvec_prot_set *s, *old;
	int ret;

	lockdep_assert_held(&sysvec_attach_mutex);
	if (!vec->nr_prot)
		return 0;
	ret = sysvec_kprobe_sites_register(sysvec_guard_sites, ARRAY_SIZE(sysvec_guard_sites),
					   "vectors that protect files cannot be attached");
	if (ret)
		return ret;
	s = sysvec_prot_set_resolve(vec);
	if (!s)
		return -ENOMEM;
	old = rcu_replace_pointer(vec->prot, s, lockdep_is_held(&sysvec_attach_mutex));
	sysvec_prot_set_release(old);
	return 0;
}

/**
 * sysvec_guard_unregister() - remove the probes
 *
 * Called with the tracepoint probes' removal, when no task has a vector.
 * Context: process context, under sysvec_attach_mutex.
 */
void sysvec_guard_unregister(void)
{
	lockdep_assert_held(&sysvec_attach_mutex);
	sysvec_kprobe_sites_unregister(sysvec_guard_sites, ARRAY_SIZE(sysvec_guard_sites));
}

int sysvec_guard_init(void)
{
	sysvec_guard_wq = alloc_workqueue("sysvec_guard", 0, 0);
	return sysvec_guard_wq ? 0 : -ENOMEM;
}

/* After every vector is gone: wait for the sets still being freed. */
void sysvec_guard_exit(void)
{
	rcu_barrier();		/* queue_rcu_work() callbacks have queued their work */
	destroy_workqueue(sysvec_guard_wq);	/* drains it */
}
