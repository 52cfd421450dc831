// SPDX-License-Identifier: GPL-2.0
/*
 * Wrap handler of the protect-files profile: fail the call with EACCES
 * when one of its paths names a protected file (PROTECTED_PATHS), a file
 * below a protected directory, or another name (hard link) of a protected
 * file, however the path is spelt: relative, through "..", a directory fd
 * or a symbolic link the call follows.
 *
 * Built into the vector module beside the generated vector.c. The rules
 * use paths: true, so the handler decides on the kernel's copy of the
 * paths, and the call, if it runs, uses that same copy: another thread
 * rewriting the path after the check changes nothing.
 *
 * Known limit: the handler resolves the path, and the call resolves it
 * again. A process that can change the directories on the way (rename a
 * directory, swap a symbolic link) between the two lookups can make them
 * reach different files; protect the directories that lead to the files
 * from such changes (for example by listing them too).
 */
#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/string.h>
#include "sysvec_vector.h"

static const char *const PROTECTED_PATHS[] = {
	"/etc/passwd",
	"/etc/shadow",
	"/etc/sysvec",
};

/* Whether @obj is a protected file, below a protected directory, or a link. */
static bool protect_files_match(const struct path *obj)
{
	struct path prot;
	bool hit;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(PROTECTED_PATHS); i++) {
		if (kern_path(PROTECTED_PATHS[i], LOOKUP_FOLLOW, &prot))
			continue;	/* absent here: nothing to protect */
		hit = d_backing_inode(obj->dentry) == d_backing_inode(prot.dentry) ||
		      is_subdir(obj->dentry, prot.dentry);
		path_put(&prot);
		if (hit)
			return true;
	}
	return false;
}

/* Whether the call follows a symbolic link in the last component. */
static bool protect_files_follows(struct sysvec_call *call)
{
	const char *name = sysvec_call_name(call);

	if (!strcmp(name, "stat") || !strcmp(name, "stat64") || !strcmp(name, "oldstat"))
		return true;
	if (!strcmp(name, "newfstatat") || !strcmp(name, "fstatat64"))
		return !(sysvec_call_arg(call, 3) & AT_SYMLINK_NOFOLLOW);
	if (!strcmp(name, "statx"))
		return !(sysvec_call_arg(call, 2) & AT_SYMLINK_NOFOLLOW);
	return false;	/* lstat, unlink, rename act on the name itself */
}

/* Whether path @n of the call reaches a protected file. */
static bool protect_files_path(struct sysvec_call *call, unsigned int n)
{
	unsigned int flags = protect_files_follows(call) ? SYSVEC_PATH_FOLLOW : 0;
	struct path obj;
	bool hit;
	int ret;

	ret = sysvec_call_path_lookup(call, n, flags, &obj);
	if (ret == -ENOENT) {
		/* not there (a rename's new name): its directory decides */
		ret = sysvec_call_path_lookup(call, n, SYSVEC_PATH_PARENT, &obj);
	}
	if (ret == -ENOENT || ret == -ENOTDIR)
		return false;	/* the call fails the same lookup */
	if (ret)
		return true;	/* cannot tell: refuse */
	hit = protect_files_match(&obj);
	path_put(&obj);
	return hit;
}

long protect_files_check(struct sysvec_call *call);
long protect_files_check(struct sysvec_call *call)
{
	unsigned int n;

	/* rename and friends have two paths: protect both ends */
	for (n = 0; sysvec_call_path(call, n); n++)
		if (protect_files_path(call, n))
			return -EACCES;
	return 0;
}
