// SPDX-License-Identifier: GPL-2.0
/*
 * What every policyc command shares: usage errors, --help, finding and
 * loading the profile it names, the closing count of diagnostics.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "policyc.h"

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "policyc: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return EXIT_USAGE;
}

bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

int load_profile(const char *arg, struct svp_profile *p, struct svp_resolved *r)
{
	_cleanup_free_ char *file = NULL;
	int ret = profile_find(arg, &file);

	if (ret == -ENOENT || ret == -EINVAL)
		return EXIT_INVALID;
	if (ret)
		return EXIT_BUILD;
	ret = svp_profile_load(file, p);
	if (ret == -EINVAL)
		return EXIT_INVALID;
	if (ret) {
		fprintf(stderr, "policyc: %s: %s\n", file, strerror(-ret));
		return EXIT_BUILD;
	}
	ret = svp_resolve(p, r);
	if (ret) {
		svp_profile_free(p);
		return ret == -EINVAL ? EXIT_INVALID : EXIT_BUILD;
	}
	return 0;
}

void summary(void)
{
	if (svp_diag_errors() || svp_diag_warnings())
		fprintf(stderr, "%d error%s, %d warning%s\n", svp_diag_errors(),
			svp_diag_errors() == 1 ? "" : "s", svp_diag_warnings(),
			svp_diag_warnings() == 1 ? "" : "s");
}
