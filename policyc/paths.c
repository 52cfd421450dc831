// SPDX-License-Identifier: GPL-2.0
/*
 * The system's files as policyc finds them: profiles by name, the kernel
 * a header directory is for, and every system path under $SYSVEC_ROOT,
 * which stands for / so that the tests can run install and build against
 * a directory of their own.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "policyc.h"
#include "sysvec_config.h"	/* SYSVEC_PROFILE_DIRS */

char *sys_path(const char *fmt, ...)
{
	const char *root = getenv("SYSVEC_ROOT");
	_cleanup_free_ char *path = NULL;
	char *out;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&path, fmt, ap);
	va_end(ap);
	if (n < 0) {
		path = NULL;
		return NULL;
	}
	if (!root || !*root)
		return TAKE_PTR(path);
	if (asprintf(&out, "%s%s", root, path) < 0)
		return NULL;
	return out;
}

char *registry_symvers(const char *kernel)
{
	return sys_path(SYSVEC_STATE_DIR "/kernel/%s/Module.symvers", kernel);
}

int profile_find(const char *arg, char **path)
{
	const char *env = getenv("SYSVEC_PROFILE_PATH");
	const char *dirs = env && *env ? env : SYSVEC_PROFILE_DIRS;
	int ret = svp_profile_find(dirs, arg, F_OK, path);

	if (ret == -EINVAL)
		fprintf(stderr, "policyc: \"%s\" is neither a file nor a profile name\n"
			"  fix: give the profile's path, or its name (letters, digits, - and _)\n",
			arg);
	else if (ret == -ENOENT)
		fprintf(stderr, "policyc: no profile \"%s\" in %s\n"
			"  fix: give the profile's path (./%s.yaml), or put %s.yaml into one of "
			"those directories\n", arg, dirs, arg, arg);
	return ret;
}

int kdir_release(const char *kdir, char *release, size_t len)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	const char *q, *end;
	size_t n;
	int ret;

	if (asprintf(&path, "%s/include/generated/utsrelease.h", kdir) < 0)
		return -ENOMEM;
	ret = svp_read_file_max(path, 4096, &text, &n);
	if (ret)
		return ret;
	q = strstr(text, "UTS_RELEASE \"");
	if (!q)
		return -EINVAL;
	q += strlen("UTS_RELEASE \"");
	end = strchr(q, '"');
	if (!end || end == q || (size_t)(end - q) >= len || memchr(q, '/', end - q))
		return -EINVAL;
	memcpy(release, q, end - q);
	release[end - q] = 0;
	return 0;
}

void vector_version(const struct svp_profile *p, char *out, size_t len)
{
	snprintf(out, len, "%s+%.16s", p->version, p->hash);
}

void dkms_version(const char *version, char *out, size_t len)
{
	size_t i;

	snprintf(out, len, "%s", version);
	/* dkms splits NAME-VERSION and Debian versions at '-' */
	for (i = 0; out[i]; i++)
		if (out[i] == '-' || out[i] == '_')
			out[i] = '.';
}
