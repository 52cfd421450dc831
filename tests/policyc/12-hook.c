// SPDX-License-Identifier: GPL-2.0
/* Handlers of golden case 12-hook.yaml. */
#include "sysvec_vector.h"

long check_unlink(struct sysvec_call *call);
long check_unlink(struct sysvec_call *call)
{
	return 0;
}

long fake_uid(struct sysvec_call *call);
long fake_uid(struct sysvec_call *call)
{
	return 0;
}

long check_pgid(struct sysvec_call *call);
long check_pgid(struct sysvec_call *call)
{
	return 0;
}

void count_pgid(struct sysvec_call *call, long ret);
void count_pgid(struct sysvec_call *call, long ret)
{
}
