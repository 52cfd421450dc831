// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of policyc's parts: name tables, groups, the YAML loader and
 * profile parser, the resolver's precedence rules, the code generator and
 * SHA-256. The golden cases (tests/policyc) test the whole program.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policyc.h"
#include "unit.h"

static FILE *sink;

static void quiet(void)
{
	diag_reset();
	if (!sink)
		sink = fopen("/dev/null", "w");
	diag_set_stream(sink);
}

/* Load a profile from @text; return 0 or the loader's error. */
static int load(const char *text, struct profile *p)
{
	quiet();
	return profile_load_buffer("t.yaml", text, strlen(text), p);
}

START_TEST(names_from_kernel_headers)
{
	ck_assert_int_eq(sys_nr(ABI_X86_64, "read"), 0);
	ck_assert_int_eq(sys_nr(ABI_X86_64, "getppid"), 110);
	ck_assert_int_eq(sys_nr(ABI_I386, "getppid"), 64);
	ck_assert_int_eq(sys_nr(ABI_I386, "socketcall"), 102);
	ck_assert_int_eq(sys_nr(ABI_X86_64, "socketcall"), -1);
	ck_assert_str_eq(sys_name(ABI_X86_64, 59), "execve");
	ck_assert_ptr_null(sys_name(ABI_X86_64, 100000));
	ck_assert(sys_known("socketcall"));
	ck_assert(!sys_known("opne"));
	ck_assert_int_gt(sys_count(ABI_X86_64), 400);
	ck_assert_int_le(sys_count(ABI_X86_64), 1024);
	ck_assert_int_le(sys_count(ABI_I386), 1024);
}
END_TEST

START_TEST(errno_names)
{
	ck_assert_int_eq(errno_nr("EPERM"), EPERM);
	ck_assert_int_eq(errno_nr("EACCES"), EACCES);
	ck_assert_int_eq(errno_nr("EWOULDBLOCK"), EAGAIN);
	ck_assert_int_eq(errno_nr("EACCESS"), -1);
	ck_assert_str_eq(errno_name(EAGAIN), "EAGAIN");
	ck_assert_str_eq(errno_name(ENOSYS), "ENOSYS");
}
END_TEST

START_TEST(suggestions)
{
	char out[128];

	sys_suggest("opne", out, sizeof(out));
	ck_assert_ptr_nonnull(strstr(out, "\"open\""));
	errno_suggest("EACCESS", out, sizeof(out));
	ck_assert_str_eq(out, "\"EACCES\"");
	groups_suggest("@netwrok", out, sizeof(out));
	ck_assert_str_eq(out, "\"@network\"");
	sys_suggest("zzzzzzzzzzzz", out, sizeof(out));
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(edit_distance("kitten", "sitting"), 3);
}
END_TEST

/* Every group member is a syscall of at least one ABI, and has help. */
START_TEST(groups_are_valid)
{
	const struct group *g;
	size_t n, i, j;

	ck_assert_int_eq(groups_load(&g, &n), 0);
	ck_assert_uint_ge(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_msg(g[i].name[0] == '@', "%s", g[i].name);
		ck_assert_msg(g[i].help && strlen(g[i].help) > 10, "%s has no help", g[i].name);
		for (j = 0; j < g[i].nr; j++)
			ck_assert_msg(sys_known(g[i].syscalls[j]), "%s: unknown %s", g[i].name,
				      g[i].syscalls[j]);
	}
	ck_assert_ptr_nonnull(group_find("@file-write"));
	ck_assert_ptr_null(group_find("@nope"));
}
END_TEST

START_TEST(parse_full_profile)
{
	struct profile p;

	ck_assert_int_eq(load("name: web\nversion: \"1.2\"\ndescription: d\n"
			      "default: {action: deny, errno: EACCES, log: true}\n"
			      "complain: false\nio_uring: true\n"
			      "rules:\n"
			      "  - syscalls: [read, \"@network\"]\n    action: allow\n"
			      "  - syscall: socket\n    action: deny\n    errno: EAFNOSUPPORT\n"
			      "    args:\n      - {arg: 0, op: masked-eq, mask: 0xff, value: 0x11}\n"
			      "      - {arg: 1, op: ge, value: -1}\n"
			      "  - syscalls: [setuid]\n    override: {return: 0}\n", &p), 0);
	ck_assert_str_eq(p.name, "web");
	ck_assert_str_eq(p.version, "1.2");
	ck_assert_int_eq(p.dflt.act, ACT_DENY_LOG);
	ck_assert_int_eq(p.dflt.value, EACCES);
	ck_assert(p.io_uring);
	ck_assert_uint_eq(p.nr_rules, 3);
	ck_assert_uint_eq(p.rules[0].nr_targets, 2);
	ck_assert_int_eq(p.rules[1].nr_conds, 2);
	ck_assert_int_eq(p.rules[1].conds[0].op, CMP_MASKED_EQ);
	ck_assert_uint_eq(p.rules[1].conds[0].mask, 0xff);
	ck_assert_uint_eq(p.rules[1].conds[1].value, UINT64_MAX);
	ck_assert_int_eq(p.rules[2].action.act, ACT_RETURN);
	ck_assert_uint_eq(strlen(p.hash), 64);
	profile_free(&p);
	ck_assert_int_eq(diag_errors(), 0);
}
END_TEST

