/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policyc: the profile compiler. It reads, checks and resolves a profile
 * with the profile library (profile/profile.h); what is its own is what it
 * makes of the resolved table, each job in one file:
 *
 *   main.c      the command line: check, build, explain, groups, import-oci
 *   cli.c       what the commands share: usage errors, loading a profile
 *   emit.c      the vector module's C source and Kbuild
 *   build.c     kbuild run for the .ko, for a named kernel
 *   paths.c     the system's files: profiles, kernels, the registry's symbols
 *   dkms.c      running dkms and reading its status
 *   install.c   install, uninstall, installed: a vector as a DKMS module
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
#include "sysvec_config.h"	/* SYSVEC_STATE_DIR and the other paths */

/* Write the module source to @c and its Kbuild to @kbuild. */
int emit_module(const struct svp_resolved *r, FILE *c, FILE *kbuild);
int explain(const struct svp_resolved *r, FILE *out);
/* Convert an OCI seccomp JSON document; returns 0, -EINVAL (reported). */
int oci_import(const char *path, FILE *out, const char *name, const char *caps);

/* The exit statuses of policyc(1). */
enum {
	EXIT_INVALID = 1,	/* invalid input, or nothing of that name */
	EXIT_USAGE = 2,
	EXIT_BUILD = 3,		/* the build, dkms or a system call failed */
	EXIT_PARTIAL = 4,	/* installed, but not for every kernel */
};

/*
 * The paths a sysvec install uses (docs/design/packaging.md); the Makefile
 * gives SYSVEC_STATE_DIR (LOCALSTATEDIR/lib/sysvec) in sysvec_config.h.
 * The others are DKMS's and the kernel's, whatever the PREFIX.
 */
#define SYSVEC_SOURCE_TREE "/usr/src"
#define SYSVEC_DKMS_TREE "/var/lib/dkms"
#define SYSVEC_MODULES_DIR "/lib/modules"
/* A profile's DKMS module is "sysvec-profile-NAME". */
#define DKMS_PROFILE_PREFIX "sysvec-profile-"

struct build_opts {
	const char *outdir;	/* NULL: see build_module() */
	const char *kdir;	/* NULL: SYSVEC_MODULES_DIR/KERNEL/build */
	const char *kernel;	/* NULL: the kernel of kdir, else the running one */
	const char *sysvec_dir;	/* NULL: the installed SYSVEC_DATADIR/kernel */
	bool quiet;
	bool no_make;		/* only write the sources */
};
/*
 * Write the sources and, unless @o->no_make, build the module. The
 * registry's Module.symvers comes from @o->sysvec_dir, else from
 * SYSVEC_STATE_DIR/kernel/KERNEL/. Without @o->outdir the module is built
 * in ./sysvec_NAME, or, when it is built against the installed registry's
 * symbols, in a temporary directory and installed into the vector
 * directory SYSVEC_VECTOR_BASE/KERNEL/.
 */
int build_module(const struct svp_resolved *r, const struct build_opts *o);
/* Write @text to @dir/@name through a temporary file and a rename. */
int write_file(const char *dir, const char *name, const char *text, size_t len);
/* mkdir -p @dir (mode 0755). */
int make_dir(const char *dir);
/* rm -r @path; 0 if it does not exist. */
int remove_tree(const char *path);

/* ---- paths.c ---- */

/*
 * "$SYSVEC_ROOT@path": the system's file @path, under the directory that
 * stands for / in tests ($SYSVEC_ROOT, unset: /). malloc'ed, or NULL.
 */
__attribute__((format(printf, 1, 2)))
char *sys_path(const char *fmt, ...);
/*
 * SYSVEC_STATE_DIR/kernel/@kernel/Module.symvers (through sys_path()): the
 * registry's symbols for @kernel, which the sysvec DKMS module keeps.
 * malloc'ed, or NULL.
 */
char *registry_symvers(const char *kernel);
/*
 * Find profile @arg with svp_profile_find(), as libsysvec's
 * sysvec_profile_find() does, in $SYSVEC_PROFILE_PATH or SYSVEC_PROFILE_DIRS.
 * 0 and the path in *@path, -ENOENT (reported), -EINVAL (an invalid name,
 * reported), -errno.
 */
int profile_find(const char *arg, char **path);
/* The kernel release @kdir's headers are for (UTS_RELEASE), or -errno. */
int kdir_release(const char *kdir, char *release, size_t len);
/* The vector's version, "VERSION+HASH16", as MODULE_VERSION() gives it. */
void vector_version(const struct svp_profile *p, char *out, size_t len);
/* @version with what DKMS cannot take in a version ('-', '_') made '.'. */
void dkms_version(const char *version, char *out, size_t len);

/* ---- dkms.c ---- */

/*
 * Run "dkms @args..." (NULL-terminated) without a shell. Its standard
 * output goes to *@out (malloc'ed) if @out, else to ours, or nowhere if
 * @quiet. Returns its exit status (0-255, 128+N if killed by signal N), or
 * -errno if it could not be run (reported).
 */
int dkms_run(const char *const *args, bool quiet, char **out);
/* A line of "dkms status": a module version added, or built/installed for a kernel. */
struct dkms_entry {
	char module[96];
	char version[128];
	char kernel[128];	/* empty when only added */
	char arch[32];
	char state[32];		/* added, built, installed */
};
/* Parse the lines of "dkms status" in @text about @module (NULL: any). */
int dkms_status_parse(const char *module, const char *text, struct dkms_entry **e, size_t *n);
/* "dkms status [@module]", parsed: 0, or -errno / -ECHILD (reported). */
int dkms_status(const char *module, struct dkms_entry **e, size_t *n);

/* ---- cli.c: what every command shares ---- */

/* "policyc: <message>", then @usage, on stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
int usage_error(const char *usage, const char *fmt, ...);
/* Whether a command's arguments ask for its help (--help or -h, before any "--"). */
bool wants_help(int argc, char **argv);
/*
 * Find (profile_find()), load and resolve profile @arg: 0, or the exit
 * status (reported).
 */
int load_profile(const char *arg, struct svp_profile *p, struct svp_resolved *r);
/* "N errors, N warnings" on stderr, if there were any. */
void summary(void);

/* ---- install.c ---- */

int cmd_install(int argc, char **argv);
int cmd_uninstall(int argc, char **argv);
int cmd_installed(int argc, char **argv);

#endif /* POLICYC_H */
