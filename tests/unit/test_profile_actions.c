// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the profile library's action table (profile/actions.c):
 * one entry per uapi action, names that read back, the seccomp actions,
 * and the words the parser's fixes list; and the comparison operators,
 * whose values are the kernel's.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "profile.h"
#include "sysvec.h"
#include "unit.h"

/* Every uapi action but DEFAULT and COND is exactly one entry, and its own. */
START_TEST(uapi_actions_map_once)
{
	uint32_t v;
	size_t i, n;

	for (v = 0; v <= _SYSVEC_ACT_MAX; v++) {
		bool wanted = v != SYSVEC_ACT_DEFAULT && v != SYSVEC_ACT_COND;

		for (i = 0, n = 0; i < svp_nr_actions; i++)
			n += svp_actions[i].uapi == v;
		ck_assert_msg(n == (wanted ? 1 : 0), "uapi action %u: %zu entries", v, n);
		if (!wanted) {
			ck_assert_ptr_null(svp_action_kind((enum svp_act)v));
			continue;
		}
		ck_assert_ptr_nonnull(svp_action_kind((enum svp_act)v));
		ck_assert_uint_eq(svp_action_kind((enum svp_act)v)->uapi, v);
		ck_assert_uint_eq(svp_action_kind((enum svp_act)v)->act, v);
	}
	ck_assert_uint_eq(svp_nr_actions, _SYSVEC_ACT_MAX - 1);
	/* in the order of their values */
	for (i = 1; i < svp_nr_actions; i++)
		ck_assert_uint_lt(svp_actions[i - 1].act, svp_actions[i].act);
}
END_TEST

/* Names are unique and read back; the macro is SYSVEC_ACT_ and the name. */
START_TEST(action_names_round_trip)
{
	size_t i, j;

	for (i = 0; i < svp_nr_actions; i++) {
		const struct svp_action_kind *k = &svp_actions[i];
		char macro[64];

		ck_assert_msg(k->name && k->name[0], "action %u has no name", k->act);
		ck_assert_msg(k->help && strlen(k->help) > 10, "%s has no help", k->name);
		ck_assert_str_eq(svp_act_name(k->act), k->name);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(svp_actions[j].name, k->name);
		if (k->word) {
			ck_assert_str_eq(k->word, k->name);
			ck_assert_ptr_eq(svp_action_of_word(k->word), k);
		} else {
			ck_assert_ptr_null(svp_action_of_word(k->name));
		}
		/* "deny+log": SYSVEC_ACT_DENY_LOG */
		snprintf(macro, sizeof(macro), "SYSVEC_ACT_%s", k->name);
		for (j = strlen("SYSVEC_ACT_"); macro[j]; j++)
			macro[j] = macro[j] == '+' ? '_' : toupper((unsigned char)macro[j]);
		ck_assert_str_eq(k->uapi_name, macro);
	}
	ck_assert_str_eq(svp_act_name(SVP_ACT_NONE), "default");
	ck_assert_ptr_null(svp_action_of_word("default"));
	ck_assert_ptr_null(svp_action_of_word("Allow"));
}
END_TEST

/* What each action does, and what log: true makes of it. */
START_TEST(action_semantics)
{
	size_t i;

	for (i = 0; i < svp_nr_actions; i++) {
		const struct svp_action_kind *k = &svp_actions[i];

		/* a refusal never runs the call; a logged one asks for a record */
		ck_assert_msg(!k->refuses || k->skips, "%s refuses but runs the call", k->name);
		if (k->log_act) {
			ck_assert_ptr_nonnull(k->word);
			ck_assert_msg(svp_action_kind(k->log_act)->logs, "%s: log: true", k->name);
			ck_assert_int_eq(svp_action_kind(k->log_act)->arg, k->arg);
		}
	}
	ck_assert(!svp_action_kind(SVP_ACT_ALLOW)->skips);
	ck_assert(!svp_action_kind(SVP_ACT_LOG)->skips);
	ck_assert(svp_action_kind(SVP_ACT_RETURN)->skips);
	ck_assert(!svp_action_kind(SVP_ACT_RETURN)->refuses);
	ck_assert(svp_action_kind(SVP_ACT_KILL)->refuses);
	ck_assert_int_eq(svp_action_kind(SVP_ACT_DENY)->log_act, SVP_ACT_DENY_LOG);
	ck_assert_int_eq(svp_action_kind(SVP_ACT_KILL)->log_act, SVP_ACT_NONE);
}
END_TEST

/* Each seccomp action reads back to its entry (deny+log's to deny's). */
START_TEST(action_seccomp_round_trip)
{
	size_t i;

	for (i = 0; i < svp_nr_actions; i++) {
		const struct svp_action_kind *k = &svp_actions[i], *back;

		if (k->arg == SVP_ARG_ERRNO) {
			back = svp_action_of_scmp(k->scmp | EACCES);
			ck_assert_ptr_nonnull(back);
			ck_assert_int_eq(back->arg, SVP_ARG_ERRNO);
			ck_assert_uint_eq(back->scmp, k->scmp);
		} else {
			ck_assert_ptr_eq(svp_action_of_scmp(k->scmp), k);
		}
	}
	ck_assert_int_eq(svp_action_of_scmp(SCMP_ACT_ERRNO(EPERM))->act, SVP_ACT_DENY);
	ck_assert_int_eq(svp_action_of_scmp(SCMP_ACT_ERRNO(0))->act, SVP_ACT_RETURN);
	ck_assert_int_eq(svp_action_of_scmp(SCMP_ACT_KILL_PROCESS)->act, SVP_ACT_KILL);
	ck_assert_ptr_null(svp_action_of_scmp(SCMP_ACT_TRAP));
}
END_TEST

