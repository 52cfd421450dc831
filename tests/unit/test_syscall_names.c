// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/gen-syscall-names.sh: the name tables the module is built with
 * are generated from the kernel's uapi headers. Tested on small fixture
 * headers (tests/unit/fixtures) and, when installed, on the real ones.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#define GEN "kernel/gen-syscall-names.sh"

/* Run the generator on @dir; return its output and set *status. */
static char *gen(const char *dir, int *status)
{
	char cmd[512], *out = NULL;
	size_t len = 0;
	FILE *p, *o = open_memstream(&out, &len);
	int c;

	snprintf(cmd, sizeof(cmd), "sh %s %s 2>&1", GEN, dir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((c = fgetc(p)) != EOF)
		fputc(c, o);
	*status = pclose(p);
	fclose(o);
	return out;
}

START_TEST(test_fixture_tables)
{
	int st;
	char *out = gen("tests/unit/fixtures", &st);

	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "static const char *const sysvec_names_native[436] = {"));
	ck_assert_ptr_nonnull(strstr(out, "\t[110] = \"getppid\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "\t[435] = \"clone3\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "static const char *const sysvec_names_ia32[65] = {"));
	ck_assert_ptr_nonnull(strstr(out, "\t[64] = \"getppid\",\n"));
	/* x32 numbers are stored without __X32_SYSCALL_BIT */
	ck_assert_ptr_nonnull(strstr(out, "static const char *const sysvec_names_x32[513] = {"));
	ck_assert_ptr_nonnull(strstr(out, "\t[512] = \"rt_sigaction\",\n"));
	/* header guards are not syscalls */
	ck_assert_ptr_null(strstr(out, "_ASM_UNISTD"));
	free(out);
}
END_TEST

START_TEST(test_duplicate_number_is_an_error)
{
	int st;
	char *out = gen("tests/unit/fixtures/dup", &st);

	ck_assert_int_ne(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "number 0 is both read and other"));
	free(out);
}
END_TEST

START_TEST(test_missing_header_is_an_error)
{
	int st;
	char *out = gen("/nonexistent", &st);

	ck_assert_int_ne(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "/nonexistent/unistd_64.h not found"));
	free(out);
}
END_TEST

/* On the real headers: the numbers the kernel tests rely on. */
START_TEST(test_real_headers)
{
	FILE *p = popen("ls -d /usr/src/linux-headers-*-cloud-amd64/arch/x86/include/generated/uapi/asm 2>/dev/null | sort -V | tail -n 1", "r");
	char dir[512] = "";
	int st;
	char *out;

	ck_assert_ptr_nonnull(p);
	if (!fgets(dir, sizeof(dir), p))
		dir[0] = 0;
	pclose(p);
	dir[strcspn(dir, "\n")] = 0;
	ck_assert_msg(dir[0], "linux-headers-*-cloud-amd64 not installed (scripts/install-deps.sh)");
	out = gen(dir, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\t[110] = \"getppid\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "\t[231] = \"exit_group\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "\t[425] = \"io_uring_setup\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "\t[64] = \"getppid\",\n"));
	free(out);
}
END_TEST

Suite *syscall_names_suite(void)
{
	Suite *s = suite_create("syscall_names");
	TCase *tc = tcase_create("generator");

	tcase_add_test(tc, test_fixture_tables);
	tcase_add_test(tc, test_duplicate_number_is_an_error);
	tcase_add_test(tc, test_missing_header_is_an_error);
	tcase_add_test(tc, test_real_headers);
	suite_add_tcase(s, tc);
	return s;
}
