// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the i386 twin table (gen-syscall-twins.sh, from the
 * kernel's syscalls_32.h and syscalls_64.h) and of what the resolver and
 * the seccomp filter make of it: a rule on an x86_64 call decides every
 * i386 entry point of the call, and socketcall's and ipc's sub-calls by
 * argument 0. What the module source makes of it: test_policyc.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/ipc.h>
#include <linux/net.h>
#include "profile.h"
#include "unit.h"

static void resolve_text(const char *text, struct svp_profile *p, struct svp_resolved *r, int want)
{
	profile_quiet();
	ck_assert_int_eq(svp_profile_load_buffer("t.yaml", text, strlen(text), p), 0);
	ck_assert_int_eq(svp_resolve(p, r), want);
}

/* The same from a file, beside an (empty) handler file h.c. */
static void resolve_file(const char *text, struct svp_profile *p, struct svp_resolved *r, int want)
{
	char dir[] = "/tmp/sv-twins-XXXXXX", path[64];
	FILE *f;

	profile_quiet();
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/h.c", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("/* handlers */\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/t.yaml", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(svp_profile_load(path, p), 0);
	ck_assert_int_eq(svp_resolve(p, r), want);
	unlink(path);
	snprintf(path, sizeof(path), "%s/h.c", dir);
	unlink(path);
	rmdir(dir);
}

static const struct svp_entry *i386(const struct svp_resolved *r, const char *name)
{
	int nr = svp_sys_nr(SVP_ABI_I386, name);

	ck_assert_msg(nr >= 0, "no i386 %s", name);
	return &r->tab[SVP_ABI_I386][nr];
}

static const struct svp_twin *twin_of(const char *i386_name)
{
	return svp_sys_twin(svp_sys_nr(SVP_ABI_I386, i386_name));
}

/* Every entry of the kernel's i386 table is classified, and consistently. */
START_TEST(table_covers_the_kernel)
{
	int nr, n = svp_sys_twin_entries(), counts[SVP_TWIN_MUX + 1] = { 0 };

	ck_assert_int_gt(n, 400);
	for (nr = 0; nr < n; nr++) {
		const struct svp_twin *t = svp_sys_twin(nr);
		const char *name = svp_sys_name(SVP_ABI_I386, nr);

		ck_assert_msg(t->kind != SVP_TWIN_NONE, "i386 %d (%s) is not classified", nr,
			      name ?: "no name");
		ck_assert_ptr_nonnull(t->entry);
		ck_assert_uint_le(t->args, SVP_TWIN_ALL_ARGS);
		counts[t->kind]++;
		if (t->kind == SVP_TWIN_SAME || t->kind == SVP_TWIN_ALIAS) {
			ck_assert_msg(t->x86_64 && svp_sys_nr(SVP_ABI_X86_64, t->x86_64) >= 0,
				      "i386 %d: twin %s is no x86_64 call", nr, t->x86_64);
		} else {
			ck_assert_ptr_null(t->x86_64);
		}
		/* an i386 name that is an implemented x86_64 call is that call */
		if (name && t->x86_64 && svp_sys_nr(SVP_ABI_X86_64, name) >= 0)
			ck_assert_msg(!strcmp(name, t->x86_64), "i386 %s is twin of %s", name,
				      t->x86_64);
	}
	/* every named i386 call is in the table (gen-syscall-names.sh also
	 * takes unistd_32.h's __NR_syscalls, the table size, for a name) */
	for (nr = 0; nr < svp_sys_count(SVP_ABI_I386); nr++)
		if (svp_sys_name(SVP_ABI_I386, nr) && strcmp(svp_sys_name(SVP_ABI_I386, nr), "syscalls"))
			ck_assert_msg(nr < n, "i386 %s (%d) is past the kernel's table",
				      svp_sys_name(SVP_ABI_I386, nr), nr);
	ck_assert_int_eq(svp_sys_twin(n)->kind, SVP_TWIN_NONE);
	ck_assert_int_eq(svp_sys_twin(-1)->kind, SVP_TWIN_NONE);
	ck_assert_int_gt(counts[SVP_TWIN_SAME], 250);
	ck_assert_int_gt(counts[SVP_TWIN_ALIAS], 50);
	ck_assert_int_eq(counts[SVP_TWIN_MUX], 2);
}
END_TEST

