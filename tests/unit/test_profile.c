// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the profile library (profile/): name tables, groups, the
 * YAML loader and profile parser, protect:, the resolver's precedence
 * rules, the seccomp backend and SHA-256. test_profile_actions.c tests the
 * action table, test_profile_twins.c the i386 twins; test_policyc.c what
 * policyc makes of a profile.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "profile.h"
#include "sysvec.h"
#include "unit.h"

static FILE *sink;

/* Start a test of the library with its diagnostics reset and sent nowhere. */
void profile_quiet(void)
{
	svp_diag_reset();
	if (!sink)
		sink = fopen("/dev/null", "w");
	svp_diag_set_stream(sink);
}

/* Load a profile from @text; return 0 or the loader's error. */
static int load(const char *text, struct svp_profile *p)
{
	profile_quiet();
	return svp_profile_load_buffer("t.yaml", text, strlen(text), p);
}

START_TEST(names_from_kernel_headers)
{
	ck_assert_int_eq(svp_sys_nr(SVP_ABI_X86_64, "read"), 0);
	ck_assert_int_eq(svp_sys_nr(SVP_ABI_X86_64, "getppid"), 110);
	ck_assert_int_eq(svp_sys_nr(SVP_ABI_I386, "getppid"), 64);
	ck_assert_int_eq(svp_sys_nr(SVP_ABI_I386, "socketcall"), 102);
	ck_assert_int_eq(svp_sys_nr(SVP_ABI_X86_64, "socketcall"), -1);
	ck_assert_str_eq(svp_sys_name(SVP_ABI_X86_64, 59), "execve");
	ck_assert_ptr_null(svp_sys_name(SVP_ABI_X86_64, 100000));
	ck_assert(svp_sys_known("socketcall"));
	ck_assert(!svp_sys_known("opne"));
	ck_assert_int_gt(svp_sys_count(SVP_ABI_X86_64), 400);
	ck_assert_int_le(svp_sys_count(SVP_ABI_X86_64), 1024);
	ck_assert_int_le(svp_sys_count(SVP_ABI_I386), 1024);
}
END_TEST

START_TEST(errno_names)
{
	ck_assert_int_eq(svp_errno_nr("EPERM"), EPERM);
	ck_assert_int_eq(svp_errno_nr("EACCES"), EACCES);
	ck_assert_int_eq(svp_errno_nr("EWOULDBLOCK"), EAGAIN);
	ck_assert_int_eq(svp_errno_nr("EACCESS"), -1);
	ck_assert_str_eq(svp_errno_name(EAGAIN), "EAGAIN");
	ck_assert_str_eq(svp_errno_name(ENOSYS), "ENOSYS");
}
END_TEST

START_TEST(suggestions)
{
	char out[128];

	svp_sys_suggest("opne", out, sizeof(out));
	ck_assert_ptr_nonnull(strstr(out, "\"open\""));
	svp_errno_suggest("EACCESS", out, sizeof(out));
	ck_assert_str_eq(out, "\"EACCES\"");
	svp_groups_suggest("@netwrok", out, sizeof(out));
	ck_assert_str_eq(out, "\"@network\"");
	svp_sys_suggest("zzzzzzzzzzzz", out, sizeof(out));
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(svp_edit_distance("kitten", "sitting"), 3);
}
END_TEST

/* Every group member is a syscall of at least one ABI, and has help. */
START_TEST(groups_are_valid)
{
	const struct svp_group *g;
	size_t n, i, j;

	ck_assert_int_eq(svp_groups_load(&g, &n), 0);
	ck_assert_uint_ge(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_msg(g[i].name[0] == '@', "%s", g[i].name);
		ck_assert_msg(g[i].help && strlen(g[i].help) > 10, "%s has no help", g[i].name);
		for (j = 0; j < g[i].nr; j++)
			ck_assert_msg(svp_sys_known(g[i].syscalls[j]), "%s: unknown %s", g[i].name,
				      g[i].syscalls[j]);
	}
	ck_assert_ptr_nonnull(svp_group_find("@file-write"));
	ck_assert_ptr_null(svp_group_find("@nope"));
}
END_TEST

