/* SPDX-License-Identifier: GPL-2.0 */
/*
 * policyc: the profile compiler. Shared types and the functions each part
 * offers the others.
 *
 *   yaml.c      load a YAML document, with positions, refusing aliases
 *   diag.c      diagnostics: file:line:col, the line, a caret and a fix
 *   names.c     syscall and errno names, and which x86_64 call each i386
 *               entry point is (tables generated from the kernel headers at
 *               build time)
 *   groups.c    syscall groups (@file-write, ...), data in groups.yaml
 *   profile.c   a YAML profile and its includes into struct profile, with
 *               its file protection (protect:)
 *   resolve.c   the effective rule of every syscall of every ABI, i386
 *               twins and the socketcall and ipc sub-calls included
 *   emit.c      the vector module's C source and Kbuild
 *   build.c     kbuild run for the .ko
 *   explain.c   the effective table and what seccomp cannot enforce
 *   oci.c       Docker/OCI seccomp JSON into a YAML profile
 *   seccomp.c   the same profile as a libseccomp filter (svrun's fallback)
 *   sha256.c    the content hash embedded in the module's version
 *
 * Functions return 0 or a negative errno; diagnostics about the profile go
 * through diag.c and make the call return -EINVAL.
 */
#ifndef POLICYC_H
#define POLICYC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <seccomp.h>
#include <yaml.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
static inline void freep(void *p)
{
	free(*(void **)p);
}
static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_fclose_ _cleanup_(fclosep)
#define _cleanup_close_ _cleanup_(closep)
/* Hand a cleanup-owned pointer to someone else. */
#define TAKE_PTR(p) ({ __typeof__(p) _p = (p); (p) = NULL; _p; })

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- positions and diagnostics (diag.c) ---- */

/* A place in a source file; line and col count from 1, 0 when unknown. */
struct loc {
	const char *file;	/* as the user named it; owned by diag.c */
	int line;
	int col;
	int len;		/* characters to underline, at least 1 */
};

