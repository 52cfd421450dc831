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
 * probes (probe.c), when no task has sysvec state; both under
 * sysvec_attach_mutex.
 *
 * The copies belong to the thread's struct sysvec_task (@paths); only the
 * thread writes them, and they are freed with the object after an RCU
 * grace period, so the hook may read them under RCU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "internal.h"

static bool sysvec_paths_on;	/* under sysvec_attach_mutex */

/**
 * sysvec_paths_copy() - copy the path arguments of a hooked call
 * @t: the object of current
 * @call: the call; @call->paths is filled
 * @args: bits of the arguments that are paths (SYSVEC_PATH_CALLS)
 *
 * Context: the thread's task_work (process context, may sleep).
 * Return: 0; -ENOMEM; or the error the call itself would give for the
 * path: -EFAULT, -ENAMETOOLONG.
 */
int sysvec_paths_copy(struct sysvec_task *t, struct sysvec_call *call, u32 args)
{
	struct sysvec_paths *p = t->paths;
	unsigned int i, n = 0;
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
		if (n == SYSVEC_CALL_MAX_PATHS)
			return -EINVAL;		/* not in SYSVEC_PATH_CALLS */
		if (!p->buf[n]) {
			p->buf[n] = kmalloc(PATH_MAX, GFP_KERNEL);
			if (!p->buf[n])
				return -ENOMEM;
		}
		p->uptr[n] = (const char __user *)call->args[i];
		len = strncpy_from_user(p->buf[n], p->uptr[n], PATH_MAX);
		if (len < 0)
			return len;
		if (len == PATH_MAX)
			return -ENAMETOOLONG;	/* as getname_flags() */
		call->path_argi[n] = i;
		call->paths[n] = p->buf[n];
		n++;
	}
	p->nr = n;
	call->nr_paths = n;
	return 0;
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

static struct kprobe sysvec_strncpy_kp;

/**
 * sysvec_paths_register() - make sure the strncpy_from_user() probe is in place
 *
 * Context: process context, under sysvec_attach_mutex.
 * Return: 0, or -EOPNOTSUPP if this kernel cannot probe it: path wraps are
 * then never enforced without their checks.
 */
int sysvec_paths_register(void)
{
	int ret;

	lockdep_assert_held(&sysvec_attach_mutex);
	if (sysvec_paths_on)
		return 0;
	ret = sysvec_kprobe_redirect(&sysvec_strncpy_kp, "strncpy_from_user",
				     sysvec_strncpy_pre);
	if (ret) {
		pr_err("cannot probe strncpy_from_user (%d): vectors with path wraps cannot be attached\n",
		       ret);
		return -EOPNOTSUPP;
	}
	sysvec_paths_on = true;
	return 0;
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
	if (!sysvec_paths_on)
		return;
	unregister_kprobe(&sysvec_strncpy_kp);	/* waits for running handlers */
	sysvec_paths_on = false;
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
 * Resolves the copied path from the current directory, or from the
 * call's directory argument for the *at calls; an empty path with a
 * directory argument is that directory's file. The call resolves the same
 * string again when it runs, so a handler deciding on the object must
 * accept that the file system may change in between (as for any two
 * lookups); the string itself cannot.
 * Context: a hook handler (process context, may sleep).
 * Return: 0, -ENOENT if there is no such argument, -EINVAL for unknown
 * @flags, -EXDEV for a directory fd that has no name (outside the caller's
 * root, or removed), -ENOMEM, or the lookup's error.
 */
int sysvec_call_path_lookup(const struct sysvec_call *call, unsigned int n,
			    unsigned int flags, struct path *path)
{
	unsigned int lookup = (flags & SYSVEC_PATH_FOLLOW) ? LOOKUP_FOLLOW : 0;
	const char *name = sysvec_call_path(call, n);
	char *pbuf = NULL, *dbuf = NULL, *full = NULL, *dir;
	struct file *f = NULL;
	int dfd, ret;

	if (!name)
		return -ENOENT;
	if (flags & ~(SYSVEC_PATH_FOLLOW | SYSVEC_PATH_PARENT))
		return -EINVAL;
	ret = -ENOMEM;
	pbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	dbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	full = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!pbuf || !dbuf || !full)
		goto out;
	if (flags & SYSVEC_PATH_PARENT) {
		name = sysvec_path_parent(name, pbuf);
		lookup = LOOKUP_FOLLOW;
	}
	dfd = sysvec_call_path_dirfd(call, n);
	if (name[0] == '/' || dfd == AT_FDCWD) {
		ret = kern_path(name, lookup, path);
		goto out;
	}

	/*
	 * Relative to a directory fd: its absolute name plus the path, so
	 * that ".." leaves it as in the call (vfs_path_lookup() would not).
	 */
	ret = -EBADF;
	f = fget(dfd);
	if (!f)
		goto out;
	if (!name[0]) {
		*path = f->f_path;
		path_get(path);
		ret = 0;
		goto out;
	}
	dir = d_path(&f->f_path, dbuf, PATH_MAX);
	ret = PTR_ERR_OR_ZERO(dir);
	if (ret)
		goto out;
	/*
	 * A directory outside the caller's root, or removed (whose ".." still
	 * works), has no name to resolve from.
	 */
	ret = -EXDEV;
	if (dir[0] != '/' || d_unlinked(f->f_path.dentry))
		goto out;
	ret = -ENAMETOOLONG;
	if (snprintf(full, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		goto out;
	ret = kern_path(full, lookup, path);
out:
	if (f)
		fput(f);
	kfree(full);
	kfree(dbuf);
	kfree(pbuf);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_call_path_lookup);