START_TEST(parse_full_profile)
{
	struct svp_profile p;

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
	ck_assert_int_eq(p.dflt.act, SVP_ACT_DENY_LOG);
	ck_assert_int_eq(p.dflt.value, EACCES);
	ck_assert(p.io_uring);
	ck_assert_uint_eq(p.nr_rules, 3);
	ck_assert_uint_eq(p.rules[0].nr_targets, 2);
	ck_assert_int_eq(p.rules[1].nr_conds, 2);
	ck_assert_int_eq(p.rules[1].conds[0].op, SVP_CMP_MASKED_EQ);
	ck_assert_uint_eq(p.rules[1].conds[0].mask, 0xff);
	ck_assert_uint_eq(p.rules[1].conds[1].value, UINT64_MAX);
	ck_assert_int_eq(p.rules[2].action.act, SVP_ACT_RETURN);
	ck_assert_uint_eq(strlen(p.hash), 64);
	svp_profile_free(&p);
	ck_assert_int_eq(svp_diag_errors(), 0);
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
		struct svp_profile p;

		ck_assert_msg(load(bad[i], &p) == -EINVAL, "accepted: %s", bad[i]);
		ck_assert_msg(svp_diag_errors() > 0, "no error for: %s", bad[i]);
	}
}
END_TEST

START_TEST(parse_refuses_deep_nesting)
{
	char text[512] = "name: x\ndefault: deny\nrules: ";
	struct svp_profile p;
	int i;

	for (i = 0; i < 40; i++)
		strcat(text, "[");
	for (i = 0; i < 40; i++)
		strcat(text, "]");
	ck_assert_int_eq(load(text, &p), -EINVAL);
}
END_TEST

static const struct svp_entry *entry(const struct svp_resolved *r, enum svp_abi abi, const char *name)
{
	return &r->tab[abi][svp_sys_nr(abi, name)];
}

START_TEST(resolve_precedence)
{
	struct svp_profile p;
	struct svp_resolved r;

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [\"@file-write\"]\n    action: deny\n    errno: EROFS\n"
			      "  - syscalls: [unlink]\n    action: log\n"
			      "  - syscalls: [socket]\n    action: allow\n"
			      "    args: [{arg: 0, op: eq, value: 1}]\n"
			      "  - syscalls: [socket]\n    action: kill\n", &p), 0);
	ck_assert_int_eq(svp_resolve(&p, &r), 0);
	/* the group decides its members ... */
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "mkdir")->action.act, SVP_ACT_DENY);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "mkdir")->action.value, EROFS);
	ck_assert_int_eq(entry(&r, SVP_ABI_I386, "chown32")->action.act, SVP_ACT_DENY);
	/* ... except one named in a rule of its own */
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "unlink")->action.act, SVP_ACT_LOG);
	/* not mentioned: the default */
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "read")->action.act, SVP_ACT_NONE);
	/* conditions form a chain before the plain rule */
	ck_assert_uint_eq(entry(&r, SVP_ABI_X86_64, "socket")->nr_chain, 1);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "socket")->chain[0].action.act, SVP_ACT_ALLOW);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "socket")->action.act, SVP_ACT_KILL);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

START_TEST(resolve_conflicts)
{
	struct svp_profile p;
	struct svp_resolved r;

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [mkdir]\n    action: deny\n"
			      "  - syscalls: [mkdir]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(svp_resolve(&p, &r), -EINVAL);
	/* one report for the pair, although two ABIs share the conflict */
	ck_assert_int_eq(svp_diag_errors(), 1);
	svp_profile_free(&p);

	ck_assert_int_eq(load("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [read]\n    action: allow\n"
			      "  - syscalls: [read]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(svp_resolve(&p, &r), 0);
	ck_assert_int_eq(svp_diag_warnings(), 1);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

START_TEST(resolve_complain)
{
	struct svp_profile p;
	struct svp_resolved r;

	ck_assert_int_eq(load("name: x\ndefault: kill\ncomplain: true\nrules:\n"
			      "  - syscalls: [mkdir]\n    action: deny\n"
			      "  - syscalls: [setuid]\n    override: {return: 0}\n"
			      "  - syscalls: [read]\n    action: allow\n", &p), 0);
	ck_assert_int_eq(svp_resolve(&p, &r), 0);
	ck_assert_int_eq(r.dflt.act, SVP_ACT_LOG);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "mkdir")->action.act, SVP_ACT_LOG);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "setuid")->action.act, SVP_ACT_RETURN);
	ck_assert_int_eq(entry(&r, SVP_ABI_X86_64, "read")->action.act, SVP_ACT_ALLOW);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

