// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the profile library (the YAML loader, the profile
 * parser, the resolver and the seccomp backend's compiler) and policyc's
 * module source and explain, on arbitrary bytes. Built
 * with AddressSanitizer and UndefinedBehaviorSanitizer (tests/fuzz/run.sh),
 * so a crash, an out-of-bounds access, undefined behaviour or a leak fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "policyc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct svp_profile p;
	struct svp_resolved r;
	char *c = NULL, *k = NULL;
	size_t cl, kl;

	if (!sink)
		sink = fopen("/dev/null", "w");
	svp_diag_reset();
	svp_diag_set_stream(sink);
	if (svp_profile_load_buffer("fuzz.yaml", (const char *)data, size, &p))
		return 0;
	if (!svp_resolve(&p, &r)) {
		FILE *cf = open_memstream(&c, &cl), *kf = open_memstream(&k, &kl);

		scmp_filter_ctx ctx = NULL;
		int issues;

		if (cf && kf) {
			emit_module(&r, cf, kf);
			explain(&r, cf);
		}
		/* the seccomp backend's filter, built but never loaded */
		if (!svp_seccomp_compile(&r, SVP_SC_DEGRADE, NULL, &ctx, &issues) && ctx)
			seccomp_release(ctx);
		if (cf)
			fclose(cf);
		if (kf)
			fclose(kf);
		free(c);
		free(k);
		svp_resolved_free(&r);
	}
	svp_profile_free(&p);
	return 0;
}
