/* SPDX-License-Identifier: GPL-2.0 */
/* sysvec unit tests (Check): one suite constructor per tested module. */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>

Suite *uapi_suite(void);
Suite *syscall_names_suite(void);
/* The profile library (profile/): test_profile.c, with the cases below. */
Suite *profile_suite(void);
/* The action table (test_profile_actions.c), part of profile_suite(). */
TCase *profile_actions_tcase(void);
/* The i386 twins and multiplexers (test_profile_twins.c), part of profile_suite(). */
TCase *profile_twins_tcase(void);
/* test_profile.c: reset the library's diagnostics and send them nowhere. */
void profile_quiet(void);
/* policyc's own jobs (policyc/): test_policyc.c. */
Suite *policyc_suite(void);
Suite *libsysvec_suite(void);
/* Finding vector modules and svrun's load messages: test_modules.c. */
Suite *modules_suite(void);

#endif
