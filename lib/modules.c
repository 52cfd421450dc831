// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsysvec: finding profiles and vector modules, reading a module's
 * version, loading modules.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "libsysvec.h"
#include "profile.h"
#include "sysvec_config.h"

const char *sysvec_profile_dirs(void)
{
	const char *env = getenv("SYSVEC_PROFILE_PATH");

	return env && *env ? env : SYSVEC_PROFILE_DIRS;
}

const char *sysvec_library_version(void)
{
	return SYSVEC_VERSION;
}

static bool is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".yaml"));
}

int sysvec_profile_find(const char *name, char *path, size_t len)
{
	_cleanup_free_ char *dirs = NULL;
	char *dir, *save = NULL;

	if (is_path(name)) {
		if (access(name, R_OK))
			return -errno;
		if ((size_t)snprintf(path, len, "%s", name) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	if (!svp_profile_name_valid(name))
		return -EINVAL;
	dirs = strdup(sysvec_profile_dirs());
	if (!dirs)
		return -ENOMEM;
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		if ((size_t)snprintf(path, len, "%s/%s.yaml", dir, name) >= len)
			return -ENAMETOOLONG;
		if (!access(path, R_OK))
			return 0;
	}
	return -ENOENT;
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
	const char *env = getenv("SYSVEC_VECTOR_DIR");
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

int sysvec_module_find(const char *name, char *path, size_t len)
{
	char dir[4096];
	char module[SVP_PROFILE_NAME_MAX + 16];
	int ret = sysvec_vector_dir(dir, sizeof(dir));

	if (ret)
		return ret;
	if (!svp_profile_name_valid(name))
		return -EINVAL;
	svp_module_name(name, module, sizeof(module));	/* as policyc build names it */
	if ((size_t)snprintf(path, len, "%s/%s.ko", dir, module) >= len)
		return -ENAMETOOLONG;
	return access(path, R_OK) ? -errno : 0;
}

int sysvec_module_version(const char *path, char *version, size_t len)
{
	_cleanup_free_ char *data = NULL;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh, *strs;
	size_t size = 0, i;
	int ret = svp_read_file_max(path, 64 << 20, &data, &size);

	if (ret)
		return ret;
	eh = (const Elf64_Ehdr *)data;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_shoff > size || eh->e_shnum > (size - eh->e_shoff) / sizeof(*sh) ||
	    eh->e_shstrndx >= eh->e_shnum)
		return -ENOEXEC;
	sh = (const Elf64_Shdr *)(data + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	if (strs->sh_offset > size || strs->sh_size > size - strs->sh_offset)
		return -ENOEXEC;
	for (i = 0; i < eh->e_shnum; i++) {
		const char *name = data + strs->sh_offset + sh[i].sh_name;
		const char *p, *end;

		if (sh[i].sh_name >= strs->sh_size ||
		    strnlen(name, strs->sh_size - sh[i].sh_name) >= strs->sh_size - sh[i].sh_name ||
		    strcmp(name, ".modinfo"))
			continue;
		if (sh[i].sh_offset > size || sh[i].sh_size > size - sh[i].sh_offset)
			return -ENOEXEC;
		/* NUL-separated key=value strings */
		p = data + sh[i].sh_offset;
		end = p + sh[i].sh_size;
		while (p < end) {
			size_t n = strnlen(p, end - p);

			if (n > 8 && !strncmp(p, "version=", 8) && n < (size_t)(end - p)) {
				if ((size_t)snprintf(version, len, "%s", p + 8) >= len)
					return -ENAMETOOLONG;
				return 0;
			}
			p += n + 1;
		}
		return -ENODATA;
	}
	return -ENODATA;
}

int sysvec_module_load(const char *path)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
}

int sysvec_registry_load(void)
{
	char dir[4096], path[4200];
	int ret;

	if (sysvec_available())
		return 0;
	ret = sysvec_vector_dir(dir, sizeof(dir));
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/%s", dir, SYSVEC_REGISTRY_MODULE);
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
