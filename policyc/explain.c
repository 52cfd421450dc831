// SPDX-License-Identifier: GPL-2.0
/*
 * policyc explain: the effective action of every syscall of each ABI, with
 * the rule that decided it, the files the vector protects (protect:), then
 * the rules that the seccomp fallback backend cannot enforce as written.
 *
 * The seccomp part is what the seccomp backend itself finds when it builds
 * the filter (seccomp.c), so the two never disagree.
 */
#include <errno.h>
#include <string.h>
#include "policyc.h"

/* An entry's action, or the default's where the entry has none. */
static void entry_text(const struct svp_action *a, const struct svp_action *dflt, char *out,
		       size_t len)
{
	svp_action_text(a->act == SVP_ACT_NONE ? dflt : a, out, len);
}

static void from_text(const struct svp_rule *r, char *out, size_t len)
{
	if (!r)
		snprintf(out, len, "default");
	else
		snprintf(out, len, "%s:%d", r->loc.file, r->loc.line);
}

static bool is_io_uring(const char *name)
{
	return !strncmp(name, "io_uring_", 9);
}

/* "if a0 == 0x1 && ..." for the conditions of @ru. */
static void cond_text(const struct svp_rule *ru, char *cond, size_t len)
{
	static const char *const ops[] = { "", "==", "!=", "<", "<=", ">", ">=", "&" };
	size_t used = 0;
	char one[96];
	int c;

	cond[0] = 0;
	for (c = 0; c < ru->nr_conds; c++) {
		const struct svp_cond *cd = &ru->conds[c];

		if (cd->op == SVP_CMP_MASKED_EQ)
			snprintf(one, sizeof(one), "(a%d & 0x%llx) == 0x%llx", cd->arg,
				 (unsigned long long)cd->mask, (unsigned long long)cd->value);
		else
			snprintf(one, sizeof(one), "a%d %s 0x%llx", cd->arg, ops[cd->op],
				 (unsigned long long)cd->value);
		used += snprintf(cond + used, len - used, "%s%s", c ? " && " : "", one);
		if (used >= len)
			break;
	}
}

/* The sub-calls of i386 multiplexer @e (@name): each one's decision. */
static void explain_mux(const struct svp_resolved *r, const struct svp_entry *e, const char *name,
			FILE *out)
{
	const struct svp_subcall *sc;
	size_t n = svp_sys_subcalls(name, &sc), i, k;
	char act[64], from[512];

	fprintf(out, "%5s    argument 0%s picks the call; each is decided by its x86_64 call's rules:\n",
		"", sc[0].mask ? " (its low 16 bits)" : "");
	for (i = 0; i < n; i++) {
		const struct svp_chain_rule *cr = NULL;

		for (k = 0; k < e->nr_chain && !cr; k++)
			if (e->chain[k].sub == &sc[i])
				cr = &e->chain[k];
		if (!cr) {
			fprintf(out, "%5s    %3u %-16s %-12s %s's own rules\n", "", sc[i].value,
				sc[i].macro, sc[i].x86_64, name);
			continue;
		}
		entry_text(&cr->action, &r->dflt, act, sizeof(act));
		from_text(cr->origin, from, sizeof(from));
		if (cr->fail_closed)
			snprintf(from + strlen(from), sizeof(from) - strlen(from),
				 " (fail closed: its rule needs the arguments, which %s passes "
				 "in memory)", name);
		fprintf(out, "%5s    %3u %-16s %-12s %-22s %s\n", "", sc[i].value, sc[i].macro,
			sc[i].x86_64, act, from);
	}
}

/* protect: what the kernel refuses, on which objects, and in complain mode. */
static void explain_protect(const struct svp_protect *pr, FILE *out)
{
	char act[64], ops[128];
	size_t i;

	if (!pr->nr_paths)
		return;
	svp_action_text(&pr->action, act, sizeof(act));
	svp_protect_ops_text(pr->ops, ops, sizeof(ops));
	fprintf(out, "\nprotect (%s:%d): %s for %s%s\n", pr->loc.file, pr->loc.line, act, ops,
		pr->ops == svp_protect_all ? " (all)" : "");
	for (i = 0; i < pr->nr_paths; i++)
		fprintf(out, "  %-40s %s:%d\n", pr->paths[i].path, pr->paths[i].loc.file,
			pr->paths[i].loc.line);
	fprintf(out, "  decided by the kernel on the objects a call resolves, whatever path reaches\n"
		"  them: each path, what it names (a directory: everything below it too) and\n"
		"  its name in its directory, as resolved when the vector is loaded and at each\n"
		"  attach; not guarded: reading, fstat of an open file, extended attributes,\n"
		"  timestamps, file systems mounted below a protected directory\n");
	fprintf(out, "  complain mode (svrun --complain): each refusal is logged (complain=1) and\n"
		"  the call runs\n");
}

