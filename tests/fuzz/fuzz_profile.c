// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for policyc's front end: the YAML loader, the profile
 * parser, the resolver, the code generator and the seccomp backend's
 * compiler, on arbitrary bytes. Built
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
	struct profile p;
	struct resolved r;
	char *c = NULL, *k = NULL;
	size_t cl, kl;

	if (!sink)
		sink = fopen("/dev/null", "w");
	diag_reset();
	diag_set_stream(sink);
	if (profile_load_buffer("fuzz.yaml", (const char *)data, size, &p))
		return 0;
	if (!resolve(&p, &r)) {
		FILE *cf = open_memstream(&c, &cl), *kf = open_memstream(&k, &kl);

		scmp_filter_ctx ctx = NULL;
		int issues;

		if (cf && kf) {
			emit_module(&r, cf, kf);
			explain(&r, cf);
		}
		/* the seccomp backend's filter, built but never loaded */
		if (!seccomp_compile(&r, SC_DEGRADE, NULL, &ctx, &issues) && ctx)
			seccomp_release(ctx);
		if (cf)
			fclose(cf);
		if (kf)
			fclose(kf);
		free(c);
		free(k);
		resolved_free(&r);
	}
	profile_free(&p);
	return 0;
}