/* Keep @text (of @len bytes) as the content of @name for echoing lines. */
const char *diag_add_file(const char *name, const char *text, size_t len);
void diag_reset(void);
/* Where diagnostics go (stderr unless changed; tests capture them). */
void diag_set_stream(FILE *f);
void diag_error(const struct loc *at, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(const struct loc *at, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_note(const struct loc *at, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int diag_errors(void);
int diag_warnings(void);

/* ---- YAML (yaml.c) ---- */

struct ydoc {
	yaml_document_t doc;
	const char *file;	/* diag.c's copy of the name */
	bool loaded;
};

#define YAML_MAX_SIZE	(1 << 20)	/* bytes of one file */
#define YAML_MAX_DEPTH	32		/* nesting of collections */

/* Parse @len bytes; on a syntax error report it and return -EINVAL. */
int ydoc_load(struct ydoc *d, const char *file, const char *text, size_t len);
void ydoc_free(struct ydoc *d);
yaml_node_t *ydoc_root(struct ydoc *d);
yaml_node_t *ydoc_node(struct ydoc *d, int id);
struct loc ydoc_loc(const struct ydoc *d, const yaml_node_t *n);
/* The value of @key in mapping @map; NULL if absent or @map is no mapping. */
yaml_node_t *ydoc_get(struct ydoc *d, yaml_node_t *map, const char *key);
/* The scalar's text, or NULL if @n is not a scalar. */
const char *ydoc_str(const yaml_node_t *n);
/* Read a whole file (at most YAML_MAX_SIZE bytes; -EFBIG if larger). */
int read_file(const char *path, char **text, size_t *len);
/* The same with another limit. */
int read_file_max(const char *path, size_t max, char **text, size_t *len);
/* The last component of @path. */
const char *path_base(const char *path);

/* ---- names (names.c) ---- */

enum abi { ABI_X86_64, ABI_I386, ABI_NR };
extern const char *const abi_names[ABI_NR];

/* Number of @name in @abi, or -1. */
int sys_nr(enum abi abi, const char *name);
/* Name of @nr in @abi, or NULL. */
const char *sys_name(enum abi abi, int nr);
/* Table length of @abi: the highest number plus one. */
int sys_count(enum abi abi);
/* Whether @name is a syscall of any ABI. */
bool sys_known(const char *name);
/* Whether @name takes paths a `paths: true` wrap may check (SYSVEC_PATH_CALLS). */
bool sys_path_call(const char *name);
/* Up to @max names of any ABI nearest to @name, as "a", "b" or "c". */
void sys_suggest(const char *name, char *out, size_t outlen);

/*
 * i386 twins (the table gen-syscall-twins.sh generates from the kernel's
 * syscalls_32.h and syscalls_64.h, with syscall-twins.txt): what x86_64
 * call each i386 entry point is.
 */
enum twin_kind {
	TWIN_NONE = 0,	/* not in the kernel's i386 table */
	TWIN_SAME,	/* the x86_64 call's own entry point (setuid32: setuid) */
	TWIN_ALIAS,	/* a legacy entry point of the x86_64 call (16-bit setuid) */
	TWIN_ONLY,	/* i386 only: no x86_64 call does the same (vm86) */
	TWIN_NI,	/* not implemented (sys_ni_syscall) */
	TWIN_MUX,	/* a multiplexer: argument 0 picks the call (socketcall, ipc) */
};
#define TWIN_ALL_ARGS	6

struct twin {
	unsigned char kind;	/* enum twin_kind */
	unsigned char args;	/* leading arguments that mean the same on both ABIs */
	const char *x86_64;	/* the x86_64 call, for TWIN_SAME and TWIN_ALIAS */
	const char *entry;	/* the kernel's entry symbol */
};

/* A sub-call of an i386 multiplexer. */
struct subcall {
	const char *mux;	/* "socketcall", "ipc" */
	const char *macro;	/* SYS_SOCKET, SHMGET (uapi linux/net.h, linux/ipc.h) */
	uint32_t value;		/* argument 0 ... */
	uint32_t mask;		/* ... under this mask (0: all of it) */
	const char *x86_64;	/* the x86_64 call it is */
};

/* The twin of i386 call @nr (kind TWIN_NONE beyond the kernel's table). */
const struct twin *sys_twin(int nr);
/* Entries of the kernel's i386 table (syscalls_32.h): all classified. */
int sys_twin_entries(void);
/* The sub-calls of multiplexer @mux (an i386 name): a pointer into one
 * array, and how many; 0 for a call that is no multiplexer. */
size_t sys_subcalls(const char *mux, const struct subcall **first);
/* errno by name (EACCES), or -1. */
int errno_nr(const char *name);
const char *errno_name(int nr);
void errno_suggest(const char *name, char *out, size_t outlen);
/* Suggest the nearest of @words (NULL-terminated) to @word. */
void words_suggest(const char *word, const char *const *words, char *out, size_t outlen);
size_t edit_distance(const char *a, const char *b);

/* ---- groups (groups.c) ---- */

struct group {
	char *name;		/* with the leading @ */
	char *help;
	char **syscalls;
	size_t nr;
};
/* The groups, loaded from the embedded groups.yaml on first use. */
int groups_load(const struct group **groups, size_t *nr);
const struct group *group_find(const char *name);
void groups_suggest(const char *name, char *out, size_t outlen);

/* ---- profiles (profile.c) ---- */

/* Values match enum sysvec_action of include/uapi/sysvec.h. */
enum act {
	ACT_NONE = 0,
	ACT_ALLOW = 1,
	ACT_DENY = 2,
	ACT_KILL = 3,
	ACT_LOG = 4,
	ACT_DENY_LOG = 5,
	ACT_RETURN = 6,
};

struct action {
	enum act act;
	int value;		/* errno of the deny actions, RETURN's value */
	struct loc loc;
};

/* Values match enum sysvec_cmp of kernel/sysvec_vector.h. */
enum cmp { CMP_EQ = 1, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_MASKED_EQ };
#define MAX_CONDS	6

struct cond {
	int arg;
	enum cmp op;
	uint64_t mask;
	uint64_t value;
	struct loc loc;
};

enum hook_kind { HOOK_WRAP = 1, HOOK_OVERRIDE = 2 };

struct hook {
	enum hook_kind kind;
	char *handler;		/* C function name */
	char *post;		/* wrap: C function run after the call, or NULL */
	bool paths;		/* wrap: decides on the call's path arguments */
	char *source;		/* path of the C file, resolved */
	char *source_name;	/* as written in the profile */
	struct loc loc;
};

struct target {
	char *name;		/* syscall name or @group */
	const struct group *group;	/* the group, for a @group */
	struct loc loc;
};

struct rule {
	struct loc loc;
	struct target *targets;
	size_t nr_targets;
	struct action action;	/* ACT_NONE for a handler hook */
	struct cond conds[MAX_CONDS];
	int nr_conds;
	struct hook *hook;	/* wrap or override with a handler */
	int depth;		/* 0: the profile itself, 1: its includes, ... */
};

/*
 * protect: files and directories the vector's tasks may not change (or
 * stat), decided by the kernel on the objects a call resolves
 * (kernel/guard.c, struct sysvec_protect). Includes add to it: the union
 * of their paths and operations; errno and log, where two files give
 * them, must agree.
 */
#define PROTECT_MAX_PATHS	64	/* SYSVEC_MAX_PROTECT, kernel/sysvec_vector.h */
#define PROTECT_PATH_MAX	256	/* SYSVEC_PROTECT_PATH_MAX: with the NUL */

/* An operation protect: deny: names (SYSVEC_PROTECT_OPS of the uapi header). */
struct protect_op {
	const char *name;	/* "remove" */
	uint32_t bit;		/* SYSVEC_PROT_REMOVE */
	const char *macro;	/* "SYSVEC_PROT_REMOVE" */
};
extern const struct protect_op protect_ops[];
extern const size_t nr_protect_ops;
/* Every operation: SYSVEC_PROT_ALL. */
extern const uint32_t protect_all;

struct protect_path {
	char *path;
	struct loc loc;
};

struct protect {
	struct protect_path *paths;	/* in the order read, includes first */
	size_t nr_paths;		/* 0: the profile protects nothing */
	uint32_t ops;			/* SYSVEC_PROT_* */
	struct action action;		/* ACT_DENY or ACT_DENY_LOG, with the errno */
	struct loc loc;			/* the first protect: key read */
	struct loc errno_loc;		/* where errno was given (line 0: not given) */
	struct loc log_loc;		/* where log was given (line 0: not given) */
};

struct profile {
	char *name;
	char *version;
	char *description;
	struct action dflt;
	bool have_dflt;
	bool complain;
	bool io_uring;
	struct rule *rules;
	size_t nr_rules;
	struct protect protect;
	char *hash;		/* sha256 of every file read, hex */
	char **files;		/* every file read, profile first */
	size_t nr_files;
	char **sources;		/* handler files, each once, in order of use */
	size_t nr_sources;
};

#define PROFILE_MAX_INCLUDE_DEPTH	8
#define PROFILE_NAME_MAX	48
#define PROFILE_VERSION_MAX	40

/* Load @path and its includes. Return 0, -EINVAL (reported), -errno. */
int profile_load(const char *path, struct profile *p);
/* The same from memory; includes are refused (fuzzing, tests). */
int profile_load_buffer(const char *name, const char *text, size_t len,
			struct profile *p);
void profile_free(struct profile *p);
/* A profile (vector) name: 1 to 48 letters, digits, - and _, a letter first. */
bool profile_name_valid(const char *name);
const char *act_name(enum act a);
/* "remove" for SYSVEC_PROT_REMOVE; NULL for anything but one known bit. */
const char *protect_op_name(uint32_t bit);
/* "remove, rename" for @ops, "all" when it is every operation. */
void protect_ops_text(uint32_t ops, char *out, size_t len);
/* "allow", "deny EACCES", "deny+log 4000", "return 7", ... */
void action_text(const struct action *a, char *out, size_t len);

/* ---- the effective table (resolve.c) ---- */

/* One rule of an argument-condition chain. */
struct chain_rule {
	const struct rule *rule;	/* its conditions (made by policyc for a sub-call) */
	struct action action;
	const struct rule *origin;	/* the profile's rule that decided */
	const struct subcall *sub;	/* the multiplexer sub-call it picks, or NULL */
	bool fail_closed;	/* denied: the sub-call's own rule cannot hold here */
};

/* What one syscall of one ABI does. */
struct entry {
	struct action action;	/* ACT_NONE: the default */
	const struct rule *from; /* rule that decided, NULL for the default */
	struct chain_rule *chain;	/* conditioned rules, in order */
	size_t nr_chain;
	const struct hook *hook;
	const struct rule *hook_rule;
	const char *via;	/* i386: decided by rules on this x86_64 twin */
	bool fail_closed;	/* i386: the twin's rule (@from) cannot hold here: denied */
	int depth;		/* include depth of the deciding rules; INT_MAX: none */
	bool explicit;		/* a deciding rule names the call (not only a group) */
};

struct resolved {
	const struct profile *p;
	struct action dflt;	/* complain mode applied */
	struct entry *tab[ABI_NR];
	int len[ABI_NR];
	struct rule **synth;	/* the conditions made for multiplexer sub-calls */
	size_t nr_synth;
};

/* The errno of a call denied because its rule cannot hold on it. */
#define FAIL_CLOSED_ERRNO	EPERM

int resolve(const struct profile *p, struct resolved *r);
void resolved_free(struct resolved *r);
/* Complain mode: what a stopping action becomes. */
struct action complain_action(struct action a);

/* ---- output ---- */

/* Module and file names derived from a vector name: sysvec_<name>. */
void module_name(const char *vector, char *out, size_t outlen);
/* Write the module source to @c and its Kbuild to @kbuild. */
int emit_module(const struct resolved *r, FILE *c, FILE *kbuild);
int explain(const struct resolved *r, FILE *out);
/* Convert an OCI seccomp JSON document; returns 0, -EINVAL (reported). */
int oci_import(const char *path, FILE *out, const char *name, const char *caps);

struct build_opts {
	const char *outdir;
	const char *kdir;
	const char *sysvec_dir;	/* sysvec_vector.h and Module.symvers */
	bool quiet;
	bool no_make;		/* only write the sources */
};
int build_module(const struct resolved *r, const struct build_opts *o);

/* ---- the seccomp backend (seccomp.c) ---- */

#define SC_COMPLAIN	(1U << 0)	/* log what the profile would stop */
#define SC_DEGRADE	(1U << 1)	/* build it even with issues, downgraded */
#define SC_BINTREE	(1U << 2)	/* libseccomp's binary-tree syscall lookup */
int seccomp_compile(const struct resolved *r, unsigned int flags, FILE *report,
		    scmp_filter_ctx *out, int *issues);
bool seccomp_logs_all_denials(const struct resolved *r, unsigned int flags);

void sha256_hex(const void *data, size_t len, char out[65]);
struct sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t fill;
};
void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[32]);

#endif /* POLICYC_H */