START_TEST(known_twins)
{
	static const struct {
		const char *i386, *x86_64;
		int kind, args;
	} cases[] = {
		{ "setuid32", "setuid", SVP_TWIN_SAME, 6 },
		{ "setuid", "setuid", SVP_TWIN_ALIAS, 0 },		/* sys_setuid16 */
		{ "chown32", "chown", SVP_TWIN_SAME, 6 },
		{ "lchown", "lchown", SVP_TWIN_ALIAS, 1 },		/* sys_lchown16 */
		{ "getuid", "getuid", SVP_TWIN_ALIAS, 6 },		/* sys_getuid16 */
		{ "fcntl64", "fcntl", SVP_TWIN_ALIAS, 6 },
		{ "stat64", "stat", SVP_TWIN_ALIAS, 6 },
		{ "oldstat", "stat", SVP_TWIN_ALIAS, 6 },
		{ "fstatat64", "newfstatat", SVP_TWIN_ALIAS, 6 },
		{ "truncate64", "truncate", SVP_TWIN_ALIAS, 1 },
		{ "mmap2", "mmap", SVP_TWIN_ALIAS, 5 },
		{ "mmap", "mmap", SVP_TWIN_ALIAS, 0 },		/* sys_old_mmap */
		{ "_llseek", "lseek", SVP_TWIN_ALIAS, 1 },
		{ "umount", "umount2", SVP_TWIN_ALIAS, 1 },		/* sys_oldumount */
		{ "umount2", "umount2", SVP_TWIN_SAME, 6 },
		{ "waitpid", "wait4", SVP_TWIN_ALIAS, 3 },
		{ "select", "select", SVP_TWIN_ALIAS, 0 },		/* sys_old_select */
		{ "_newselect", "select", SVP_TWIN_SAME, 6 },
		{ "sigaction", "rt_sigaction", SVP_TWIN_ALIAS, 3 },
		{ "pread64", "pread64", SVP_TWIN_ALIAS, 3 },
		{ "clone", "clone", SVP_TWIN_SAME, 3 },		/* CLONE_BACKWARDS */
		{ "fanotify_mark", "fanotify_mark", SVP_TWIN_SAME, 2 },	/* u64 mask */
		{ "clock_gettime64", "clock_gettime", SVP_TWIN_SAME, 6 },
		{ "socket", "socket", SVP_TWIN_SAME, 6 },
		{ "socketcall", NULL, SVP_TWIN_MUX, 6 },
		{ "ipc", NULL, SVP_TWIN_MUX, 6 },
		{ "vm86", NULL, SVP_TWIN_ONLY, 6 },
		{ "set_thread_area", NULL, SVP_TWIN_ONLY, 6 },
		{ "break", NULL, SVP_TWIN_NI, 0 },
		/* removed in 6.10: the table (6.12) has it as not implemented,
		 * and trusts no condition on its arguments on older kernels */
		{ "lookup_dcookie", NULL, SVP_TWIN_NI, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		const struct svp_twin *t = twin_of(cases[i].i386);

		ck_assert_msg(t->kind == cases[i].kind, "%s: kind %d", cases[i].i386, t->kind);
		ck_assert_msg(t->args == cases[i].args, "%s: args %d", cases[i].i386, t->args);
		if (cases[i].x86_64)
			ck_assert_str_eq(t->x86_64, cases[i].x86_64);
		else
			ck_assert_ptr_null(t->x86_64);
	}
}
END_TEST

/* Sub-call numbers are the uapi headers' own. */
START_TEST(subcalls_from_uapi)
{
	const struct svp_subcall *s;
	size_t n, i;

	n = svp_sys_subcalls("socketcall", &s);
	ck_assert_uint_eq(n, SYS_SENDMMSG);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(s[i].mux, "socketcall");
		ck_assert_uint_eq(s[i].value, i + 1);
		ck_assert_uint_eq(s[i].mask, 0);
		ck_assert_int_ge(svp_sys_nr(SVP_ABI_X86_64, s[i].x86_64), 0);
	}
	ck_assert_str_eq(s[SYS_SOCKET - 1].macro, "SYS_SOCKET");
	ck_assert_str_eq(s[SYS_SOCKET - 1].x86_64, "socket");
	ck_assert_str_eq(s[SYS_SEND - 1].x86_64, "sendto");
	ck_assert_str_eq(s[SYS_RECV - 1].x86_64, "recvfrom");

	n = svp_sys_subcalls("ipc", &s);
	ck_assert_uint_eq(n, 12);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(s[i].mask, IPCCALL(1, 0) - 1);
		ck_assert_int_ge(svp_sys_nr(SVP_ABI_X86_64, s[i].x86_64), 0);
		if (s[i].value == SHMGET)
			ck_assert_str_eq(s[i].x86_64, "shmget");
		if (s[i].value == SEMTIMEDOP)
			ck_assert_str_eq(s[i].x86_64, "semtimedop");
	}
	ck_assert_uint_eq(svp_sys_subcalls("socket", &s), 0);
	ck_assert_ptr_null(s);
}
END_TEST

