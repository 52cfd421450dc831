/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svrun: run a command confined by a sysvec profile.
 *   main.c   options, choosing the backend, confining and executing
 *   privs.c  the user, group and capabilities the command runs with
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

#endif /* SVRUN_H */
