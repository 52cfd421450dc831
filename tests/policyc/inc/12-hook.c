// SPDX-License-Identifier: GPL-2.0
/* A handler file named like 12-hook.c, for 18-handler-name-clash.yaml. */
#include "sysvec_vector.h"

long fake_uid(struct sysvec_call *call);
long fake_uid(struct sysvec_call *call)
{
	return 0;
}