/* A rule on the x86_64 call decides its i386 twins; the i386 name still works. */
START_TEST(rule_covers_twins)
{
	struct svp_profile p;
	struct svp_resolved r;
	const struct svp_entry *e;

	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [setuid, fcntl, stat, umount2, lseek]\n"
		     "    action: deny\n    errno: EACCES\n"
		     "  - syscalls: [getuid32]\n    action: log\n"
		     "  - syscalls: [\"@file-write\"]\n    action: deny\n    errno: EROFS\n"
		     "  - syscalls: [chown]\n    action: allow\n", &p, &r, 0);
	static const char *const denied[] = {
		"setuid32", "setuid", "fcntl64", "fcntl", "stat64", "oldstat", "stat",
		"umount", "umount2", "_llseek", "lseek",
	};
	for (size_t i = 0; i < ARRAY_LEN(denied); i++) {
		e = i386(&r, denied[i]);
		ck_assert_msg(e->action.act == SVP_ACT_DENY && e->action.value == EACCES,
			      "i386 %s: %d", denied[i], e->action.act);
		ck_assert(!e->fail_closed);
	}
	ck_assert_str_eq(i386(&r, "setuid32")->via, "setuid");
	ck_assert_str_eq(i386(&r, "umount")->via, "umount2");
	ck_assert_ptr_null(i386(&r, "setuid")->via);	/* its own name too */
	/* named by its i386 name */
	ck_assert_int_eq(i386(&r, "getuid32")->action.act, SVP_ACT_LOG);
	ck_assert_int_eq(i386(&r, "getuid")->action.act, SVP_ACT_NONE);
	/* chown32 is in @file-write, but a rule naming chown names it too */
	ck_assert_int_eq(i386(&r, "chown32")->action.act, SVP_ACT_ALLOW);
	ck_assert_int_eq(i386(&r, "lchown32")->action.value, EROFS);
	ck_assert_int_eq(svp_diag_warnings(), 0);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

START_TEST(twin_conflicts)
{
	struct svp_profile p;
	struct svp_resolved r;

	/* setuid32 by its own name against the rule on setuid: a conflict */
	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [setuid]\n    action: deny\n"
		     "  - syscalls: [setuid32]\n    action: allow\n", &p, &r, -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);
	svp_profile_free(&p);
	/* the same action twice: no duplicate, they name two calls */
	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [setuid]\n    action: deny\n"
		     "  - syscalls: [setuid32]\n    action: deny\n", &p, &r, 0);
	ck_assert_int_eq(svp_diag_warnings(), 0);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

/* Conditions hold on a twin whose arguments match; elsewhere: fail closed. */
START_TEST(twin_conditions)
{
	struct svp_profile p;
	struct svp_resolved r;
	const struct svp_entry *e;

	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [setgid]\n    action: deny\n    errno: EACCES\n"
		     "    args: [{arg: 0, op: eq, value: 0}]\n"
		     "  - syscalls: [clone]\n    action: deny\n"
		     "    args: [{arg: 0, op: masked-eq, mask: 0x10000000, value: 0x10000000}]\n"
		     "  - syscalls: [wait4]\n    action: deny\n"
		     "    args: [{arg: 2, op: eq, value: 3}]\n"
		     "  - syscalls: [pread64]\n    action: deny\n"
		     "    args: [{arg: 3, op: gt, value: 4096}]\n", &p, &r, 0);
	/* setgid32: the same argument */
	e = i386(&r, "setgid32");
	ck_assert_uint_eq(e->nr_chain, 1);
	ck_assert(!e->fail_closed);
	/* the 16-bit setgid: the register is cut to 16 bits; denied */
	e = i386(&r, "setgid");
	ck_assert(e->fail_closed);
	ck_assert_uint_eq(e->nr_chain, 0);
	ck_assert_int_eq(e->action.act, SVP_ACT_DENY);
	ck_assert_int_eq(e->action.value, SVP_FAIL_CLOSED_ERRNO);
	ck_assert_int_eq(e->from->nr_conds, 1);
	/* clone: flags are argument 0 on both */
	ck_assert_uint_eq(i386(&r, "clone")->nr_chain, 1);
	/* waitpid: options are argument 2 of both */
	ck_assert_uint_eq(i386(&r, "waitpid")->nr_chain, 1);
	ck_assert_str_eq(i386(&r, "waitpid")->via, "wait4");
	/* pread64: i386 splits the offset into arguments 3 and 4 */
	ck_assert(i386(&r, "pread64")->fail_closed);
	/* two rules, one warning each */
	ck_assert_int_eq(svp_diag_warnings(), 2);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

