// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsysvec: finding profiles and vector modules, reading a module's
 * version, loading modules. Modules are read, found and loaded through
 * libkmod, as modprobe does: compressed ones included, and with the
 * modules modules.dep says they depend on. The variables that redirect
 * where they are looked for (SYSVEC_PROFILE_PATH, SYSVEC_VECTOR_DIR,
 * SYSVEC_KMOD_DIR) are read with secure_getenv(): a program run setuid or
 * with file capabilities ignores them.
 */
#include <dirent.h>
#include <errno.h>
#include <libkmod.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "libsysvec.h"
#include "profile.h"
#include "sysvec_config.h"

/* The registry's module name: SYSVEC_REGISTRY_MODULE without ".ko". */
#define REGISTRY_MODULE	"sysvec"

const char *sysvec_profile_dirs(void)
{
	const char *env = secure_getenv("SYSVEC_PROFILE_PATH");

	return env && *env ? env : SYSVEC_PROFILE_DIRS;
}

const char *sysvec_library_version(void)
{
	return SYSVEC_VERSION;
}

int sysvec_profile_find(const char *name, char *path, size_t len)
{
	_cleanup_free_ char *found = NULL;
	int ret = svp_profile_find(sysvec_profile_dirs(), name, R_OK, &found);

	if (ret)
		return ret;
	if (access(found, R_OK))	/* a path given as it is */
		return -errno;
	if ((size_t)snprintf(path, len, "%s", found) >= len)
		return -ENAMETOOLONG;
	return 0;
}

int sysvec_profile_each(void (*fn)(const char *name, const char *path, void *arg),
			void *arg)
{
	_cleanup_free_ char *dirs = strdup(sysvec_profile_dirs());
	char *dir, *save = NULL, path[4096], found[4096];
	struct dirent *de;

	if (!dirs)
		return -ENOMEM;
	const char *seen[32];
	size_t nr_seen = 0, k;

	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		DIR *d;

		for (k = 0; k < nr_seen && strcmp(seen[k], dir); k++)
			;
		if (k < nr_seen || nr_seen == ARRAY_LEN(seen))
			continue;	/* listed twice (or too many) */
		seen[nr_seen++] = dir;
		d = opendir(dir);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			size_t n = strlen(de->d_name);
			char name[SVP_PROFILE_NAME_MAX + 8];

			if (n <= 5 || n - 5 >= sizeof(name) || strcmp(de->d_name + n - 5, ".yaml"))
				continue;
			memcpy(name, de->d_name, n - 5);
			name[n - 5] = 0;
			if (!svp_profile_name_valid(name))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			/* the first directory that has a name wins */
			if (sysvec_profile_find(name, found, sizeof(found)) || strcmp(found, path))
				continue;
			fn(name, path, arg);
		}
		closedir(d);
	}
	return 0;
}