/* ---- protect: ---- */

/* The operations are the uapi header's, each once, with its macro's name. */
START_TEST(protect_ops_from_uapi)
{
	uint32_t all = 0;
	char text[128];
	size_t i, j;

	ck_assert_uint_eq(svp_nr_protect_ops, 8);
	for (i = 0; i < svp_nr_protect_ops; i++) {
		ck_assert_msg(!(all & svp_protect_ops[i].bit), "%s twice", svp_protect_ops[i].name);
		all |= svp_protect_ops[i].bit;
		ck_assert_int_eq(strncmp(svp_protect_ops[i].macro, "SYSVEC_PROT_", 12), 0);
		for (j = 0; svp_protect_ops[i].name[j]; j++)	/* SYSVEC_PROT_REMOVE: remove */
			ck_assert_int_eq(svp_protect_ops[i].macro[12 + j] | 0x20, svp_protect_ops[i].name[j]);
		ck_assert_int_eq(svp_protect_ops[i].macro[12 + j], 0);
		ck_assert_str_eq(svp_protect_op_name(svp_protect_ops[i].bit), svp_protect_ops[i].name);
	}
	ck_assert_uint_eq(all, SYSVEC_PROT_ALL);
	ck_assert_uint_eq(svp_protect_all, SYSVEC_PROT_ALL);
	ck_assert_ptr_null(svp_protect_op_name(SYSVEC_PROT_REMOVE | SYSVEC_PROT_STAT));
	svp_protect_ops_text(SYSVEC_PROT_STAT | SYSVEC_PROT_REMOVE, text, sizeof(text));
	ck_assert_str_eq(text, "remove, stat");
}
END_TEST

/* The library's limits are the kernel's (kernel/sysvec_vector.h, not uapi). */
START_TEST(protect_limits_match_kernel)
{
	_cleanup_free_ char *h = NULL;
	const char *m;
	size_t len;

	ck_assert_int_eq(svp_read_file("kernel/sysvec_vector.h", &h, &len), 0);
	m = strstr(h, "#define SYSVEC_MAX_PROTECT");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(atoi(m + strlen("#define SYSVEC_MAX_PROTECT")), SVP_PROTECT_MAX_PATHS);
	m = strstr(h, "#define SYSVEC_PROTECT_PATH_MAX");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(atoi(m + strlen("#define SYSVEC_PROTECT_PATH_MAX")), SVP_PROTECT_PATH_MAX);
}
END_TEST