int explain(const struct svp_resolved *r, FILE *out)
{
	const struct svp_profile *p = r->p;
	char act[64], from[512];
	int abi, nr, ret, limits = 0;
	size_t i;

	svp_action_text(&r->dflt, act, sizeof(act));
	fprintf(out, "profile %s, version %s+%.16s%s\ndefault: %s\n", p->name, p->version,
		p->hash, p->complain ? " (complain mode)" : "", act);
	for (abi = 0; abi < SVP_ABI_NR; abi++) {
		fprintf(out, "\n%s:\n%5s  %-24s %-22s %s\n", svp_abi_names[abi], "nr", "syscall",
			"action", "rule");
		for (nr = 0; nr < r->len[abi]; nr++) {
			const struct svp_entry *e = &r->tab[abi][nr];
			const char *name = svp_sys_name(abi, nr);
			bool mux = abi == SVP_ABI_I386 && svp_sys_twin(nr)->kind == SVP_TWIN_MUX;

			if (!name)
				continue;
			if (is_io_uring(name) && !p->io_uring) {
				struct svp_action off = { .act = SVP_ACT_DENY, .value = EPERM };

				svp_action_text(&off, act, sizeof(act));
				fprintf(out, "%5d  %-24s %-22s %s\n", nr, name, act,
					"io_uring is off (io_uring: true to allow)");
				continue;
			}
			if (e->hook) {
				snprintf(act, sizeof(act), "%s %s",
					 e->hook->kind == SVP_HOOK_WRAP ? "wrap" : "override",
					 e->hook->handler);
				from_text(e->hook_rule, from, sizeof(from));
			} else {
				entry_text(&e->action, &r->dflt, act, sizeof(act));
				from_text(e->from, from, sizeof(from));
			}
			/* an i386 call decided by its x86_64 twin's rule says so */
			if (e->fail_closed)
				snprintf(from + strlen(from), sizeof(from) - strlen(from),
					 " (fail closed: the rule for %s needs arguments i386 passes "
					 "differently)", svp_sys_twin(nr)->x86_64);
			else if (e->via)
				snprintf(from + strlen(from), sizeof(from) - strlen(from), " (as %s)",
					 e->via);
			fprintf(out, "%5d  %-24s %-22s %s\n", nr, name, act, from);
			if (mux)
				explain_mux(r, e, name, out);
			for (i = 0; i < e->nr_chain; i++) {
				const struct svp_chain_rule *cr = &e->chain[i];
				char cond[256];

				if (cr->sub)
					continue;	/* listed by explain_mux() */
				cond_text(cr->rule, cond, sizeof(cond));
				entry_text(&cr->action, &r->dflt, act, sizeof(act));
				from_text(cr->rule, from, sizeof(from));
				fprintf(out, "%5s    if %s: %s (%s)\n", "", cond, act, from);
			}
			if (e->nr_chain || mux)
				fprintf(out, "%5s    otherwise: the action above\n", "");
		}
	}
	fprintf(out, "\nx32: no table; every x32 call is denied with ENOSYS and logged\n");
	explain_protect(&p->protect, out);

	fprintf(out, "\nseccomp fallback (when the sysvec module cannot be loaded) cannot enforce:\n");
	ret = svp_seccomp_compile(r, SVP_SC_DEGRADE, out, NULL, &limits);
	if (ret)
		return ret;
	if (!limits)
		fprintf(out, "  nothing: seccomp can enforce every rule of this profile\n");
	else
		fprintf(out, "  svrun refuses the seccomp backend for this profile unless given "
			"--allow-degraded\n");
	if (svp_seccomp_logs_all_denials(r, 0))
		fprintf(out, "  (logging: seccomp logs every denial of the filter or none; "
			"with deny+log rules it logs all)\n");
	return 0;
}
