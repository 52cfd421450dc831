// SPDX-License-Identifier: GPL-2.0
/*
 * Wrap handler of the protect-files profile: deny the call when its path is
 * one of PROTECTED_PATHS.
 *
 * Built into the vector module beside the generated vector.c. The hook
 * runtime calls the handler before the syscall with the call's arguments
 * already copied into the kernel; a negative return fails the call with
 * that errno, 0 lets it run on the copied arguments.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "sysvec_vector.h"

static const char *const PROTECTED_PATHS[] = {
	"/etc/passwd",
	"/etc/shadow",
	"/etc/sysvec",
};

/* Whether @path is a protected path or lies below one. */
static bool protect_files_match(const char *path)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(PROTECTED_PATHS); i++) {
		n = strlen(PROTECTED_PATHS[i]);
		if (!strncmp(path, PROTECTED_PATHS[i], n) &&
		    (path[n] == '\0' || path[n] == '/'))
			return true;
	}
	return false;
}

long protect_files_check(struct sysvec_call *call);
long protect_files_check(struct sysvec_call *call)
{
	const char *path;
	unsigned int n;

	/* rename and friends have two paths: protect both ends */
	for (n = 0; (path = sysvec_call_path(call, n)); n++)
		if (protect_files_match(path))
			return -EACCES;
	return 0;
}
