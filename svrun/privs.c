// SPDX-License-Identifier: GPL-2.0
/*
 * svrun: the user, group and capabilities the command runs with.
 *
 * Capabilities: --caps keeps exactly the listed ones in every set
 * (bounding, permitted, effective, inheritable and ambient, so that they
 * survive the execve, also under another user); --drop-caps keeps none.
 * Without either, a change of user drops them the usual way and root
 * keeps its own.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "svrun.h"

static bool parse_id(const char *s, unsigned int *id)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v >= (unsigned long)(unsigned int)-1)
		return false;
	*id = v;
	return true;
}

int privs_set_user(struct privs *p, const char *user)
{
	struct passwd *pw = getpwnam(user);
	unsigned int id;

	if (pw) {
		p->uid = pw->pw_uid;
		p->user_gid = pw->pw_gid;
	} else if (parse_id(user, &id)) {
		p->uid = id;
		pw = getpwuid(id);
		p->user_gid = pw ? pw->pw_gid : id;
	} else {
		return -ENOENT;
	}
	p->set_user = true;
	return 0;
}

int privs_set_group(struct privs *p, const char *group)
{
	struct group *gr = getgrnam(group);
	unsigned int id;

	if (gr)
		p->gid = gr->gr_gid;
	else if (parse_id(group, &id))
		p->gid = id;
	else
		return -ENOENT;
	p->set_group = true;
	return 0;
}

int privs_set_caps(struct privs *p, const char *list, char *bad, size_t badlen)
{
	_cleanup_free_ char *copy = strdup(list);
	char *name, *save = NULL;

	if (!copy)
		return -ENOMEM;
	p->caps_given = true;
	p->nr_caps = 0;
	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		char full[64];
		cap_value_t v;

		/* "net_bind_service" and "CAP_NET_BIND_SERVICE" both name it */
		if (strncasecmp(name, "cap_", 4))
			snprintf(full, sizeof(full), "cap_%s", name);
		else
			snprintf(full, sizeof(full), "%s", name);
		if (cap_from_name(full, &v) || p->nr_caps >= PRIVS_MAX_CAPS) {
			snprintf(bad, badlen, "%s", name);
			return -EINVAL;
		}
		p->caps[p->nr_caps++] = v;
	}
	return 0;
}

static bool privs_has_cap(const struct privs *p, cap_value_t v)
{
	int i;

	for (i = 0; i < p->nr_caps; i++)
		if (p->caps[i] == v)
			return true;
	return false;
}

static void cap_freep(cap_t *c)
{
	if (*c)
		cap_free(*c);
}

int privs_apply(const struct privs *p, const char **step)
{
	bool caps = p->caps_given || p->drop_caps;
	cap_value_t v;
	int i;

	if (caps) {
		*step = "capability bounding set";
		for (v = 0; v <= cap_max_bits() - 1; v++)
			if ((p->drop_caps || !privs_has_cap(p, v)) && CAP_IS_SUPPORTED(v) &&
			    cap_drop_bound(v))
				return -errno;
	}
	if (p->set_user && p->caps_given) {
		*step = "PR_SET_KEEPCAPS";
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
			return -errno;
	}
	if (p->set_group || p->set_user) {
		gid_t gid = p->set_group ? p->gid : p->user_gid;

		*step = "supplementary groups";
		if (setgroups(1, &gid))
			return -errno;
		*step = "group";
		if (setresgid(gid, gid, gid))
			return -errno;
	}
	if (p->set_user) {
		*step = "user";
		if (setresuid(p->uid, p->uid, p->uid))
			return -errno;
	}
	if (caps) {
		_cleanup_(cap_freep) cap_t c = cap_init();
		static const cap_flag_t sets[] = { CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE };

		*step = "capabilities";
		if (!c)
			return -errno;
		for (i = 0; !p->drop_caps && i < p->nr_caps; i++)
			for (size_t s = 0; s < ARRAY_LEN(sets); s++)
				if (cap_set_flag(c, sets[s], 1, &p->caps[i], CAP_SET))
					return -errno;
		if (cap_set_proc(c))
			return -errno;
		*step = "ambient capabilities";
		if (cap_reset_ambient())
			return -errno;
		for (i = 0; !p->drop_caps && i < p->nr_caps; i++)
			if (cap_set_ambient(p->caps[i], CAP_SET))
				return -errno;
	}
	if (p->set_user && p->uid != 0) {
		/* Make sure there is no way back. */
		*step = "checking the user change";
		if (setuid(0) == 0)
			return -EPERM;
	}
	return 0;
}
