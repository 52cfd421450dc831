// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsysvec: the seccomp backend. The profile is loaded, resolved and
 * compiled by the profile library (profile/), as policyc reads it and
 * with the same code behind `policyc explain`, so what that reports is
 * what svrun enforces.
 */
#include <errno.h>
#include "libsysvec.h"
#include "profile.h"

static void seccomp_releasep(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}

static int sysvec_seccomp(const char *path, unsigned int flags, FILE *report, bool load)
{
	_cleanup_(seccomp_releasep) scmp_filter_ctx ctx = NULL;
	struct svp_profile p = { 0 };
	struct svp_resolved r = { 0 };
	unsigned int sc = 0;
	int ret, issues = 0;

	if (flags & ~(SYSVEC_SECCOMP_COMPLAIN | SYSVEC_SECCOMP_DEGRADE | SYSVEC_SECCOMP_BINTREE))
		return -EINVAL;
	if (flags & SYSVEC_SECCOMP_COMPLAIN)
		sc |= SVP_SC_COMPLAIN;
	if (flags & SYSVEC_SECCOMP_DEGRADE)
		sc |= SVP_SC_DEGRADE;
	if (flags & SYSVEC_SECCOMP_BINTREE)
		sc |= SVP_SC_BINTREE;
	ret = svp_profile_load(path, &p);
	if (ret)
		goto out;
	ret = svp_resolve(&p, &r);
	if (ret)
		goto out;
	ret = svp_seccomp_compile(&r, sc, report, load ? &ctx : NULL, &issues);
	if (ret)
		goto out;
	if (!load) {
		ret = issues;
		goto out;
	}
	if (!ctx) {
		ret = -EOPNOTSUPP;	/* issues, and no SYSVEC_SECCOMP_DEGRADE */
		goto out;
	}
	ret = seccomp_load(ctx);
out:
	svp_resolved_free(&r);
	svp_profile_free(&p);
	return ret;
}

int sysvec_seccomp_check(const char *path, unsigned int flags, FILE *report)
{
	return sysvec_seccomp(path, flags, report, false);
}

int sysvec_seccomp_load(const char *path, unsigned int flags, FILE *report)
{
	return sysvec_seccomp(path, flags, report, true);
}