int sysvec_vector_dir(char *dir, size_t len)
{
	const char *env = secure_getenv("SYSVEC_VECTOR_DIR");
	struct utsname u;

	if (env && *env) {
		if ((size_t)snprintf(dir, len, "%s", env) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	if (uname(&u))
		return -errno;
	if ((size_t)snprintf(dir, len, "%s/%s", SYSVEC_VECTOR_BASE, u.release) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* Cleanup helpers for libkmod's objects. */
static void kmod_ctx_unrefp(struct kmod_ctx **ctx)
{
	if (*ctx)
		kmod_unref(*ctx);
}

static void kmod_module_unrefp(struct kmod_module **mod)
{
	if (*mod)
		kmod_module_unref(*mod);
}

static void kmod_info_freep(struct kmod_list **list)
{
	if (*list)
		kmod_module_info_free_list(*list);
}

#define _cleanup_kmod_ctx_ _cleanup_(kmod_ctx_unrefp)
#define _cleanup_kmod_module_ _cleanup_(kmod_module_unrefp)
#define _cleanup_kmod_info_ _cleanup_(kmod_info_freep)

/*
 * A libkmod context for the running kernel, as modprobe makes it: its
 * modules.dep in /lib/modules/RELEASE, or in $SYSVEC_KMOD_DIR if set (the
 * tests' own module tree); NULL with errno set if there is none.
 */
static struct kmod_ctx *kmod_ctx_open(void)
{
	const char *env = secure_getenv("SYSVEC_KMOD_DIR");
	struct kmod_ctx *ctx;

	errno = 0;
	ctx = kmod_new(env && *env ? env : NULL, NULL);
	if (!ctx && !errno)
		errno = ENOMEM;
	return ctx;
}

/*
 * Find module @module (a module name, "sysvec_web") in modules.dep, where
 * DKMS and depmod put what they install, compressed or not: its path into
 * @path. -ENOENT if modules.dep has no such module (or there is no
 * modules.dep).
 */
static int module_lookup(struct kmod_ctx *ctx, const char *module, char *path, size_t len)
{
	_cleanup_kmod_module_ struct kmod_module *mod = NULL;
	const char *found;
	int ret = kmod_module_new_from_name_lookup(ctx, module, &mod);

	if (ret < 0)
		return ret;
	found = mod ? kmod_module_get_path(mod) : NULL;
	if (!found)
		return -ENOENT;	/* not there, or built into the kernel: no file */
	if ((size_t)snprintf(path, len, "%s", found) >= len)
		return -ENAMETOOLONG;
	/* modules.dep older than the files: one removed since is not there */
	return access(path, R_OK) ? -errno : 0;
}

/*
 * Find module @module the way vectors are looked for: the file
 * @module.ko in the vector directory first (what policyc build makes),
 * else modules.dep. On -ENOENT, @path holds the vector directory's file
 * name, for messages.
 */
static int module_find(const char *module, char *path, size_t len)
{
	_cleanup_kmod_ctx_ struct kmod_ctx *ctx = NULL;
	char dir[4096], found[4096];
	int ret = sysvec_vector_dir(dir, sizeof(dir));

	if (ret)
		return ret;
	if ((size_t)snprintf(path, len, "%s/%s.ko", dir, module) >= len)
		return -ENAMETOOLONG;
	if (!access(path, R_OK))
		return 0;
	if (errno != ENOENT && errno != ENOTDIR)
		return -errno;	/* there, but not readable: say so */
	ctx = kmod_ctx_open();
	if (!ctx)
		return -errno;
	ret = module_lookup(ctx, module, found, sizeof(found));
	if (ret)
		return ret;
	if ((size_t)snprintf(path, len, "%s", found) >= len)
		return -ENAMETOOLONG;
	return 0;
}

int sysvec_module_find(const char *name, char *path, size_t len)
{
	char module[SVP_PROFILE_NAME_MAX + 16];

	if (!svp_profile_name_valid(name))
		return -EINVAL;
	svp_module_name(name, module, sizeof(module));	/* as policyc build names it */
	return module_find(module, path, len);
}

int sysvec_module_version(const char *path, char *version, size_t len)
{
	_cleanup_kmod_ctx_ struct kmod_ctx *ctx = kmod_ctx_open();
	_cleanup_kmod_module_ struct kmod_module *mod = NULL;
	_cleanup_kmod_info_ struct kmod_list *info = NULL;
	struct kmod_list *l;
	int ret;

	if (!ctx)
		return -errno;
	ret = kmod_module_new_from_path(ctx, path, &mod);
	if (ret < 0)
		return ret;
	/* libkmod reads the file, decompressing it, and its .modinfo */
	ret = kmod_module_get_info(mod, &info);
	if (ret == -ENOENT)
		return access(path, R_OK) ? -errno : -ENODATA;	/* no .modinfo */
	if (ret == -EINVAL || ret == -ENOEXEC)
		return -ENOEXEC;	/* not an ELF file (or a corrupt one) */
	if (ret < 0)
		return ret;
	kmod_list_foreach(l, info) {
		if (strcmp(kmod_module_info_get_key(l), "version"))
			continue;
		if ((size_t)snprintf(version, len, "%s", kmod_module_info_get_value(l)) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	return -ENODATA;
}

/*
 * Load @mod and, first, the modules modules.dep says it needs (the
 * registry, for a vector DKMS built), as modprobe does, without running
 * modprobe.d install commands. -EEXIST if @mod is loaded already.
 */
static int module_insert(struct kmod_module *mod)
{
	/* no blacklist flag: it never stops early with a positive value */
	return kmod_module_probe_insert_module(mod, KMOD_PROBE_FAIL_ON_LOADED |
					       KMOD_PROBE_IGNORE_COMMAND,
					       NULL, NULL, NULL, NULL);
}

int sysvec_module_load(const char *path)
{
	_cleanup_kmod_ctx_ struct kmod_ctx *ctx = kmod_ctx_open();
	_cleanup_kmod_module_ struct kmod_module *mod = NULL;
	int ret;

	if (!ctx)
		return -errno;
	ret = kmod_module_new_from_path(ctx, path, &mod);
	if (ret < 0)
		return ret;
	return module_insert(mod);
}

int sysvec_registry_load(void)
{
	char path[4096];
	int ret;

	if (sysvec_available())
		return 0;
	ret = module_find(REGISTRY_MODULE, path, sizeof(path));
	if (ret)
		return ret;
	ret = sysvec_module_load(path);
	if (ret && ret != -EEXIST)
		return ret;
	/* devtmpfs creates the node; give udev-less systems a moment */
	for (int i = 0; i < 100 && !sysvec_available(); i++)
		usleep(10000);
	return sysvec_available() ? 0 : -ENODEV;
}

int sysvec_profile_vector(const char *path, char *name, size_t name_len,
			  char *version, size_t version_len)
{
	struct svp_profile p = { 0 };
	int ret = svp_profile_load(path, &p);

	if (ret)
		goto out;
	if ((size_t)snprintf(name, name_len, "%s", p.name) >= name_len ||
	    (size_t)snprintf(version, version_len, "%s+%.16s", p.version, p.hash) >= version_len)
		ret = -ENAMETOOLONG;
out:
	svp_profile_free(&p);
	return ret;
}