/* A handler reaches a twin only where the arguments match. */
START_TEST(twin_handlers)
{
	struct svp_profile p;
	struct svp_resolved r;

	resolve_file("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [setuid]\n    override: {return: 0}\n"
		     "  - syscalls: [getuid]\n"
		     "    override: {handler: h, source: h.c}\n", &p, &r, 0);
	/* return 0 is an action: every twin */
	ck_assert_int_eq(i386(&r, "setuid")->action.act, SVP_ACT_RETURN);
	ck_assert_int_eq(i386(&r, "setuid32")->action.act, SVP_ACT_RETURN);
	/* getuid16 and getuid32 take no arguments: the handler runs */
	ck_assert_ptr_nonnull(i386(&r, "getuid32")->hook);
	ck_assert_ptr_nonnull(i386(&r, "getuid")->hook);
	svp_resolved_free(&r);
	svp_profile_free(&p);

	resolve_file("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [chown]\n"
		     "    wrap: {handler: h, source: h.c, paths: true}\n", &p, &r, 0);
	ck_assert_ptr_nonnull(i386(&r, "chown32")->hook);
	ck_assert_ptr_null(i386(&r, "chown")->hook);	/* 16-bit ids */
	ck_assert(i386(&r, "chown")->fail_closed);
	ck_assert_int_eq(svp_diag_warnings(), 1);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

static const struct svp_chain_rule *sub_rule(const struct svp_entry *e, uint32_t value)
{
	size_t i;

	for (i = 0; i < e->nr_chain; i++)
		if (e->chain[i].sub && e->chain[i].sub->value == value)
			return &e->chain[i];
	return NULL;
}

START_TEST(multiplexer_chains)
{
	struct svp_profile p;
	struct svp_resolved r;
	const struct svp_entry *sc, *ipc;
	const struct svp_chain_rule *cr;

	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [socket, shmget]\n    action: deny\n    errno: EACCES\n"
		     "  - syscalls: [connect]\n    action: deny\n"
		     "    args: [{arg: 2, op: eq, value: 110}]\n"
		     "  - syscalls: [socketcall]\n    action: log\n"
		     "  - syscalls: [bind]\n    action: allow\n", &p, &r, 0);
	sc = i386(&r, "socketcall");
	ck_assert_int_eq(sc->action.act, SVP_ACT_LOG);	/* its own rule */
	cr = sub_rule(sc, SYS_SOCKET);
	ck_assert_ptr_nonnull(cr);
	ck_assert_int_eq(cr->action.act, SVP_ACT_DENY);
	ck_assert_int_eq(cr->action.value, EACCES);
	ck_assert(!cr->fail_closed);
	ck_assert_int_eq(cr->rule->nr_conds, 1);
	ck_assert_int_eq(cr->rule->conds[0].arg, 0);
	ck_assert_int_eq(cr->rule->conds[0].op, SVP_CMP_EQ);
	ck_assert_uint_eq(cr->rule->conds[0].value, SYS_SOCKET);
	/* bind: its own rule, allow */
	ck_assert_int_eq(sub_rule(sc, SYS_BIND)->action.act, SVP_ACT_ALLOW);
	/* connect's conditions need memory: denied, warned */
	cr = sub_rule(sc, SYS_CONNECT);
	ck_assert(cr->fail_closed);
	ck_assert_int_eq(cr->action.value, SVP_FAIL_CLOSED_ERRNO);
	ck_assert_int_eq(cr->origin->nr_conds, 1);
	ck_assert_int_eq(svp_diag_warnings(), 1);
	/* nobody names accept: socketcall's own rule, no chain rule */
	ck_assert_ptr_null(sub_rule(sc, SYS_ACCEPT));
	ck_assert_uint_eq(sc->nr_chain, 3);
	/* ipc: the low 16 bits pick the call */
	ipc = i386(&r, "ipc");
	ck_assert_uint_eq(ipc->nr_chain, 1);
	cr = sub_rule(ipc, SHMGET);
	ck_assert_int_eq(cr->rule->conds[0].op, SVP_CMP_MASKED_EQ);
	ck_assert_uint_eq(cr->rule->conds[0].mask, 0xffff);
	ck_assert_int_eq(cr->action.value, EACCES);
	svp_resolved_free(&r);
	svp_profile_free(&p);
}
END_TEST

