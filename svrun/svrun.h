/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svrun: run a command confined by a sysvec profile.
 *   main.c   options, choosing the backend, confining and executing
 *   privs.c  the user, group and capabilities the command runs with
 *   modules.c  why a kernel module could not be loaded, and what to do
 */
#ifndef SVRUN_H
#define SVRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/capability.h>
#include <sys/types.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes of svrun's own failures (svrun(1)); otherwise the command's. */
enum {
	SVRUN_EXIT_PROFILE = 120,	/* profile not found or invalid */
	SVRUN_EXIT_MODULE = 121,	/* vector module missing or stale */
	SVRUN_EXIT_UNSUPPORTED = 122,	/* no backend can enforce the profile here */
	SVRUN_EXIT_PERM = 123,		/* permission denied */
	SVRUN_EXIT_PRIVS = 124,		/* user, group or capabilities not applied */
	SVRUN_EXIT_USAGE = 125,		/* bad command line, or another failure */
	SVRUN_EXIT_NOEXEC = 126,	/* the command cannot be executed */
	SVRUN_EXIT_NOTFOUND = 127,	/* the command was not found */
};

#define PRIVS_MAX_CAPS	64

struct privs {
	bool set_user, set_group;
	uid_t uid;
	gid_t user_gid;		/* the user's primary group */
	gid_t gid;		/* --group */
	bool caps_given;	/* --caps */
	bool drop_caps;		/* --drop-caps */
	cap_value_t caps[PRIVS_MAX_CAPS];
	int nr_caps;
};

/* A user or group by name or number: 0 or -ENOENT. */
int privs_set_user(struct privs *p, const char *user);
int privs_set_group(struct privs *p, const char *group);
/* A comma-separated capability list; -EINVAL names the bad one in @bad. */
int privs_set_caps(struct privs *p, const char *list, char *bad, size_t badlen);
/* Become what @p says; on failure *@step names what failed. */
int privs_apply(const struct privs *p, const char **step);

/* Where modules are looked for, and what the kernel allows: for messages. */
struct module_env {
	char release[65];	/* the running kernel */
	char vector_dir[4096];	/* searched first (sysvec_vector_dir()) */
	char kmod_dir[4096];	/* then its modules.dep: /lib/modules/RELEASE */
	bool may_load;		/* CAP_SYS_MODULE is effective */
	bool modules_disabled;	/* kernel.modules_disabled=1 */
};

/* The module svrun wanted to load. */
struct module_want {
	const char *module;		/* its name: "sysvec_web", "sysvec" */
	const char *file;		/* where it was found, NULL if nowhere */
	const char *profile_name;	/* the vector's profile; NULL: the registry */
	const char *profile_path;
};

/* Fill @env for the running kernel and this process. */
void module_env_read(struct module_env *env);
/*
 * Module @m could not be found or loaded (-@err, as libsysvec returned
 * it): say why and what to do in @why; return svrun's exit code for it.
 */
int module_failure(const struct module_env *env, const struct module_want *m, int err,
		   char *why, size_t len);

#endif /* SVRUN_H */
