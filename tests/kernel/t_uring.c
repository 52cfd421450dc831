// SPDX-License-Identifier: GPL-2.0
/* sysvec kernel tests: placeholder, filled in below. */
#include "ktest.h"

const struct ktest ktests_uring[] = {
	{ NULL, NULL },
};
