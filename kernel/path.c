// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: path wraps that the caller cannot race.
 *
 * A wrap that reads a path from user memory, decides, and then lets the
 * call read the path again can be fooled: another thread rewrites the
 * buffer in between. So an F_PATHS wrap works like this:
 *
 *  1. The hook's task_work copies each path argument into the kernel,
 *     once (sysvec_paths_copy()), and the pre-handler decides on those
 *     copies (sysvec_call_path(), sysvec_call_path_lookup()).
 *  2. If it lets the call run, the call is issued again (hook.c) and, from
 *     its entry until the thread's next syscall entry, the copies are
 *     "live": whenever the kernel copies a string from one of the
 *     recorded user addresses for that thread, it gets the checked copy
 *     instead of the user memory.
 *
 * The string alone does not say what a relative path names: that also
 * depends on the working directory, or on the directory fd of an *at()
 * call, and either can change between the decision and the re-issued
 * call (a signal handler runs in between; another thread shares the
 * working directory and the fd table; dup2() replaces a directory fd).
 * So the copy of a relative path is made absolute when it is taken
 * (sysvec_path_absolute()): the base directory is resolved then, named
 * with d_path() (from current's root, as the call resolves a name that
 * starts with '/'), and the copy becomes "<base>/<path>". The handler and
 * the call both use that string, and an absolute path ignores the
 * directory fd. Cases that follow from it, each deciding before the
 * handler runs, as the call itself would:
 *  - a base that cannot be named fails the call: a bad fd (EBADF), an fd
 *    that is not a directory (ENOTDIR), a removed directory, one outside
 *    current's root or hidden by a mount, whose name leads elsewhere
 *    (ENOENT), a name too long (ENAMETOOLONG); and one whose ancestors
 *    current may not search fails with the lookup's error (EACCES),
 *    which the call on the absolute name would give;
 *  - an empty path (AT_EMPTY_PATH: the directory fd's own file) is left
 *    empty;
 *  - openat2() with RESOLVE_BENEATH or RESOLVE_IN_ROOT resolves even an
 *    absolute path below its directory fd, so no string stands for it:
 *    it fails with EXDEV (RESOLVE_BENEATH's error for a path leaving it);
 *  - a rename whose two paths are one user string (renameat(a, p, b, p))
 *    but name different files fails with EXDEV (programs moving files
 *    copy them then): the probe knows a copy only by its user address,
 *    and the kernel copies the two names in no defined order.
 * What remains is the ordinary limit of two lookups of one string: a
 * directory on the path renamed, or a symbolic link swapped, between the
 * handler's lookup and the call's; and, for a caller allowed them,
 * chroot() and mount() (by a signal handler or a thread sharing current's
 * fs), which change what an absolute name means. A protection that must
 * hold whatever the caller does is decided on the objects the call
 * resolved (guard.c, "protect:" in profiles), not by a wrap.
 *
 * Every path call in SYSVEC_PATH_CALLS copies its paths with
 * strncpy_from_user() (from getname_flags(), whatever the compiler inlined
 * around it), a real, exported function in its own file. The compiler
 * cannot inline it into fs/namei.c, but lib/ is built without ftrace
 * entries, so a kprobe at its entry (sysvec_kprobe_redirect()) sends
 * those copies to sysvec_strncpy_copy(). The checked string is what
 * the call resolves, so the decision and the operation are about the same
 * path.
 *
 * The probe costs every strncpy_from_user() on the machine a breakpoint
 * and a lookup in the task map, so it is registered only once a vector
 * with path wraps is attached, and removed together with the tracepoint
 * probes (probe_register.c), when no task has sysvec state.
 *
 * What this file owns, and what protects it:
 *  - a thread's path copies (sysvec_task.paths): only the thread writes
 *    them (its task_work copies them, its sys_enter probe makes them live
 *    and ends that); the strncpy_from_user() kprobe reads them, for
 *    current only, under RCU, and they are freed with the object after a
 *    grace period;
 *  - the kprobe on strncpy_from_user() (sysvec_strncpy_site): registered
 *    and removed under sysvec_attach_mutex.
 * No other lock is taken here: d_path() and the lookups take what the VFS
 * needs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/openat2.h>
#include "internal.h"


/*
 * The directory a relative path argument @n is resolved from: the argument
 * before it for the *at calls (openat's dirfd), AT_FDCWD for the others.
 */
static int sysvec_call_path_dirfd(const struct sysvec_call *call, unsigned int n)
{
	unsigned int i = call->path_argi[n];

	if (i == 0 || (call->path_args & (1u << (i - 1))))
		return AT_FDCWD;
	return (int)call->args[i - 1];	/* the kernel takes an int */
}

/*
 * The directory a non-empty relative path argument @n starts from, as
 * path_init() takes it: current's working directory for AT_FDCWD, else
 * the directory fd's file (O_PATH ones too). Return: 0 with @base held,
 * -EBADF or -ENOTDIR.
 */
static int sysvec_path_base(const struct sysvec_call *call, unsigned int n,
			    struct path *base)
{
	int dfd = sysvec_call_path_dirfd(call, n);
	struct file *f;
	int ret = 0;

	if (dfd == AT_FDCWD) {
		get_fs_pwd(current->fs, base);
		return 0;
	}
	f = fget_raw(dfd);
	if (!f)
		return -EBADF;
	if (d_can_lookup(f->f_path.dentry)) {
		*base = f->f_path;
		path_get(base);
	} else {
		ret = -ENOTDIR;
	}
	fput(f);
	return ret;
}

/**
 * sysvec_path_absolute() - the absolute name of a relative path argument
 * @call: the call
 * @n: which path argument
 * @name: the path, relative and not empty
 * @out: PATH_MAX bytes for "<base>/<name>"; may be @name itself
 * @scratch: PATH_MAX bytes to work in
 *
 * The base directory (sysvec_path_base()) is named with d_path(), from
 * current's root, and that name must lead back to it: a directory
 * removed, outside current's root (chroot), on a detached mount or
 * hidden by a mount has no name that a call could resolve.
 * Context: process context, may sleep.
 * Return: 0; -EBADF or -ENOTDIR for the directory fd; -ENOENT for a base
 * without a name; -ENAMETOOLONG when the result would not fit PATH_MAX;
 * or the error of looking the name up (such as -EACCES).
 */
static int sysvec_path_absolute(const struct sysvec_call *call, unsigned int n,
				const char *name, char *out, char *scratch)
{
	struct path base, back;
	size_t dlen, nlen;
	bool same;
	char *dir;
	int ret;

	ret = sysvec_path_base(call, n, &base);
	if (ret)
		return ret;
	ret = -ENOENT;
	if (d_unlinked(base.dentry))
		goto out;		/* d_path() would add " (deleted)" */
	dir = d_path(&base, scratch, PATH_MAX);
	if (IS_ERR(dir)) {
		ret = PTR_ERR(dir);
		goto out;
	}
	ret = -ENOENT;
	if (dir[0] != '/')
		goto out;		/* a pseudo file system's name */
	ret = kern_path(dir, 0, &back);
	if (ret)
		goto out;
	same = path_equal(&back, &base);
	path_put(&back);
	ret = -ENOENT;
	if (!same)
		goto out;
	dlen = strlen(dir);
	if (dlen == 1)
		dlen = 0;		/* the root: "/name", not "//name" */
	nlen = strlen(name);
	ret = -ENAMETOOLONG;
	if (dlen + 1 + nlen >= PATH_MAX)
		goto out;		/* as getname_flags() for a string this long */
	memmove(out + dlen + 1, name, nlen + 1);
	memcpy(out, dir, dlen);
	out[dlen] = '/';
	ret = 0;
out:
	path_put(&base);
	return ret;
}

/*
 * Whether the call is an openat2() that resolves its path below its
 * directory fd (RESOLVE_BENEATH, RESOLVE_IN_ROOT), absolute ones too. A
 * struct open_how the call would refuse (too small, unreadable) counts as
 * not: the call fails on it before it looks at the path.
 */
static bool sysvec_path_in_dirfd(const struct sysvec_call *call)
{
	const struct open_how __user *how;
	u64 resolve;

	if (strcmp(sysvec_syscall_name(call->abi, call->nr), "openat2"))
		return false;
	if (call->args[3] < offsetofend(struct open_how, resolve))
		return false;		/* EINVAL */
	how = (const struct open_how __user *)call->args[2];
	if (get_user(resolve, &how->resolve))
		return false;		/* EFAULT */
	return resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT);
}

/**
 * sysvec_paths_copy() - copy the path arguments of a hooked call
 * @t: the object of current
 * @call: the call; @call->paths is filled
 * @args: bits of the arguments that are paths (SYSVEC_PATH_CALLS)
 *
 * A relative path is copied as an absolute one (sysvec_path_absolute()),
 * so that the base directory it had now is the one the handler and the
 * call both use; an empty path stays empty.
 * Context: the thread's task_work (process context, may sleep).
 * Return: 0; -ENOMEM; or the error the call itself would give for the
 * path: -EFAULT, -ENAMETOOLONG, and for a relative one -EBADF, -ENOTDIR,
 * -ENOENT, -EACCES (sysvec_path_absolute()); -EXDEV for a path resolved
 * below a directory fd, and for one user string standing for two names.
 */
int sysvec_paths_copy(struct sysvec_task *t, struct sysvec_call *call, u32 args)
{
	struct sysvec_paths *p = t->paths;
	unsigned int i, n = 0;
	char *scratch = NULL;
	int ret = 0;
	long len;

	if (!p) {
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		t->paths = p;	/* freed with the object */
	}
	WRITE_ONCE(p->live, false);
	call->nr_paths = 0;
	call->path_args = args;
	for (i = 0; i < ARRAY_SIZE(call->args) && args; i++) {
		if (!(args & (1u << i)))
			continue;
		args &= ~(1u << i);
		ret = -EINVAL;
		if (n == SYSVEC_CALL_MAX_PATHS)
			goto out;		/* not in SYSVEC_PATH_CALLS */
		ret = -ENOMEM;
		if (!p->buf[n]) {
			p->buf[n] = kmalloc(PATH_MAX, GFP_KERNEL);
			if (!p->buf[n])
				goto out;
		}
		p->uptr[n] = (const char __user *)call->args[i];
		len = strncpy_from_user(p->buf[n], p->uptr[n], PATH_MAX);
		if (len < 0) {
			ret = len;
			goto out;
		}
		ret = -ENAMETOOLONG;
		if (len == PATH_MAX)
			goto out;		/* as getname_flags() */
		call->path_argi[n] = i;
		if (len && sysvec_path_in_dirfd(call)) {
			ret = -EXDEV;
			goto out;
		}
		if (len && p->buf[n][0] != '/') {
			ret = -ENOMEM;
			if (!scratch)
				scratch = kmalloc(PATH_MAX, GFP_KERNEL);
			if (!scratch)
				goto out;
			ret = sysvec_path_absolute(call, n, p->buf[n], p->buf[n], scratch);
			if (ret)
				goto out;
		}
		call->paths[n] = p->buf[n];
		n++;
	}
	/* The probe tells copies apart by their user address only. */
	ret = -EXDEV;
	if (n == 2 && p->uptr[0] == p->uptr[1] && strcmp(p->buf[0], p->buf[1]))
		goto out;
	p->nr = n;
	call->nr_paths = n;
	ret = 0;
out:
	kfree(scratch);
	return ret;
}

/**
 * sysvec_paths_go_live() - the checked call runs now: serve the copies
 * @t: the object of current
 *
 * Context: the sys_enter probe of the call's entry.
 */
void sysvec_paths_go_live(struct sysvec_task *t)
{
	if (t->paths)
		WRITE_ONCE(t->paths->live, true);
}

/* The copy that stands for the user string @src, or NULL. Under RCU. */
static const char *sysvec_paths_find(const char __user *src)
{
	struct sysvec_task *t = sysvec_task_find(current);
	struct sysvec_paths *p;
	unsigned int i;

	if (!t)
		return NULL;
	p = READ_ONCE(t->paths);
	if (!p || !READ_ONCE(p->live))
		return NULL;
	for (i = 0; i < p->nr; i++)
		if (p->uptr[i] == src)
			return p->buf[i];
	return NULL;
}

/*
 * What strncpy_from_user() returns for the string @src: at most @count
 * bytes, the length without the NUL, or @count when there was no NUL in
 * them.
 */
static long sysvec_strncpy_copy(char *dst, const char __user *src, long count)
{
	const char *copy;
	size_t len;
	long ret;

	preempt_disable_notrace();	/* RCU read side: the map and @paths */
	copy = sysvec_paths_find(src);
	if (copy) {
		if (count <= 0) {
			ret = 0;
		} else {
			len = strnlen(copy, count);
			memcpy(dst, copy, len < count ? len + 1 : count);
			ret = len;
		}
	}
	preempt_enable_notrace();
	if (copy)
		return ret;
	/* Nothing live any more (DETACH took the object away): the real one. */
	return strncpy_from_user(dst, src, count);
}

/*
 * The kprobe at the entry of strncpy_from_user(): send a copy of a live
 * user address to sysvec_strncpy_copy(), which then runs with the caller's
 * arguments and returns to the caller. Runs with preemption disabled.
 */
static int sysvec_strncpy_pre(struct kprobe *kp, struct pt_regs *regs)
{
	unsigned long caller = *(unsigned long *)kernel_stack_pointer(regs);

	/* sysvec_strncpy_copy() and sysvec_paths_copy() call the real one. */
	if (within_module(caller, THIS_MODULE))
		return 0;
	if (!sysvec_paths_find((const char __user *)regs->si))
		return 0;
	instruction_pointer_set(regs, (unsigned long)sysvec_strncpy_copy);
	return 1;	/* resume there, without single-stepping the original */
}

/* sysvec_strncpy_pre() reads @src from the second argument register. */
static_assert(__same_type(strncpy_from_user, sysvec_strncpy_copy));

static struct sysvec_kprobe_site sysvec_strncpy_site = {
	.sym = "strncpy_from_user",
	.pre = sysvec_strncpy_pre,
};

/**
 * sysvec_paths_register() - make sure the strncpy_from_user() probe is in place
 *
 * Context: process context, under sysvec_attach_mutex.
 * Return: 0, or -EOPNOTSUPP if this kernel cannot probe it: path wraps are
 * then never enforced without their checks.
 */
int sysvec_paths_register(void)
{
	lockdep_assert_held(&sysvec_attach_mutex);
	return sysvec_kprobe_sites_register(&sysvec_strncpy_site, 1,
					    "vectors with path wraps cannot be attached");
}

/**
 * sysvec_paths_unregister() - remove the strncpy_from_user() probe
 *
 * Called with the tracepoint probes' removal, when no task has sysvec
 * state and so no copy can be live.
 * Context: process context, under sysvec_attach_mutex.
 */
void sysvec_paths_unregister(void)
{
	lockdep_assert_held(&sysvec_attach_mutex);
	sysvec_kprobe_sites_unregister(&sysvec_strncpy_site, 1);
}

/**
 * sysvec_paths_free() - free the copies of an object
 * @p: its @paths, or NULL
 *
 * Context: the object's RCU callback.
 */
void sysvec_paths_free(struct sysvec_paths *p)
{
	if (!p)
		return;
	kfree(p->buf[0]);
	kfree(p->buf[1]);
	kfree(p);
}

/**
 * sysvec_call_path() - a path argument of the call, as copied for the call
 * @call: the call
 * @n: 0 for the first path argument, 1 for the second (rename)
 *
 * Only wraps with SYSVEC_HOOK_F_PATHS see paths. The string is the one the
 * call will use if the handler lets it run.
 * Context: a hook handler.
 * Return: the path, or NULL if there is no such path argument.
 */
const char *sysvec_call_path(const struct sysvec_call *call, unsigned int n)
{
	return n < call->nr_paths ? call->paths[n] : NULL;
}
EXPORT_SYMBOL_GPL(sysvec_call_path);

/*
 * The directory part of @name in @buf ("." when it has none; "/" for a name
 * in the root): "a/b/" gives "a", "/x" gives "/". Return: @buf.
 */
static char *sysvec_path_parent(const char *name, char *buf)
{
	size_t len = strlen(name);

	while (len > 1 && name[len - 1] == '/')
		len--;			/* trailing slashes name the same entry */
	while (len && name[len - 1] != '/')
		len--;			/* the last component */
	while (len > 1 && name[len - 1] == '/')
		len--;			/* the slashes before it */
	if (!len)
		return strcpy(buf, ".");
	memcpy(buf, name, len);
	buf[len] = '\0';
	return buf;
}

/**
 * sysvec_call_path_lookup() - resolve a path argument, as the call would
 * @call: the call
 * @n: which path argument (see sysvec_call_path())
 * @flags: SYSVEC_PATH_FOLLOW: follow a symbolic link in the last
 *	component; SYSVEC_PATH_PARENT: resolve the directory that holds the
 *	last component instead (for a name that does not exist yet)
 * @path: the result, to be released with path_put()
 *
 * The copies of relative paths are already absolute (sysvec_paths_copy()),
 * so the base directory cannot change between this lookup and the call's;
 * an empty path with a directory argument is that directory's file. The
 * call resolves the same string again when it runs, so a handler deciding
 * on the object must accept that the file system may change in between
 * (a directory renamed, a symbolic link replaced, as for any two lookups);
 * the string itself cannot.
 * Context: a hook handler (process context, may sleep).
 * Return: 0, -ENOENT if there is no such argument, -EINVAL for unknown
 * @flags, -EBADF or -ENOTDIR for a bad directory fd, -ENOMEM, or the
 * lookup's error.
 */
int sysvec_call_path_lookup(const struct sysvec_call *call, unsigned int n,
			    unsigned int flags, struct path *path)
{
	unsigned int lookup = (flags & SYSVEC_PATH_FOLLOW) ? LOOKUP_FOLLOW : 0;
	const char *name = sysvec_call_path(call, n);
	char *pbuf = NULL, *full = NULL, *scratch = NULL;
	struct file *f;
	int dfd, ret;

	if (!name)
		return -ENOENT;
	if (flags & ~(SYSVEC_PATH_FOLLOW | SYSVEC_PATH_PARENT))
		return -EINVAL;
	ret = -ENOMEM;
	pbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	full = kmalloc(PATH_MAX, GFP_KERNEL);
	scratch = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!pbuf || !full || !scratch)
		goto out;
	if (flags & SYSVEC_PATH_PARENT) {
		name = sysvec_path_parent(name, pbuf);	/* "" gives "." */
		lookup = LOOKUP_FOLLOW;
	}
	dfd = sysvec_call_path_dirfd(call, n);
	if (name[0] == '/' || dfd == AT_FDCWD) {
		ret = kern_path(name, lookup, path);	/* "" is ENOENT */
		goto out;
	}
	if (!name[0]) {
		/* The directory fd's own file (AT_EMPTY_PATH), O_PATH ones too. */
		ret = -EBADF;
		f = fget_raw(dfd);
		if (!f)
			goto out;
		*path = f->f_path;
		path_get(path);
		fput(f);
		ret = 0;
		goto out;
	}
	/*
	 * Relative to a directory fd (only the parent of an empty path gets
	 * here): its absolute name plus the path, so that ".." leaves it as
	 * in the call (vfs_path_lookup() would not).
	 */
	ret = sysvec_path_absolute(call, n, name, full, scratch);
	if (!ret)
		ret = kern_path(full, lookup, path);
out:
	kfree(scratch);
	kfree(full);
	kfree(pbuf);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_call_path_lookup);