START_TEST(multiplexer_precedence)
{
	struct svp_profile p;
	struct svp_resolved r;
	const struct svp_entry *sc;

	/* a rule naming socketcall beats a group reaching socket */
	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [\"@network\"]\n    action: log\n"
		     "  - syscalls: [socketcall]\n    action: deny\n", &p, &r, 0);
	sc = i386(&r, "socketcall");
	ck_assert_int_eq(sc->action.act, SVP_ACT_DENY);
	ck_assert_uint_eq(sc->nr_chain, 0);
	svp_resolved_free(&r);
	svp_profile_free(&p);

	/* socketcall denied by a rule of its own: a sub-call with conditions
	 * is denied its way, without a warning */
	resolve_text("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [socket]\n    action: deny\n"
		     "    args: [{arg: 0, op: eq, value: 17}]\n"
		     "  - syscalls: [socketcall]\n    action: deny\n    errno: EACCES\n",
		     &p, &r, 0);
	sc = i386(&r, "socketcall");
	ck_assert_uint_eq(sc->nr_chain, 0);
	ck_assert_int_eq(sc->action.value, EACCES);
	ck_assert_int_eq(svp_diag_warnings(), 0);
	svp_resolved_free(&r);
	svp_profile_free(&p);

	/* a handler on socketcall and a rule on one of its sub-calls */
	resolve_file("name: x\ndefault: allow\nrules:\n"
		     "  - syscalls: [socketcall]\n    override: {handler: h, source: h.c}\n"
		     "  - syscalls: [socket]\n    action: deny\n", &p, &r, -EINVAL);
	ck_assert_int_eq(svp_diag_errors(), 1);
	svp_profile_free(&p);
}
END_TEST

