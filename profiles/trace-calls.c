// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers of the trace-calls profile: every wrapped call runs unchanged,
 * and after it an audit record gives its arguments, result and duration
 * (sysvec_call_audit(): "sysvec action=trace ... exit= duration_ns=").
 *
 * Built into the vector module beside the generated vector.c.
 */
#include "sysvec_vector.h"

long trace_calls_pre(struct sysvec_call *call);
long trace_calls_pre(struct sysvec_call *call)
{
	return 0;	/* let the call run */
}

void trace_calls_post(struct sysvec_call *call, long ret);
void trace_calls_post(struct sysvec_call *call, long ret)
{
	/* Dropped records are counted by the registry (audit_suppressed). */
	sysvec_call_audit(call, ret);
}
