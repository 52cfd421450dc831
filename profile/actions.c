// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The actions a rule may take, as one table: the name a profile and
 * policyc's messages give each, its uapi value and the macro the module
 * source names it by, what it does to the call, and the seccomp action the
 * fallback backend gives it. The parser, the resolver, the module source,
 * the seccomp filter, explain and import-oci all read it here.
 */
#include <string.h>
#include "profile.h"

/* Each action is its uapi value (enum sysvec_action). */
_Static_assert((int)SVP_ACT_NONE == (int)SYSVEC_ACT_DEFAULT, "SVP_ACT_NONE");
_Static_assert((int)SVP_ACT_ALLOW == (int)SYSVEC_ACT_ALLOW, "SVP_ACT_ALLOW");
_Static_assert((int)SVP_ACT_DENY == (int)SYSVEC_ACT_DENY, "SVP_ACT_DENY");
_Static_assert((int)SVP_ACT_KILL == (int)SYSVEC_ACT_KILL, "SVP_ACT_KILL");
_Static_assert((int)SVP_ACT_LOG == (int)SYSVEC_ACT_LOG, "SVP_ACT_LOG");
_Static_assert((int)SVP_ACT_DENY_LOG == (int)SYSVEC_ACT_DENY_LOG, "SVP_ACT_DENY_LOG");
_Static_assert((int)SVP_ACT_RETURN == (int)SYSVEC_ACT_RETURN, "SVP_ACT_RETURN");
/* Every uapi action but DEFAULT and COND has its line below. */
_Static_assert(SYSVEC_ACT_COND == SVP_ACT_RETURN + 1 && _SYSVEC_ACT_MAX == SYSVEC_ACT_COND,
	       "a new uapi action needs an SVP_ACT_* and a line in svp_actions[]");

/* Action @A is SVP_ACT_@A, SYSVEC_ACT_@A in the uapi. */
#define ACTION(A, ...) \
	{ .act = SVP_ACT_##A, .uapi = SYSVEC_ACT_##A, .uapi_name = "SYSVEC_ACT_" #A, __VA_ARGS__ }

const struct svp_action_kind svp_actions[] = {
	ACTION(ALLOW, .name = "allow", .word = "allow", .arg = SVP_ARG_NONE,
	       .scmp = SCMP_ACT_ALLOW, .help = "run the call"),
	ACTION(DENY, .name = "deny", .word = "deny", .log_act = SVP_ACT_DENY_LOG,
	       .arg = SVP_ARG_ERRNO, .skips = true, .refuses = true,
	       .scmp = SCMP_ACT_ERRNO(0),
	       .help = "fail the call with an errno (EPERM unless errno: says)"),
	ACTION(KILL, .name = "kill", .word = "kill", .arg = SVP_ARG_NONE, .skips = true,
	       .refuses = true, .scmp = SCMP_ACT_KILL_PROCESS,
	       .help = "kill the process instead of running the call, and log it"),
	ACTION(LOG, .name = "log", .word = "log", .log_act = SVP_ACT_LOG, .arg = SVP_ARG_NONE,
	       .logs = true, .scmp = SCMP_ACT_LOG,
	       .help = "write an audit record and run the call"),
	ACTION(DENY_LOG, .name = "deny+log", .arg = SVP_ARG_ERRNO, .skips = true,
	       .refuses = true, .logs = true, .scmp = SCMP_ACT_ERRNO(0),
	       .help = "fail the call with an errno and write an audit record (deny, log: true)"),
	ACTION(RETURN, .name = "return", .arg = SVP_ARG_RETURN, .skips = true,
	       .scmp = SCMP_ACT_ERRNO(0),
	       .help = "return a value (0 to 65535) instead of running the call (override)"),
};
const size_t svp_nr_actions = ARRAY_LEN(svp_actions);

#undef ACTION

const struct svp_action_kind *svp_action_kind(enum svp_act act)
{
	size_t i;

	for (i = 0; i < svp_nr_actions; i++)
		if (svp_actions[i].act == act)
			return &svp_actions[i];
	return NULL;
}

const struct svp_action_kind *svp_action_of_word(const char *word)
{
	size_t i;

	for (i = 0; i < svp_nr_actions; i++)
		if (svp_actions[i].word && !strcmp(svp_actions[i].word, word))
			return &svp_actions[i];
	return NULL;
}

const struct svp_action_kind *svp_action_of_scmp(uint32_t scmp)
{
	size_t i;

	for (i = 0; i < svp_nr_actions; i++) {
		const struct svp_action_kind *k = &svp_actions[i];

		/* an errno of 0 is no deny: it is what return gives */
		if (k->arg == SVP_ARG_ERRNO ? (scmp & 0xffff0000u) == k->scmp && (scmp & 0xffffu)
					    : scmp == k->scmp)
			return k;
	}
	return NULL;
}

const char *svp_act_name(enum svp_act a)
{
	const struct svp_action_kind *k = svp_action_kind(a);

	return k ? k->name : "default";
}

void svp_action_text(const struct svp_action *a, char *out, size_t len)
{
	const struct svp_action_kind *k = svp_action_kind(a->act);
	const char *e;

	switch (k ? k->arg : SVP_ARG_NONE) {
	case SVP_ARG_ERRNO:
		e = svp_errno_name(a->value);
		if (e)
			snprintf(out, len, "%s %s", k->name, e);
		else
			snprintf(out, len, "%s %d", k->name, a->value);
		break;
	case SVP_ARG_RETURN:
		snprintf(out, len, "%s %d", k->name, a->value);
		break;
	case SVP_ARG_NONE:
		snprintf(out, len, "%s", svp_act_name(a->act));
		break;
	}
}
