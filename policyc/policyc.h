/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policyc: the profile compiler. It reads, checks and resolves a profile
 * with the profile library (profile/profile.h); what is its own is what it
 * makes of the resolved table, each job in one file:
 *
 *   main.c      the command line: check, build, explain, groups, import-oci
 *   emit.c      the vector module's C source and Kbuild
 *   build.c     kbuild run for the .ko
 *   explain.c   the effective table and what seccomp cannot enforce
 *   oci.c       Docker/OCI seccomp JSON into a YAML profile
 *
 * Functions return 0 or a negative errno; diagnostics about the profile go
 * through the library's svp_diag_*() and make the call return -EINVAL.
 */
#ifndef POLICYC_H
#define POLICYC_H

#include <stdbool.h>
#include <stdio.h>
#include "profile.h"

/* Write the module source to @c and its Kbuild to @kbuild. */
int emit_module(const struct svp_resolved *r, FILE *c, FILE *kbuild);
int explain(const struct svp_resolved *r, FILE *out);
/* Convert an OCI seccomp JSON document; returns 0, -EINVAL (reported). */
int oci_import(const char *path, FILE *out, const char *name, const char *caps);

struct build_opts {
	const char *outdir;
	const char *kdir;
	const char *sysvec_dir;	/* sysvec_vector.h and Module.symvers */
	bool quiet;
	bool no_make;		/* only write the sources */
};
int build_module(const struct svp_resolved *r, const struct build_opts *o);

#endif /* POLICYC_H */