/* Inputs that must be refused, each with at least one error reported. */
START_TEST(parse_refuses)
{
	static const char *const bad[] = {
		"",
		"[1, 2]",
		"name: x\n",					/* no default */
		"default: deny\n",				/* no name */
		"name: x\ndefault: deny\nname: y\n",		/* duplicate key */
		"name: x\ndefault: deny\nrules: {}\n",
		"name: x\ndefault: maybe\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: []\n    action: allow\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [nosuchcall]\n    action: allow\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    action: allow\n    errno: EPERM\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    action: deny\n    errno: 4096\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    action: allow\n    args: []\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    action: allow\n"
		"    args: [{arg: 0, op: eq, value: 99999999999999999999}]\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    action: allow\n"
		"    args: [{arg: 0, op: eq, value: 1, mask: 1}]\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    override: {return: -1}\n",
		"name: x\ndefault: deny\nrules:\n  - syscalls: [read]\n    wrap: {return: 0}\n",
		"name: x\ndefault: deny\ninclude: other.yaml\n",	/* includes need a file */
		"name: x\ndefault: deny\nx: &a 1\n",
		"name: x\ndefault: deny\n---\nname: y\n",
		"name: 1x\ndefault: deny\n",
		"name: x\ndefault: deny\nversion: \"a b\"\n",
		"name: x\ndefault: deny\ncomplain: yes\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		struct profile p;

		ck_assert_msg(load(bad[i], &p) == -EINVAL, "accepted: %s", bad[i]);
		ck_assert_msg(diag_errors() > 0, "no error for: %s", bad[i]);
	}
}
END_TEST

START_TEST(parse_refuses_deep_nesting)
{
	char text[512] = "name: x\ndefault: deny\nrules: ";
	struct profile p;
	int i;

	for (i = 0; i < 40; i++)
		strcat(text, "[");
	for (i = 0; i < 40; i++)
		strcat(text, "]");
	ck_assert_int_eq(load(text, &p), -EINVAL);
}
END_TEST

static const struct entry *entry(const struct resolved *r, enum abi abi, const char *name)
{
	return &r->tab[abi][sys_nr(abi, name)];
}

START_TEST(resolve_precedence)
{
	struct profile p;
	struct resolved r;

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [\"@file-write\"]\n    action: deny\n    errno: EROFS\n"
			      "  - syscalls: [unlink]\n    action: log\n"
			      "  - syscalls: [socket]\n    action: allow\n"
			      "    args: [{arg: 0, op: eq, value: 1}]\n"
			      "  - syscalls: [socket]\n    action: kill\n", &p), 0);
	ck_assert_int_eq(resolve(&p, &r), 0);
	/* the group decides its members ... */
	ck_assert_int_eq(entry(&r, ABI_X86_64, "mkdir")->action.act, ACT_DENY);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "mkdir")->action.value, EROFS);
	ck_assert_int_eq(entry(&r, ABI_I386, "chown32")->action.act, ACT_DENY);
	/* ... except one named in a rule of its own */
	ck_assert_int_eq(entry(&r, ABI_X86_64, "unlink")->action.act, ACT_LOG);
	/* not mentioned: the default */
	ck_assert_int_eq(entry(&r, ABI_X86_64, "read")->action.act, ACT_NONE);
	/* conditions form a chain before the plain rule */
	ck_assert_uint_eq(entry(&r, ABI_X86_64, "socket")->nr_chain, 1);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "socket")->chain[0].action.act, ACT_ALLOW);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "socket")->action.act, ACT_KILL);
	resolved_free(&r);
	profile_free(&p);
}
END_TEST