START_TEST(action_texts)
{
	static const struct {
		struct svp_action a;
		const char *text;
	} cases[] = {
		{ { .act = SVP_ACT_NONE, .value = 0 }, "default" },
		{ { .act = SVP_ACT_ALLOW, .value = 0 }, "allow" },
		{ { .act = SVP_ACT_DENY, .value = EACCES }, "deny EACCES" },
		{ { .act = SVP_ACT_DENY_LOG, .value = 4000 }, "deny+log 4000" },
		{ { .act = SVP_ACT_KILL, .value = 0 }, "kill" },
		{ { .act = SVP_ACT_LOG, .value = 0 }, "log" },
		{ { .act = SVP_ACT_RETURN, .value = 7 }, "return 7" },
	};
	char text[64];
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		svp_action_text(&cases[i].a, text, sizeof(text));
		ck_assert_str_eq(text, cases[i].text);
	}
}
END_TEST

/* The fix of diagnostic for @yaml (loaded from memory), in @out. */
static void fix_of(const char *yaml, char *out, size_t len)
{
	struct svp_profile p;
	char *text = NULL;
	size_t tl;
	FILE *f;
	const char *fix;

	profile_quiet();
	f = open_memstream(&text, &tl);
	ck_assert_ptr_nonnull(f);
	svp_diag_set_stream(f);
	ck_assert_int_eq(svp_profile_load_buffer("t.yaml", yaml, strlen(yaml), &p), -EINVAL);
	fclose(f);
	profile_quiet();
	fix = strstr(text, "  fix: ");
	ck_assert_ptr_nonnull(fix);
	snprintf(out, len, "%.*s", (int)strcspn(fix + 7, "\n"), fix + 7);
	free(text);
}

/* The parser lists the words `action:` takes from the table. */
START_TEST(action_words_in_fixes)
{
	char fix[256];

	fix_of("name: x\ndefault: zzzzzzzzzz\n", fix, sizeof(fix));
	ck_assert_str_eq(fix, "write allow, deny, kill or log");
	fix_of("name: x\ndefault: {errno: EPERM}\n", fix, sizeof(fix));
	ck_assert_str_eq(fix, "add \"action: allow|deny|kill|log\"");
	fix_of("name: x\n", fix, sizeof(fix));
	ck_assert_str_eq(fix, "add default: deny (or allow, kill, log)");
	fix_of("name: x\ndefault: alow\n", fix, sizeof(fix));
	ck_assert_str_eq(fix, "did you mean \"allow\"?");
}
END_TEST

/*
 * enum svp_cmp has the values of the kernel's enum sysvec_cmp
 * (kernel/sysvec_vector.h), which user space cannot include: read them.
 */
START_TEST(cmp_matches_kernel)
{
	static const struct {
		const char *name;
		int value;
	} ours[] = {
		{ "EQ", SVP_CMP_EQ }, { "NE", SVP_CMP_NE }, { "LT", SVP_CMP_LT },
		{ "LE", SVP_CMP_LE }, { "GT", SVP_CMP_GT }, { "GE", SVP_CMP_GE },
		{ "MASKED_EQ", SVP_CMP_MASKED_EQ },
	};
	_cleanup_free_ char *h = NULL;
	const char *p, *end;
	size_t len, i, found = 0;
	int value = -1;

	ck_assert_int_eq(svp_read_file("kernel/sysvec_vector.h", &h, &len), 0);
	p = strstr(h, "enum sysvec_cmp {");
	ck_assert_ptr_nonnull(p);
	end = strstr(p, "};");
	ck_assert_ptr_nonnull(end);
	/* each line: SYSVEC_CMP_NAME [= N], ... */
	for (p = strchr(p, '\n'); p && p < end; p = strchr(p + 1, '\n')) {
		char name[32];
		int n, v;

		if (sscanf(p, " SYSVEC_CMP_%31[A-Z_]%n", name, &n) != 1)
			continue;
		value = sscanf(p + n, " = %d", &v) == 1 ? v : value + 1;
		for (i = 0; i < ARRAY_LEN(ours); i++) {
			if (strcmp(ours[i].name, name))
				continue;
			ck_assert_msg(ours[i].value == value, "SYSVEC_CMP_%s is %d, SVP_CMP_%s %d",
				      name, value, name, ours[i].value);
			found++;
		}
	}
	ck_assert_uint_eq(found, ARRAY_LEN(ours));
}
END_TEST

TCase *profile_actions_tcase(void)
{
	TCase *tc = tcase_create("actions");

	tcase_add_test(tc, uapi_actions_map_once);
	tcase_add_test(tc, action_names_round_trip);
	tcase_add_test(tc, action_semantics);
	tcase_add_test(tc, action_seccomp_round_trip);
	tcase_add_test(tc, action_texts);
	tcase_add_test(tc, action_words_in_fixes);
	tcase_add_test(tc, cmp_matches_kernel);
	return tc;
}
