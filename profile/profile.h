/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The profile library (libsvprofile, internal): a sysvec YAML profile read,
 * checked and resolved into the effective rule of every syscall of every
 * ABI, and that table as a libseccomp filter. policyc compiles the table
 * into a vector module; libsysvec's seccomp backend (lib/seccomp.c, run by
 * svrun, as root) and its profile lookup (lib/modules.c) use the same code,
 * so the two backends never read a profile differently. Everything here
 * that the linker sees is named svp_*, its types struct svp_* and enum
 * svp_*, its constants SVP_*.
 *
 *   yaml.c      load a YAML document, with positions, refusing aliases
 *   diag.c      diagnostics: file:line:col, the line, a caret and a fix
 *   names.c     syscall and errno names, and which x86_64 call each i386
 *               entry point is (tables generated from the kernel headers at
 *               build time)
 *   groups.c    syscall groups (@file-write, ...), data in groups.yaml
 *   actions.c   the actions a rule may take: one table of their names,
 *               uapi values and seccomp actions
 *   profile.c   a YAML profile and its includes into struct svp_profile,
 *               with its file protection (protect:)
 *   resolve.c   the effective rule of every syscall of every ABI, i386
 *               twins and the socketcall and ipc sub-calls included
 *   seccomp.c   the same profile as a libseccomp filter (svrun's fallback)
 *   sha256.c    the content hash embedded in the module's version
 *
 * Functions return 0 or a negative errno; diagnostics about the profile go
 * through diag.c and make the call return -EINVAL.
 */
#ifndef SVP_PROFILE_H
#define SVP_PROFILE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <seccomp.h>
#include <yaml.h>
#include "sysvec.h"	/* include/uapi: the actions */

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
struct svp_loc {
	const char *file;	/* as the user named it; owned by diag.c */
	int line;
	int col;
	int len;		/* characters to underline, at least 1 */
};

/* Keep @text (of @len bytes) as the content of @name for echoing lines. */
const char *svp_diag_add_file(const char *name, const char *text, size_t len);
void svp_diag_reset(void);
/* Where diagnostics go (stderr unless changed; tests capture them). */
void svp_diag_set_stream(FILE *f);
void svp_diag_error(const struct svp_loc *at, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void svp_diag_verror(const struct svp_loc *at, const char *fix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void svp_diag_warning(const struct svp_loc *at, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void svp_diag_note(const struct svp_loc *at, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int svp_diag_errors(void);
int svp_diag_warnings(void);

/* ---- YAML (yaml.c) ---- */

struct svp_ydoc {
	yaml_document_t doc;
	const char *file;	/* diag.c's copy of the name */
	bool loaded;
};

#define SVP_YAML_MAX_SIZE	(1 << 20)	/* bytes of one file */
#define SVP_YAML_MAX_DEPTH	32		/* nesting of collections */

/* Parse @len bytes; on a syntax error report it and return -EINVAL. */
int svp_ydoc_load(struct svp_ydoc *d, const char *file, const char *text, size_t len);
void svp_ydoc_free(struct svp_ydoc *d);
yaml_node_t *svp_ydoc_root(struct svp_ydoc *d);
yaml_node_t *svp_ydoc_node(struct svp_ydoc *d, int id);
struct svp_loc svp_ydoc_loc(const struct svp_ydoc *d, const yaml_node_t *n);
/* The value of @key in mapping @map; NULL if absent or @map is no mapping. */
yaml_node_t *svp_ydoc_get(struct svp_ydoc *d, yaml_node_t *map, const char *key);
/* The scalar's text, or NULL if @n is not a scalar. */
const char *svp_ydoc_str(const yaml_node_t *n);
/* Read a whole file (at most SVP_YAML_MAX_SIZE bytes; -EFBIG if larger). */
int svp_read_file(const char *path, char **text, size_t *len);
/* The same with another limit. */
int svp_read_file_max(const char *path, size_t max, char **text, size_t *len);
/* The last component of @path. */
const char *svp_path_base(const char *path);

/* ---- names (names.c) ---- */

enum svp_abi { SVP_ABI_X86_64, SVP_ABI_I386, SVP_ABI_NR };
extern const char *const svp_abi_names[SVP_ABI_NR];

/* Number of @name in @abi, or -1. */
int svp_sys_nr(enum svp_abi abi, const char *name);
/* Name of @nr in @abi, or NULL. */
const char *svp_sys_name(enum svp_abi abi, int nr);
/* Table length of @abi: the highest number plus one. */
int svp_sys_count(enum svp_abi abi);
/* Whether @name is a syscall of any ABI. */
bool svp_sys_known(const char *name);
/* Whether @name takes paths a `paths: true` wrap may check (SYSVEC_PATH_CALLS). */
bool svp_sys_path_call(const char *name);
/* Up to @max names of any ABI nearest to @name, as "a", "b" or "c". */
void svp_sys_suggest(const char *name, char *out, size_t outlen);

/*
 * i386 twins (the table gen-syscall-twins.sh generates from the kernel's
 * syscalls_32.h and syscalls_64.h, with syscall-twins.txt): what x86_64
 * call each i386 entry point is.
 */
enum svp_twin_kind {
	SVP_TWIN_NONE = 0,	/* not in the kernel's i386 table */
	SVP_TWIN_SAME,	/* the x86_64 call's own entry point (setuid32: setuid) */
	SVP_TWIN_ALIAS,	/* a legacy entry point of the x86_64 call (16-bit setuid) */
	SVP_TWIN_ONLY,	/* i386 only: no x86_64 call does the same (vm86) */
	SVP_TWIN_NI,	/* not implemented (sys_ni_syscall) by the kernel line the
			 * table comes from; args is 0, as an older kernel that
			 * has the call may lay its arguments out otherwise */
	SVP_TWIN_MUX,	/* a multiplexer: argument 0 picks the call (socketcall, ipc) */
};
#define SVP_TWIN_ALL_ARGS	6

struct svp_twin {
	unsigned char kind;	/* enum svp_twin_kind */
	unsigned char args;	/* leading arguments that mean the same on both ABIs */
	const char *x86_64;	/* the x86_64 call, for SVP_TWIN_SAME and SVP_TWIN_ALIAS */
	const char *entry;	/* the kernel's entry symbol */
};

/* A sub-call of an i386 multiplexer. */
struct svp_subcall {
	const char *mux;	/* "socketcall", "ipc" */
	const char *macro;	/* SYS_SOCKET, SHMGET (uapi linux/net.h, linux/ipc.h) */
	uint32_t value;		/* argument 0 ... */
	uint32_t mask;		/* ... under this mask (0: all of it) */
	const char *x86_64;	/* the x86_64 call it is */
};

/* The twin of i386 call @nr (kind SVP_TWIN_NONE beyond the kernel's table). */
const struct svp_twin *svp_sys_twin(int nr);
/* Entries of the kernel's i386 table (syscalls_32.h): all classified. */
int svp_sys_twin_entries(void);
/* The sub-calls of multiplexer @mux (an i386 name): a pointer into one
 * array, and how many; 0 for a call that is no multiplexer. */
size_t svp_sys_subcalls(const char *mux, const struct svp_subcall **first);
/* errno by name (EACCES), or -1. */
int svp_errno_nr(const char *name);
const char *svp_errno_name(int nr);
void svp_errno_suggest(const char *name, char *out, size_t outlen);
/* Suggest the nearest of @words (NULL-terminated) to @word. */
void svp_words_suggest(const char *word, const char *const *words, char *out, size_t outlen);
size_t svp_edit_distance(const char *a, const char *b);

/* ---- groups (groups.c) ---- */

struct svp_group {
	char *name;		/* with the leading @ */
	char *help;
	char **syscalls;
	size_t nr;
};
/* The groups, loaded from the embedded groups.yaml on first use. */
int svp_groups_load(const struct svp_group **groups, size_t *nr);
const struct svp_group *svp_group_find(const char *name);
void svp_groups_suggest(const char *name, char *out, size_t outlen);

/* ---- actions (actions.c) ---- */

/*
 * What a rule does. The values are the uapi's (enum sysvec_action,
 * include/uapi/sysvec.h), so that each is its SYSVEC_ACT_* as it is;
 * SVP_ACT_NONE is SYSVEC_ACT_DEFAULT: no rule decides, the default does.
 * SYSVEC_ACT_COND has none: what the module's COND points at is a chain of
 * conditioned rules (struct svp_entry), each with one of these.
 */
enum svp_act {
	SVP_ACT_NONE = SYSVEC_ACT_DEFAULT,
	SVP_ACT_ALLOW = SYSVEC_ACT_ALLOW,
	SVP_ACT_DENY = SYSVEC_ACT_DENY,
	SVP_ACT_KILL = SYSVEC_ACT_KILL,
	SVP_ACT_LOG = SYSVEC_ACT_LOG,
	SVP_ACT_DENY_LOG = SYSVEC_ACT_DENY_LOG,
	SVP_ACT_RETURN = SYSVEC_ACT_RETURN,
};

struct svp_action {
	enum svp_act act;
	int value;		/* errno of the deny actions, RETURN's value */
	struct svp_loc loc;
};

/* What the argument of an action (struct svp_action's value) is. */
enum svp_act_arg {
	SVP_ARG_NONE,		/* nothing: 0 */
	SVP_ARG_ERRNO,		/* the errno the call fails with */
	SVP_ARG_RETURN,		/* the value the call returns instead of running */
};

/* One action, with everything the library and policyc map it to. */
struct svp_action_kind {
	enum svp_act act;
	const char *name;	/* in diagnostics and explain: "deny+log" */
	const char *word;	/* what `action:` takes, or NULL (deny+log is
				 * deny with log: true; return is an override) */
	enum svp_act log_act;	/* what `log: true` makes of it; NONE: refused */
	enum svp_act_arg arg;
	bool skips;		/* the call does not run */
	bool refuses;		/* a refusal: complain mode logs the call and runs it */
	bool logs;		/* asked for an audit record (kill writes one anyway) */
	uint32_t uapi;		/* SYSVEC_ACT_DENY_LOG */
	const char *uapi_name;	/* "SYSVEC_ACT_DENY_LOG", as the module source says it */
	uint32_t scmp;		/* seccomp's action; an errno goes in its low 16 bits */
	const char *help;	/* what it does, in one line */
};

/* Every action, in the order of their uapi values. */
extern const struct svp_action_kind svp_actions[];
extern const size_t svp_nr_actions;
/* The entry of @act; NULL for SVP_ACT_NONE (and anything else). */
const struct svp_action_kind *svp_action_kind(enum svp_act act);
/* The entry `action: @word` means, or NULL. */
const struct svp_action_kind *svp_action_of_word(const char *word);
/*
 * The entry whose seccomp action is @scmp (SCMP_ACT_ERRNO(0): return's,
 * another errno: deny's, the first of the two that give it), or NULL.
 */
const struct svp_action_kind *svp_action_of_scmp(uint32_t scmp);
/* "deny+log" for SVP_ACT_DENY_LOG, "default" for SVP_ACT_NONE. */
const char *svp_act_name(enum svp_act a);
/* "allow", "deny EACCES", "deny+log 4000", "return 7", ... */
void svp_action_text(const struct svp_action *a, char *out, size_t len);

/* ---- profiles (profile.c) ---- */

/*
 * Comparison operators of an argument condition, with the values of enum
 * sysvec_cmp of kernel/sysvec_vector.h. That header is the vector modules'
 * (u32, module_init()) and cannot be included here, and the uapi header
 * has no operators: the unit test cmp_matches_kernel (test_profile.c)
 * reads the kernel header and checks each value.
 */
enum svp_cmp {
	SVP_CMP_EQ = 1,
	SVP_CMP_NE,
	SVP_CMP_LT,
	SVP_CMP_LE,
	SVP_CMP_GT,
	SVP_CMP_GE,
	SVP_CMP_MASKED_EQ,
};
#define SVP_MAX_CONDS	6

struct svp_cond {
	int arg;
	enum svp_cmp op;
	uint64_t mask;
	uint64_t value;
	struct svp_loc loc;
};

enum svp_hook_kind { SVP_HOOK_WRAP = 1, SVP_HOOK_OVERRIDE = 2 };

struct svp_hook {
	enum svp_hook_kind kind;
	char *handler;		/* C function name */
	char *post;		/* wrap: C function run after the call, or NULL */
	bool paths;		/* wrap: decides on the call's path arguments */
	char *source;		/* path of the C file, resolved */
	char *source_name;	/* as written in the profile */
	struct svp_loc loc;
};

struct svp_target {
	char *name;		/* syscall name or @group */
	const struct svp_group *group;	/* the group, for a @group */
	struct svp_loc loc;
};

struct svp_rule {
	struct svp_loc loc;
	struct svp_target *targets;
	size_t nr_targets;
	struct svp_action action;	/* SVP_ACT_NONE for a handler hook */
	struct svp_cond conds[SVP_MAX_CONDS];
	int nr_conds;
	struct svp_hook *hook;	/* wrap or override with a handler */
	int depth;		/* 0: the profile itself, 1: its includes, ... */
};

/*
 * protect: files and directories the vector's tasks may not change (or
 * stat), decided by the kernel on the objects a call resolves
 * (kernel/guard.c, struct sysvec_protect). Includes add to it: the union
 * of their paths and operations; errno and log, where two files give
 * them, must agree.
 */
#define SVP_PROTECT_MAX_PATHS	64	/* SYSVEC_MAX_PROTECT, kernel/sysvec_vector.h */
#define SVP_PROTECT_PATH_MAX	256	/* SYSVEC_PROTECT_PATH_MAX: with the NUL */

/* An operation protect: deny: names (SYSVEC_PROTECT_OPS of the uapi header). */
struct svp_protect_op {
	const char *name;	/* "remove" */
	uint32_t bit;		/* SYSVEC_PROT_REMOVE */
	const char *macro;	/* "SYSVEC_PROT_REMOVE" */
};
extern const struct svp_protect_op svp_protect_ops[];
extern const size_t svp_nr_protect_ops;
/* Every operation: SYSVEC_PROT_ALL. */
extern const uint32_t svp_protect_all;

struct svp_protect_path {
	char *path;
	struct svp_loc loc;
};

struct svp_protect {
	struct svp_protect_path *paths;	/* in the order read, includes first */
	size_t nr_paths;		/* 0: the profile protects nothing */
	uint32_t ops;			/* SYSVEC_PROT_* */
	struct svp_action action;	/* SVP_ACT_DENY or SVP_ACT_DENY_LOG, with the errno */
	struct svp_loc loc;		/* the first protect: key read */
	struct svp_loc errno_loc;	/* where errno was given (line 0: not given) */
	struct svp_loc log_loc;		/* where log was given (line 0: not given) */
};

struct svp_profile {
	char *name;
	char *version;
	char *description;
	struct svp_action dflt;
	bool have_dflt;
	bool complain;
	bool io_uring;
	struct svp_rule *rules;
	size_t nr_rules;
	struct svp_protect protect;
	char *hash;		/* sha256 of every file read, hex */
	char **files;		/* every file read, profile first */
	size_t nr_files;
	char **sources;		/* handler files, each once, in order of use */
	size_t nr_sources;
};

#define SVP_PROFILE_MAX_INCLUDE_DEPTH	8
#define SVP_PROFILE_NAME_MAX	48
#define SVP_PROFILE_VERSION_MAX	40

/* Load @path and its includes. Return 0, -EINVAL (reported), -errno. */
int svp_profile_load(const char *path, struct svp_profile *p);
/* The same from memory; includes are refused (fuzzing, tests). */
int svp_profile_load_buffer(const char *name, const char *text, size_t len,
			    struct svp_profile *p);
void svp_profile_free(struct svp_profile *p);
/* A profile (vector) name: 1 to 48 letters, digits, - and _, a letter first. */
bool svp_profile_name_valid(const char *name);
/*
 * Find profile @arg: a path when it holds a '/' or ends in .yaml (returned
 * as it is), else a name whose NAME.yaml is looked up in the colon-separated
 * directories @dirs, the first that access(@amode) allows. 0 and the
 * malloc'ed path in *@path; -EINVAL (not a valid name), -ENOENT, -ENOMEM.
 */
int svp_profile_find(const char *dirs, const char *arg, int amode, char **path);
/* "sysvec_<name>": the module a vector is built into (- and . as _). */
void svp_module_name(const char *vector, char *out, size_t outlen);
/* "remove" for SYSVEC_PROT_REMOVE; NULL for anything but one known bit. */
const char *svp_protect_op_name(uint32_t bit);
/* "remove, rename" for @ops, "all" when it is every operation. */
void svp_protect_ops_text(uint32_t ops, char *out, size_t len);

/* ---- the effective table (resolve.c) ---- */

/* One rule of an argument-condition chain. */
struct svp_chain_rule {
	const struct svp_rule *rule;	/* its conditions (the resolver's, for a sub-call) */
	struct svp_action action;
	const struct svp_rule *origin;	/* the profile's rule that decided */
	const struct svp_subcall *sub;	/* the multiplexer sub-call it picks, or NULL */
	bool fail_closed;	/* denied: the sub-call's own rule cannot hold here */
};

/* What one syscall of one ABI does. */
struct svp_entry {
	struct svp_action action;	/* SVP_ACT_NONE: the default */
	const struct svp_rule *from; /* rule that decided, NULL for the default */
	struct svp_chain_rule *chain;	/* conditioned rules, in order */
	size_t nr_chain;
	const struct svp_hook *hook;
	const struct svp_rule *hook_rule;
	const char *via;	/* i386: decided by rules on this x86_64 twin */
	bool fail_closed;	/* i386: the twin's rule (@from) cannot hold here: denied */
	int depth;		/* include depth of the deciding rules; INT_MAX: none */
	bool explicit;		/* a deciding rule names the call (not only a group) */
};

struct svp_resolved {
	const struct svp_profile *p;
	struct svp_action dflt;	/* complain mode applied */
	struct svp_entry *tab[SVP_ABI_NR];
	int len[SVP_ABI_NR];
	struct svp_rule **synth;	/* the conditions made for multiplexer sub-calls */
	size_t nr_synth;
};

/* The errno of a call denied because its rule cannot hold on it. */
#define SVP_FAIL_CLOSED_ERRNO	EPERM

int svp_resolve(const struct svp_profile *p, struct svp_resolved *r);
void svp_resolved_free(struct svp_resolved *r);
/* Complain mode: what a stopping action becomes. */
struct svp_action svp_complain_action(struct svp_action a);

/* ---- the seccomp backend (seccomp.c) ---- */

#define SVP_SC_COMPLAIN	(1U << 0)	/* log what the profile would stop */
#define SVP_SC_DEGRADE	(1U << 1)	/* build it even with issues, downgraded */
#define SVP_SC_BINTREE	(1U << 2)	/* libseccomp's binary-tree syscall lookup */
int svp_seccomp_compile(const struct svp_resolved *r, unsigned int flags, FILE *report,
			scmp_filter_ctx *out, int *issues);
bool svp_seccomp_logs_all_denials(const struct svp_resolved *r, unsigned int flags);

/* ---- SHA-256 (sha256.c) ---- */

void svp_sha256_hex(const void *data, size_t len, char out[65]);
struct svp_sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t fill;
};
void svp_sha256_init(struct svp_sha256 *s);
void svp_sha256_update(struct svp_sha256 *s, const void *data, size_t len);
void svp_sha256_final(struct svp_sha256 *s, uint8_t out[32]);

#endif /* SVP_PROFILE_H */