START_TEST(resolve_conflicts)
{
	struct profile p;
	struct resolved r;

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [mkdir]\n    action: deny\n"
			      "  - syscalls: [mkdir]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(resolve(&p, &r), -EINVAL);
	/* one report for the pair, although two ABIs share the conflict */
	ck_assert_int_eq(diag_errors(), 1);
	profile_free(&p);

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [read]\n    action: allow\n"
			      "  - syscalls: [read]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(resolve(&p, &r), 0);
	ck_assert_int_eq(diag_warnings(), 1);
	resolved_free(&r);
	profile_free(&p);
}
END_TEST

START_TEST(resolve_complain)
{
	struct profile p;
	struct resolved r;

	ck_assert_int_eq(load("name: x\ndefault: kill\ncomplain: true\nrules:\n"
			      "  - syscalls: [mkdir]\n    action: deny\n"
			      "  - syscalls: [setuid]\n    override: {return: 0}\n"
			      "  - syscalls: [read]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(resolve(&p, &r), 0);
	ck_assert_int_eq(r.dflt.act, ACT_LOG);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "mkdir")->action.act, ACT_LOG);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "setuid")->action.act, ACT_RETURN);
	ck_assert_int_eq(entry(&r, ABI_X86_64, "read")->action.act, ACT_ALLOW);
	resolved_free(&r);
	profile_free(&p);
}
END_TEST

static char *emit(const char *text)
{
	struct profile p;
	struct resolved r;
	char *c = NULL, *k = NULL;
	size_t cl, kl;
	FILE *cf, *kf;

	ck_assert_int_eq(load(text, &p), 0);
	ck_assert_int_eq(resolve(&p, &r), 0);
	cf = open_memstream(&c, &cl);
	kf = open_memstream(&k, &kl);
	ck_assert_int_eq(emit_module(&r, cf, kf), 0);
	fclose(cf);
	fclose(kf);
	free(k);
	resolved_free(&r);
	profile_free(&p);
	return c;
}

START_TEST(emit_tables)
{
	char *a = emit("name: my-prof\ndefault: {action: deny, errno: EACCES}\nrules:\n"
		       "  - syscalls: [getppid]\n    action: allow\n"
		       "  - syscalls: [mkdir]\n    action: deny\n    errno: EROFS\n    log: true\n");
	char *b = emit("name: my-prof\ndefault: {action: deny, errno: EACCES}\nrules:\n"
		       "  - syscalls: [getppid]\n    action: allow\n"
		       "  - syscalls: [mkdir]\n    action: deny\n    errno: EROFS\n    log: true\n");

	ck_assert_str_eq(a, b);		/* deterministic */
	ck_assert_ptr_nonnull(strstr(a, "Generated by policyc"));
	ck_assert_ptr_nonnull(strstr(a, "\t[110] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),\t/* getppid: t.yaml:4 */"));
	ck_assert_ptr_nonnull(strstr(a, "\t[64] = SYSVEC_RULE(SYSVEC_ACT_ALLOW, 0),\t/* getppid: t.yaml:4 */"));
	ck_assert_ptr_nonnull(strstr(a, "[83] = SYSVEC_RULE(SYSVEC_ACT_DENY_LOG, EROFS)"));
	ck_assert_ptr_nonnull(strstr(a, ".default_rule = SYSVEC_RULE(SYSVEC_ACT_DENY, EACCES)"));
	ck_assert_ptr_nonnull(strstr(a, ".name = \"my-prof\""));
	ck_assert_ptr_null(strstr(a, ".chains"));
	free(a);
	free(b);
}
END_TEST

START_TEST(module_names)
{
	char out[80];

	module_name("protect-files", out, sizeof(out));
	ck_assert_str_eq(out, "sysvec_protect_files");
}
END_TEST

START_TEST(sha256_vectors)
{
	char hex[65];

	sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

Suite *policyc_suite(void)
{
	Suite *s = suite_create("policyc");
	TCase *tc = tcase_create("policyc");

	tcase_add_test(tc, names_from_kernel_headers);
	tcase_add_test(tc, errno_names);
	tcase_add_test(tc, suggestions);
	tcase_add_test(tc, groups_are_valid);
	tcase_add_test(tc, parse_full_profile);
	tcase_add_test(tc, parse_refuses);
	tcase_add_test(tc, parse_refuses_deep_nesting);
	tcase_add_test(tc, resolve_precedence);
	tcase_add_test(tc, resolve_conflicts);
	tcase_add_test(tc, resolve_complain);
	tcase_add_test(tc, emit_tables);
	tcase_add_test(tc, module_names);
	tcase_add_test(tc, sha256_vectors);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, twins_tcase());
	return s;
}
