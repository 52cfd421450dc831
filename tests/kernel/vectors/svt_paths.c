// SPDX-License-Identifier: GPL-2.0
/*
 * Test vector "svt_paths": SYSVEC_HOOK_F_PATHS wraps on every call path
 * wraps support, x86_64 and (a few) i386. The handler:
 *  - fails the call with EACCES when a path contains "forbidden";
 *  - fails it with EPERM when a path resolves (without following a last
 *    symbolic link) to the directory /svtp/prot or anything below it,
 *    however the path spells it (relative, "..", a directory fd): a
 *    decision on the object, so that one relative name ("victim") is
 *    refused in /svtp/prot and allowed in /svtp/other (t_paths' races);
 *  - records the last path it saw and how many it checked, leaving out
 *    paths in /sys (the tests read these records from there) and empty
 *    ones (stdio's fstat() through newfstatat(fd, "", AT_EMPTY_PATH)).
 *    A relative path is seen, and recorded, as sysvec copied it:
 *    absolute, "<its base directory>/<path>".
 */
#include <linux/dcache.h>
#include <linux/module.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/string.h>
#include <asm/unistd.h>
#include <asm/unistd_32_ia32.h>
#include "sysvec_vector.h"

static char last_path[256];
module_param_string(last_path, last_path, sizeof(last_path), 0444);
static int checks;
module_param(checks, int, 0444);

/* Whether @path resolves to /svtp/prot or below. */
static bool svt_paths_protected(struct sysvec_call *call, unsigned int n)
{
	struct path obj, prot;
	bool below = false;

	if (kern_path("/svtp/prot", LOOKUP_FOLLOW, &prot))
		return false;
	if (!sysvec_call_path_lookup(call, n, 0, &obj)) {
		below = is_subdir(obj.dentry, prot.dentry);
		path_put(&obj);
	}
	path_put(&prot);
	return below;
}

static long svt_paths_check(struct sysvec_call *call)
{
	const char *p;
	unsigned int n;

	for (n = 0; (p = sysvec_call_path(call, n)); n++) {
		if (p[0] && strncmp(p, "/sys/", 5)) {
			strscpy(last_path, p, sizeof(last_path));
			WRITE_ONCE(checks, checks + 1);
		}
		if (strstr(p, "forbidden"))
			return -EACCES;
		if (svt_paths_protected(call, n))
			return -EPERM;
	}
	return 0;
}

static const u32 svt_paths_native[512];
static const u32 svt_paths_ia32[512];

#define W(abi, nr) { abi, nr, SYSVEC_HOOK_WRAP, svt_paths_check, "svt_paths_check", \
		     NULL, SYSVEC_HOOK_F_PATHS }

static const struct sysvec_hook svt_paths_list[] = {
	W(0, __NR_unlink), W(0, __NR_unlinkat), W(0, __NR_rmdir),
	W(0, __NR_rename), W(0, __NR_renameat), W(0, __NR_renameat2),
	W(0, __NR_mkdir), W(0, __NR_mkdirat),
	W(0, __NR_open), W(0, __NR_openat), W(0, __NR_openat2), W(0, __NR_creat),
	W(0, __NR_stat), W(0, __NR_lstat), W(0, __NR_newfstatat), W(0, __NR_statx),
	W(0, __NR_truncate), W(0, __NR_chmod), W(0, __NR_fchmodat),
	W(0, __NR_chown), W(0, __NR_lchown), W(0, __NR_fchownat),
	W(1, __NR_ia32_unlink), W(1, __NR_ia32_mkdir), W(1, __NR_ia32_rename),
	W(1, __NR_ia32_stat64),
};

static const struct sysvec_vector svt_paths = {
	.name = "svt_paths",
	.version = "1",
	.owner = THIS_MODULE,
	.default_rule = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),
	.native = { svt_paths_native, ARRAY_SIZE(svt_paths_native) },
	.ia32 = { svt_paths_ia32, ARRAY_SIZE(svt_paths_ia32) },
	.hooks = svt_paths_list,
	.nr_hooks = ARRAY_SIZE(svt_paths_list),
};

module_sysvec_vector(svt_paths);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec test vector with path wraps");