START_TEST(parse_protect)
{
	struct svp_profile p;

	ck_assert_int_eq(load("name: x\ndefault: allow\nprotect:\n"
			      "  paths: [/etc/passwd, \"/srv/a b\", /etc/a..b, /etc/.x, /etc/...]\n"
			      "  deny: [remove, stat]\n  errno: EROFS\n  log: true\n", &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, 5);
	ck_assert_str_eq(p.protect.paths[0].path, "/etc/passwd");
	ck_assert_str_eq(p.protect.paths[1].path, "/srv/a b");
	ck_assert_int_eq(p.protect.paths[1].loc.line, 4);
	ck_assert_uint_eq(p.protect.ops, SYSVEC_PROT_REMOVE | SYSVEC_PROT_STAT);
	ck_assert_int_eq(p.protect.action.act, SVP_ACT_DENY_LOG);
	ck_assert_int_eq(p.protect.action.value, EROFS);
	ck_assert_int_eq(p.protect.loc.line, 3);
	svp_profile_free(&p);

	/* defaults: deny EACCES, not logged; all; one path without a list */
	ck_assert_int_eq(load("name: x\ndefault: allow\nprotect: {paths: /etc, deny: [all]}\n",
			      &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, 1);
	ck_assert_uint_eq(p.protect.ops, SYSVEC_PROT_ALL);
	ck_assert_int_eq(p.protect.action.act, SVP_ACT_DENY);
	ck_assert_int_eq(p.protect.action.value, EACCES);
	svp_profile_free(&p);

	/* none: nothing */
	ck_assert_int_eq(load("name: x\ndefault: allow\n", &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, 0);
	ck_assert_uint_eq(p.protect.ops, 0);
	svp_profile_free(&p);
}
END_TEST

/* A path of @len characters below /srv: "/srv/aaa...". */
static char *long_path(size_t len)
{
	char *s = malloc(len + 1);

	memcpy(s, "/srv/", 5);
	memset(s + 5, 'a', len - 5);
	s[len] = 0;
	return s;
}

START_TEST(parse_protect_path_lengths)
{
	_cleanup_free_ char *ok = long_path(SVP_PROTECT_PATH_MAX - 1), *bad = long_path(SVP_PROTECT_PATH_MAX);
	_cleanup_free_ char *text = NULL;
	struct svp_profile p;

	ck_assert_int_ge(asprintf(&text, "name: x\ndefault: allow\nprotect: {paths: [%s], deny: [all]}\n",
				  ok), 0);
	ck_assert_int_eq(load(text, &p), 0);
	ck_assert_uint_eq(strlen(p.protect.paths[0].path), SVP_PROTECT_PATH_MAX - 1);
	svp_profile_free(&p);
	free(text);
	ck_assert_int_ge(asprintf(&text, "name: x\ndefault: allow\nprotect: {paths: [%s], deny: [all]}\n",
				  bad), 0);
	ck_assert_int_eq(load(text, &p), -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);
}
END_TEST

START_TEST(parse_protect_too_many)
{
	char text[4096];
	size_t used, i;
	struct svp_profile p;

	used = snprintf(text, sizeof(text), "name: x\ndefault: allow\nprotect:\n  deny: [all]\n  paths:\n");
	for (i = 0; i < SVP_PROTECT_MAX_PATHS; i++)
		used += snprintf(text + used, sizeof(text) - used, "    - /srv/f%zu\n", i);
	ck_assert_int_eq(load(text, &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, SVP_PROTECT_MAX_PATHS);
	svp_profile_free(&p);
	snprintf(text + used, sizeof(text) - used, "    - /srv/one-more\n    - /srv/two-more\n");
	ck_assert_int_eq(load(text, &p), -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);	/* said once */
}
END_TEST

/* protect: inputs that must be refused, each with exactly one error. */
START_TEST(parse_protect_refuses)
{
	static const char *const bad[] = {
		"protect: [/etc/passwd]",
		"protect: {deny: [all]}",
		"protect: {paths: [/etc/passwd]}",
		"protect: {paths: [/etc/passwd], deny: [all], path: [/x]}",
		"protect: {paths: [], deny: [all]}",
		"protect: {paths: [/etc/passwd], deny: []}",
		"protect: {paths: {a: b}, deny: [all]}",
		"protect: {paths: [[/etc]], deny: [all]}",
		"protect: {paths: [etc/passwd], deny: [all]}",
		"protect: {paths: [\"\"], deny: [all]}",
		"protect: {paths: [/], deny: [all]}",
		"protect: {paths: [//], deny: [all]}",
		"protect: {paths: [/etc/], deny: [all]}",
		"protect: {paths: [/etc//passwd], deny: [all]}",
		"protect: {paths: [//etc/passwd], deny: [all]}",
		"protect: {paths: [/etc/./passwd], deny: [all]}",
		"protect: {paths: [/etc/.], deny: [all]}",
		"protect: {paths: [/etc/../etc/passwd], deny: [all]}",
		"protect: {paths: [/etc/..], deny: [all]}",
		"protect: {paths: [\"/etc/pass\\twd\"], deny: [all]}",
		"protect: {paths: [/etc/passwd, /etc/passwd], deny: [all]}",
		"protect: {paths: [/etc/passwd], deny: [delete]}",
		"protect: {paths: [/etc/passwd], deny: [stat, stat]}",
		"protect: {paths: [/etc/passwd], deny: [all, stat]}",
		"protect: {paths: [/etc/passwd], deny: {a: b}}",
		"protect: {paths: [/etc/passwd], deny: [all], errno: EACCESS}",
		"protect: {paths: [/etc/passwd], deny: [all], errno: 0}",
		"protect: {paths: [/etc/passwd], deny: [all], errno: 4096}",
		"protect: {paths: [/etc/passwd], deny: [all], log: yes}",
		"complain: true\nprotect: {paths: [/etc/passwd], deny: [all]}",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		_cleanup_free_ char *text = NULL;
		struct svp_profile p;

		ck_assert_int_ge(asprintf(&text, "name: x\ndefault: allow\n%s\n", bad[i]), 0);
		ck_assert_msg(load(text, &p) == -EINVAL, "accepted: %s", bad[i]);
		ck_assert_msg(svp_diag_errors() == 1, "%d errors for: %s", svp_diag_errors(), bad[i]);
	}
}
END_TEST

/* A path below another protected one is redundant: a warning. */
START_TEST(parse_protect_nested_warns)
{
	struct svp_profile p;

	ck_assert_int_eq(load("name: x\ndefault: allow\n"
			      "protect: {paths: [/etc/sysvec/profiles, /etc/sysvec, /etc/sysvecs], "
			      "deny: [all]}\n", &p), 0);
	ck_assert_int_eq(svp_diag_warnings(), 1);	/* not /etc/sysvecs */
	ck_assert_uint_eq(p.protect.nr_paths, 3);
	svp_profile_free(&p);
}
END_TEST

/* Write @text to @dir/@name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	_cleanup_free_ char *path = NULL;
	FILE *f;

	ck_assert_int_ge(asprintf(&path, "%s/%s", dir, name), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Includes add their paths and operations; errno and log must agree. */
START_TEST(protect_merge_includes)
{
	char dir[] = "/tmp/profile-unit-XXXXXX", top[64];
	struct svp_profile p;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(top, sizeof(top), "%s/top.yaml", dir);
	put_file(dir, "base.yaml", "name: base\ndefault: allow\n"
		 "protect: {paths: [/etc/shadow, /srv/b], deny: [remove], errno: EPERM, log: true}\n");
	put_file(dir, "top.yaml", "name: top\ninclude: base.yaml\n"
		 "protect: {paths: [/etc/passwd, /etc/shadow], deny: [stat]}\n");
	profile_quiet();
	ck_assert_int_eq(svp_profile_load(top, &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, 3);	/* /etc/shadow once */
	ck_assert_str_eq(p.protect.paths[0].path, "/etc/shadow");
	ck_assert_str_eq(p.protect.paths[2].path, "/etc/passwd");
	ck_assert_uint_eq(p.protect.ops, SYSVEC_PROT_REMOVE | SYSVEC_PROT_STAT);
	ck_assert_int_eq(p.protect.action.act, SVP_ACT_DENY_LOG);	/* the include's */
	ck_assert_int_eq(p.protect.action.value, EPERM);
	ck_assert_str_eq(svp_path_base(p.protect.loc.file), "top.yaml");
	svp_profile_free(&p);

	/* the same errno twice is no conflict; another log is */
	put_file(dir, "top.yaml", "name: top\ninclude: base.yaml\n"
		 "protect: {paths: [/etc/passwd], deny: [stat], errno: EPERM, log: false}\n");
	profile_quiet();
	ck_assert_int_eq(svp_profile_load(top, &p), -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);
	put_file(dir, "top.yaml", "name: top\ninclude: base.yaml\n"
		 "protect: {paths: [/etc/passwd], deny: [stat], errno: EACCES}\n");
	profile_quiet();
	ck_assert_int_eq(svp_profile_load(top, &p), -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);
	/* an include's protection holds even when the profile has none */
	put_file(dir, "top.yaml", "name: top\ninclude: base.yaml\n");
	profile_quiet();
	ck_assert_int_eq(svp_profile_load(top, &p), 0);
	ck_assert_uint_eq(p.protect.nr_paths, 2);
	ck_assert_str_eq(svp_path_base(p.protect.loc.file), "base.yaml");
	svp_profile_free(&p);

	unlink(top);
	snprintf(top, sizeof(top), "%s/base.yaml", dir);
	unlink(top);
	rmdir(dir);
}
END_TEST

/* The module's version covers protect: another path, another version. */
START_TEST(protect_in_version)
{
	struct svp_profile a, b;

	ck_assert_int_eq(load("name: x\ndefault: allow\nprotect: {paths: [/etc/a], deny: [all]}\n",
			      &a), 0);
	ck_assert_int_eq(load("name: x\ndefault: allow\nprotect: {paths: [/etc/b], deny: [all]}\n",
			      &b), 0);
	ck_assert_int_ne(strncmp(a.hash, b.hash, 16), 0);
	svp_profile_free(&b);
	ck_assert_int_eq(load("name: x\ndefault: allow\nprotect: {paths: [/etc/a], deny: [stat]}\n",
			      &b), 0);
	ck_assert_int_ne(strncmp(a.hash, b.hash, 16), 0);
	svp_profile_free(&b);
	svp_profile_free(&a);
}
END_TEST

/* seccomp cannot decide on objects: protect: is one issue, never dropped. */
START_TEST(seccomp_reports_protect)
{
	static const char *const texts[] = {
		"name: x\ndefault: allow\nprotect: {paths: [/etc/passwd, /etc/shadow], deny: [all]}\n",
		"name: x\ndefault: allow\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(texts); i++) {
		struct svp_profile p;
		struct svp_resolved r;
		scmp_filter_ctx ctx = NULL;
		char *rep = NULL;
		size_t rl;
		FILE *f;
		int issues = -1;

		ck_assert_int_eq(load(texts[i], &p), 0);
		ck_assert_int_eq(svp_resolve(&p, &r), 0);
		f = open_memstream(&rep, &rl);
		ck_assert_int_eq(svp_seccomp_compile(&r, 0, f, &ctx, &issues), 0);
		fclose(f);
		if (i == 0) {
			ck_assert_int_eq(issues, 1);
			ck_assert_ptr_null(ctx);	/* refused without SVP_SC_DEGRADE */
			ck_assert_ptr_nonnull(strstr(rep, "t.yaml:3: protect: 2 paths: seccomp "
						     "cannot decide on the files a call reaches\n"));
		} else {
			ck_assert_int_eq(issues, 0);
			ck_assert_ptr_nonnull(ctx);
			seccomp_release(ctx);
		}
		free(rep);
		svp_resolved_free(&r);
		svp_profile_free(&p);
	}
}
END_TEST

START_TEST(module_names)
{
	char out[80];

	svp_module_name("protect-files", out, sizeof(out));
	ck_assert_str_eq(out, "sysvec_protect_files");
}
END_TEST

START_TEST(sha256_vectors)
{
	char hex[65];

	svp_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	svp_sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	svp_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

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
	tcase_add_test(tc, protect_ops_from_uapi);
	tcase_add_test(tc, protect_limits_match_kernel);
	tcase_add_test(tc, parse_protect);
	tcase_add_test(tc, parse_protect_path_lengths);
	tcase_add_test(tc, parse_protect_too_many);
	tcase_add_test(tc, parse_protect_refuses);
	tcase_add_test(tc, parse_protect_nested_warns);
	tcase_add_test(tc, protect_merge_includes);
	tcase_add_test(tc, protect_in_version);
	tcase_add_test(tc, seccomp_reports_protect);
	tcase_add_test(tc, module_names);
	tcase_add_test(tc, sha256_vectors);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, profile_actions_tcase());
	suite_add_tcase(s, profile_twins_tcase());
	return s;
}