/* The seccomp filter of the x86 arch, as libseccomp prints it. */
static char *filter_text(const char *yaml, int *issues)
{
	struct svp_profile p;
	struct svp_resolved r;
	scmp_filter_ctx ctx = NULL;
	char *text;
	off_t size;
	int fd;

	resolve_text(yaml, &p, &r, 0);
	ck_assert_int_eq(svp_seccomp_compile(&r, SVP_SC_DEGRADE, NULL, &ctx, issues), 0);
	ck_assert_ptr_nonnull(ctx);
	fd = memfd_create("pfc", 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(seccomp_export_pfc(ctx, fd), 0);
	size = lseek(fd, 0, SEEK_END);
	text = calloc(1, size + 1);
	ck_assert_int_eq(pread(fd, text, size, 0), size);
	close(fd);
	seccomp_release(ctx);
	svp_resolved_free(&r);
	svp_profile_free(&p);
	return text;
}

START_TEST(seccomp_multiplexers)
{
	int issues = -1;
	char *t = filter_text("name: x\ndefault: allow\nrules:\n"
			      "  - syscalls: [socket, shmget]\n    action: deny\n    errno: EACCES\n"
			      "  - syscalls: [socketcall]\n    action: kill\n"
			      "  - syscalls: [bind]\n    action: allow\n", &issues);
	char *x86 = strstr(t, "if ($arch == 1073741827)");

	ck_assert_int_eq(issues, 0);
	ck_assert_ptr_nonnull(x86);
	/* socket's sub-call denied its way, bind's allowed (the default), the
	 * other sub-calls and numbers killed as socketcall's rule says */
	ck_assert_ptr_nonnull(strstr(x86, "if ($a0 == 1)\n      action ERRNO(13);"));
	ck_assert_ptr_nonnull(strstr(x86, "if ($a0 == 3)\n      action KILL_PROCESS;"));
	ck_assert_ptr_null(strstr(x86, "if ($a0 == 2)\n"));
	ck_assert_ptr_nonnull(strstr(x86, "if ($a0 > 20)\n      action KILL_PROCESS;"));
	/* ipc: whatever the version bits */
	ck_assert_ptr_nonnull(strstr(x86, "if ($a0 & 0x0000ffff == 23)\n      action ERRNO(13);"));
	free(t);

	/* socketcall denied by its own rule while @network allows socket: libseccomp
	 * gives socketcall(SYS_SOCKET) socket's allow, and the check reports it */
	t = filter_text("name: x\ndefault: {action: deny, errno: EPERM}\nrules:\n"
			"  - syscalls: [\"@network\"]\n    action: allow\n"
			"  - syscalls: [socketcall]\n    action: deny\n    errno: EPERM\n", &issues);
	ck_assert_int_eq(issues, 1);
	free(t);
}
END_TEST

/* An i386 call through int $0x80, with up to four arguments. */
static long int80(const char *name, long a, long b, long c, long d)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"((long)svp_sys_nr(SVP_ABI_I386, name)), "b"(a), "c"(b), "d"(c), "S"(d)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

/*
 * In a child under the seccomp filter: what the kernel backend decides, the
 * filter does. Exit 0, or the number of the first check that failed.
 */
static int seccomp_child(void)
{
	static const char yaml[] = "name: x\ndefault: allow\nrules:\n"
		"  - syscalls: [socket, setuid, shmget]\n    action: deny\n    errno: EACCES\n";
	uint32_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	scmp_filter_ctx ctx = NULL;
	struct svp_profile p;
	struct svp_resolved r;
	uid_t uid = getuid();
	int issues = -1;
	long id;

	if (m == MAP_FAILED || svp_profile_load_buffer("t.yaml", yaml, strlen(yaml), &p) ||
	    svp_resolve(&p, &r) || svp_seccomp_compile(&r, 0, NULL, &ctx, &issues) || issues || !ctx)
		return 100;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || seccomp_load(ctx))
		return 101;
	if (int80("setuid32", 65534, 0, 0, 0) != -EACCES)
		return 1;
	if (int80("setuid", 65534, 0, 0, 0) != -EACCES)		/* 16-bit */
		return 2;
	if (getuid() != uid)
		return 3;
	m[0] = AF_UNIX;
	m[1] = SOCK_STREAM;
	m[2] = 0;
	m[3] = (uint32_t)(uintptr_t)(m + 64);
	if (int80("socketcall", SYS_SOCKET, (long)(uintptr_t)m, 0, 0) != -EACCES)
		return 4;
	if (int80("socket", AF_UNIX, SOCK_STREAM, 0, 0) != -EACCES)
		return 5;
	if (int80("socketcall", SYS_SOCKETPAIR, (long)(uintptr_t)m, 0, 0) != 0)
		return 6;
	if (int80("ipc", SHMGET, IPC_PRIVATE, 4096, IPC_CREAT | 0600) != -EACCES)
		return 7;
	if (int80("ipc", IPCCALL(1, SHMGET), IPC_PRIVATE, 4096, IPC_CREAT | 0600) != -EACCES)
		return 8;
	if (int80("shmget", IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0) != -EACCES)
		return 9;
	id = int80("ipc", SEMGET, IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (id < 0)
		return 10;
	syscall(svp_sys_nr(SVP_ABI_X86_64, "semctl"), id, 0, IPC_RMID, 0);
	return 0;
}

START_TEST(seccomp_enforces_twins)
{
	pid_t pid = fork();
	int st = -1;

	ck_assert_int_ge(pid, 0);
	if (!pid)
		_exit(seccomp_child());
	waitpid(pid, &st, 0);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "check %d failed (status 0x%x)",
		      WIFEXITED(st) ? WEXITSTATUS(st) : -1, st);
}
END_TEST

TCase *profile_twins_tcase(void)
{
	TCase *tc = tcase_create("twins");

	tcase_add_test(tc, table_covers_the_kernel);
	tcase_add_test(tc, known_twins);
	tcase_add_test(tc, subcalls_from_uapi);
	tcase_add_test(tc, rule_covers_twins);
	tcase_add_test(tc, twin_conflicts);
	tcase_add_test(tc, twin_conditions);
	tcase_add_test(tc, twin_handlers);
	tcase_add_test(tc, multiplexer_chains);
	tcase_add_test(tc, multiplexer_precedence);
	tcase_add_test(tc, seccomp_multiplexers);
	tcase_add_test(tc, seccomp_enforces_twins);
	return tc;
}
