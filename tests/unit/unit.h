/* SPDX-License-Identifier: GPL-2.0 */
/* sysvec unit tests (Check): one suite constructor per tested module. */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>

Suite *uapi_suite(void);
Suite *syscall_names_suite(void);
Suite *policyc_suite(void);
/* The i386 twins and multiplexers (test_twins.c), part of policyc_suite(). */
TCase *twins_tcase(void);
/* test_policyc.c: reset policyc's diagnostics and send them nowhere. */
void policyc_quiet(void);
Suite *libsysvec_suite(void);

#endif
