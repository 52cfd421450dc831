// SPDX-License-Identifier: GPL-2.0
/* sysvec unit tests: runs every suite, ends with "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include "unit.h"

int main(void)
{
	SRunner *sr = srunner_create(uapi_suite());
	int run, failed;

	srunner_add_suite(sr, syscall_names_suite());
	srunner_add_suite(sr, profile_suite());
	srunner_add_suite(sr, policyc_suite());
	srunner_add_suite(sr, libsysvec_suite());
	srunner_add_suite(sr, modules_suite());
	srunner_run_all(sr, CK_NORMAL);
	run = srunner_ntests_run(sr);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("unit: %d passed, %d failed\n", run - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
