// SPDX-License-Identifier: GPL-2.0
/*
 * The vector module's C source and Kbuild.
 *
 * The output depends on nothing but the profile: no time stamps, no
 * absolute paths, entries in syscall-number order, so the same profile
 * always gives the same bytes. Tables use designated initialisers indexed
 * by syscall number; entries left out take the vector's default rule.
 */
#include <errno.h>
#include <libgen.h>
#include <string.h>
#include "policyc.h"

/* A chain as the module will hold it, shared by every entry that has it. */
struct echain {
	const struct svp_entry *e;
	int abi;
	char used_by[256];
};

/*
 * An i386 call's arguments are compared on their low 32 bits, so a
 * negative value (written as -1, sign-extended to 64 bits) is what the
 * 32-bit register holds: 0xffffffff.
 */
static uint64_t abi_value(int abi, uint64_t v)
{
	if (abi == SVP_ABI_I386 && (v >> 31) == 0x1ffffffffULL)
		return v & 0xffffffffULL;
	return v;
}

/* SYSVEC_RULE(SYSVEC_ACT_..., its argument): the action as the module holds it. */
static void rule_expr(const struct svp_action *a, char *out, size_t len)
{
	const struct svp_action_kind *k = svp_action_kind(a->act);
	const char *e;

	if (!k) {
		snprintf(out, len, "SYSVEC_RULE(SYSVEC_ACT_DEFAULT, 0)");
		return;
	}
	switch (k->arg) {
	case SVP_ARG_ERRNO:
		e = svp_errno_name(a->value);
		if (e)
			snprintf(out, len, "SYSVEC_RULE(%s, %s)", k->uapi_name, e);
		else
			snprintf(out, len, "SYSVEC_RULE(%s, %d)", k->uapi_name, a->value);
		break;
	case SVP_ARG_RETURN:
		snprintf(out, len, "SYSVEC_RULE(%s, %d)", k->uapi_name, a->value);
		break;
	case SVP_ARG_NONE:
		snprintf(out, len, "SYSVEC_RULE(%s, 0)", k->uapi_name);
		break;
	}
}

static void where(const struct svp_loc *l, char *out, size_t len)
{
	snprintf(out, len, "%s:%d", svp_path_base(l->file), l->line);
}

static bool same_chain(const struct svp_entry *a, const struct svp_entry *b)
{
	size_t i;

	if (a->nr_chain != b->nr_chain || a->action.act != b->action.act ||
	    a->action.value != b->action.value)
		return false;
	for (i = 0; i < a->nr_chain; i++)
		if (a->chain[i].rule != b->chain[i].rule ||
		    a->chain[i].action.act != b->chain[i].action.act ||
		    a->chain[i].action.value != b->chain[i].action.value)
			return false;
	return true;
}

static const char *const cmp_names[] = {
	[SVP_CMP_EQ] = "EQ", [SVP_CMP_NE] = "NE", [SVP_CMP_LT] = "LT", [SVP_CMP_LE] = "LE",
	[SVP_CMP_GT] = "GT", [SVP_CMP_GE] = "GE", [SVP_CMP_MASKED_EQ] = "MASKED_EQ",
};

/* Escape for a C string literal: printable ASCII only. */
static void c_string(FILE *f, const char *s, size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++, n++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < ' ' || ch > '~')
			fputc(' ', f);
		else
			fputc(ch, f);
	}
}

static int emit_chains(const struct svp_resolved *r, FILE *f, struct echain **out, size_t *nr,
		       int idx[SVP_ABI_NR][1024])
{
	struct echain *ch = NULL;
	size_t n = 0, i, k;
	int abi, nr_;
	char w[96], rx[96];

	for (abi = 0; abi < SVP_ABI_NR; abi++) {
		for (nr_ = 0; nr_ < r->len[abi]; nr_++) {
			const struct svp_entry *e = &r->tab[abi][nr_];
			size_t used;

			idx[abi][nr_] = -1;
			if (!e->nr_chain)
				continue;
			for (i = 0; i < n && !(same_chain(ch[i].e, e) && ch[i].abi == abi); i++)
				;
			if (i == n) {
				struct echain *c2 = realloc(ch, (n + 1) * sizeof(*c2));

				if (!c2) {
					free(ch);
					return -ENOMEM;
				}
				ch = c2;
				ch[n].e = e;
				ch[n].abi = abi;
				ch[n].used_by[0] = 0;
				n++;
			}
			idx[abi][nr_] = i;
			used = strlen(ch[i].used_by);
			snprintf(ch[i].used_by + used, sizeof(ch[i].used_by) - used, "%s%s %s",
				 used ? ", " : "", svp_sys_name(abi, nr_), svp_abi_names[abi]);
		}
	}
	if (n > 1024) {
		struct svp_loc at = { r->p->files[0], 0, 0, 0 };

		svp_diag_error(&at, "use fewer syscalls with conditions",
			       "%zu condition chains; a vector holds at most 1024", n);
		free(ch);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		const struct svp_entry *e = ch[i].e;

		fprintf(f, "/* chain %zu: %s */\n", i, ch[i].used_by);
		for (k = 0; k < e->nr_chain; k++) {
			const struct svp_rule *ru = e->chain[k].rule;
			int c;

			where(&ru->loc, w, sizeof(w));
			if (e->chain[k].sub)	/* a multiplexer's sub-call, by its rule */
				snprintf(w + strlen(w), sizeof(w) - strlen(w), ", %s: %s%s",
					 e->chain[k].sub->macro, e->chain[k].sub->x86_64,
					 e->chain[k].fail_closed ? ", fail closed" : "");
			fprintf(f, "static const struct sysvec_arg_cond sv_cond_%zu_%zu[] = {\t/* %s */\n",
				i, k, w);
			for (c = 0; c < ru->nr_conds; c++) {
				const struct svp_cond *cd = &ru->conds[c];

				fprintf(f, "\t{ .arg = %d, .op = SYSVEC_CMP_%s, .mask = 0x%llx, .value = 0x%llx },\n",
					cd->arg, cmp_names[cd->op],
					(unsigned long long)abi_value(ch[i].abi, cd->mask),
					(unsigned long long)abi_value(ch[i].abi, cd->value));
			}
			fprintf(f, "};\n");
		}
		fprintf(f, "static const struct sysvec_cond_rule sv_chain_%zu[] = {\n", i);
		for (k = 0; k < e->nr_chain; k++) {
			rule_expr(&e->chain[k].action, rx, sizeof(rx));
			fprintf(f, "\t{ sv_cond_%zu_%zu, ARRAY_SIZE(sv_cond_%zu_%zu), %s },\n",
				i, k, i, k, rx);
		}
		fprintf(f, "};\n\n");
	}
	if (n) {
		fprintf(f, "static const struct sysvec_cond_chain sv_chains[] = {\n");
		for (i = 0; i < n; i++) {
			rule_expr(&ch[i].e->action, rx, sizeof(rx));
			fprintf(f, "\t[%zu] = { sv_chain_%zu, ARRAY_SIZE(sv_chain_%zu), %s },\n",
				i, i, i, rx);
		}
		fprintf(f, "};\n\n");
	}
	*out = ch;
	*nr = n;
	return 0;
}

static void emit_table(const struct svp_resolved *r, FILE *f, int abi, int idx[SVP_ABI_NR][1024])
{
	static const char *const cnames[SVP_ABI_NR] = { "sv_native", "sv_ia32" };
	char rx[96], w[96];
	int nr;

	fprintf(f, "/* %s: syscall number -> rule; absent entries take the default */\n",
		svp_abi_names[abi]);
	fprintf(f, "static const u32 %s[%d] = {\n", cnames[abi], r->len[abi]);
	for (nr = 0; nr < r->len[abi]; nr++) {
		const struct svp_entry *e = &r->tab[abi][nr];

		if (idx[abi][nr] >= 0) {
			snprintf(rx, sizeof(rx), "SYSVEC_RULE(SYSVEC_ACT_COND, %d)", idx[abi][nr]);
			where(&e->chain[0].rule->loc, w, sizeof(w));
		} else if (e->hook) {
			/* The handler decides; the table lets the call through to it. */
			rule_expr(&(struct svp_action){ .act = SVP_ACT_ALLOW }, rx, sizeof(rx));
			where(&e->hook_rule->loc, w, sizeof(w));
		} else if (e->action.act != SVP_ACT_NONE) {
			rule_expr(&e->action, rx, sizeof(rx));
			where(&e->from->loc, w, sizeof(w));
		} else {
			continue;
		}
		/* an i386 call decided by a rule on its x86_64 twin */
		if (e->fail_closed)
			snprintf(w + strlen(w), sizeof(w) - strlen(w), ", fail closed");
		else if (e->via)
			snprintf(w + strlen(w), sizeof(w) - strlen(w), ", as %s", e->via);
		fprintf(f, "\t[%d] = %s,\t/* %s: %s */\n", nr, rx, svp_sys_name(abi, nr), w);
	}
	fprintf(f, "};\n\n");
}

static int emit_hooks(const struct svp_resolved *r, FILE *f)
{
	const char *done[256];
	size_t nd = 0, i;
	int abi, nr, n = 0;

	for (abi = 0; abi < SVP_ABI_NR; abi++) {
		for (nr = 0; nr < r->len[abi]; nr++) {
			const struct svp_hook *h = r->tab[abi][nr].hook;

			if (!h)
				continue;
			for (i = 0; i < nd && strcmp(done[i], h->handler); i++)
				;
			if (i == nd && nd < ARRAY_LEN(done)) {
				done[nd++] = h->handler;
				fprintf(f, "long %s(struct sysvec_call *call);\t/* %s */\n",
					h->handler, svp_path_base(h->source));
				if (h->post)
					fprintf(f, "void %s(struct sysvec_call *call, long ret);\t/* %s */\n",
						h->post, svp_path_base(h->source));
			}
			n++;
		}
	}
	if (!n)
		return 0;
	fprintf(f, "\nstatic const struct sysvec_hook sv_hooks[] = {\n");
	for (abi = 0; abi < SVP_ABI_NR; abi++) {
		for (nr = 0; nr < r->len[abi]; nr++) {
			const struct svp_hook *h = r->tab[abi][nr].hook;

			if (h)
				fprintf(f, "\t{ %d, %d, SYSVEC_HOOK_%s, %s, \"%s\", %s, %s },"
					"\t/* %s %s */\n",
					abi, nr, h->kind == SVP_HOOK_WRAP ? "WRAP" : "OVERRIDE",
					h->handler, h->handler, h->post ? h->post : "NULL",
					h->paths ? "SYSVEC_HOOK_F_PATHS" : "0",
					svp_sys_name(abi, nr), svp_abi_names[abi]);
		}
	}
	fprintf(f, "};\n\n");
	return n;
}

/* @s as a C string literal: printable ASCII as is, other bytes in octal. */
static void c_literal(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < ' ' || ch > '~')
			fprintf(f, "\\%03o", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* protect: the paths, before the vector that points at them. */
static void emit_protect_paths(const struct svp_protect *pr, FILE *f)
{
	char w[96];
	size_t i;

	if (!pr->nr_paths)
		return;
	where(&pr->loc, w, sizeof(w));
	fprintf(f, "/*\n * protect (%s): the kernel refuses the operations on the objects\n"
		" * these paths name, resolved when the vector is loaded and at each\n"
		" * attach (kernel/guard.c).\n */\n", w);
	fprintf(f, "static const char *const sv_protect_paths[] = {\n");
	for (i = 0; i < pr->nr_paths; i++) {
		fputc('\t', f);
		c_literal(f, pr->paths[i].path);
		where(&pr->paths[i].loc, w, sizeof(w));
		fprintf(f, ",\t/* %s */\n", w);
	}
	fprintf(f, "};\n\n");
}

/* protect: the vector's .protect member. */
static void emit_protect(const struct svp_protect *pr, FILE *f)
{
	char rx[96];
	size_t i, col = 23;	/* where "\t\t.ops = " ends, tabs of 8 */
	int n = 0;

	if (!pr->nr_paths)
		return;
	rule_expr(&pr->action, rx, sizeof(rx));
	fprintf(f, "\t.protect = {\n");
	fprintf(f, "\t\t.paths = sv_protect_paths,\n");
	fprintf(f, "\t\t.nr_paths = ARRAY_SIZE(sv_protect_paths),\n");
	fprintf(f, "\t\t.ops = ");
	if (pr->ops == svp_protect_all) {
		fprintf(f, "SYSVEC_PROT_ALL");
	} else {
		for (i = 0; i < svp_nr_protect_ops; i++) {
			const char *m = svp_protect_ops[i].macro;

			if (!(pr->ops & svp_protect_ops[i].bit))
				continue;
			if (n++ && col + 3 + strlen(m) > 78) {
				fprintf(f, " |\n\t\t\t%s", m);
				col = 24 + strlen(m);
			} else {
				fprintf(f, "%s%s", n > 1 ? " | " : "", m);
				col += (n > 1 ? 3 : 0) + strlen(m);
			}
		}
	}
	fprintf(f, ",\n\t\t.rule = %s,\n", rx);
	fprintf(f, "\t},\n");
}

int emit_module(const struct svp_resolved *r, FILE *f, FILE *kb)
{
	const struct svp_profile *p = r->p;
	int idx[SVP_ABI_NR][1024];
	struct echain *chains = NULL;
	size_t nr_chains = 0, i;
	char mod[80], rx[96];
	int ret, nr_hooks;

	svp_module_name(p->name, mod, sizeof(mod));
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n");
	fprintf(f, "/*\n * Generated by policyc from %s: do not edit.\n", svp_path_base(p->files[0]));
	fprintf(f, " * Vector \"%s\", version %s+%.16s.\n", p->name, p->version, p->hash);
	fprintf(f, " * Content hash (sha256 of the profile, its includes and handlers):\n *   %s\n",
		p->hash);
	if (p->complain)
		fprintf(f, " * Complain mode: denials and kills are logged and the calls run.\n");
	fprintf(f, " */\n#include <linux/module.h>\n#include \"sysvec_vector.h\"\n\n");

	ret = emit_chains(r, f, &chains, &nr_chains, idx);
	if (ret)
		return ret;
	emit_table(r, f, SVP_ABI_X86_64, idx);
	emit_table(r, f, SVP_ABI_I386, idx);
	nr_hooks = emit_hooks(r, f);
	emit_protect_paths(&p->protect, f);

	rule_expr(&r->dflt, rx, sizeof(rx));
	fprintf(f, "static const struct sysvec_vector sv_vector = {\n");
	fprintf(f, "\t.name = \"%s\",\n", p->name);
	fprintf(f, "\t.version = \"%s+%.16s\",\n", p->version, p->hash);
	fprintf(f, "\t.owner = THIS_MODULE,\n");
	fprintf(f, "\t.default_rule = %s,\n", rx);
	fprintf(f, "\t.flags = %s,\n", p->io_uring ? "SYSVEC_VECTOR_F_IO_URING" : "0");
	fprintf(f, "\t.native = { sv_native, ARRAY_SIZE(sv_native) },\n");
	fprintf(f, "\t.ia32 = { sv_ia32, ARRAY_SIZE(sv_ia32) },\n");
	fprintf(f, "\t/* no x32 table: every x32 call is denied (ENOSYS) and logged */\n");
	if (nr_chains)
		fprintf(f, "\t.chains = sv_chains,\n\t.nr_chains = ARRAY_SIZE(sv_chains),\n");
	if (nr_hooks)
		fprintf(f, "\t.hooks = sv_hooks,\n\t.nr_hooks = ARRAY_SIZE(sv_hooks),\n");
	emit_protect(&p->protect, f);
	fprintf(f, "};\n\nmodule_sysvec_vector(sv_vector);\n");
	fprintf(f, "MODULE_LICENSE(\"GPL\");\n");
	fprintf(f, "MODULE_DESCRIPTION(\"sysvec vector %s", p->name);
	if (p->description) {
		fprintf(f, ": ");
		c_string(f, p->description, 160);
	}
	fprintf(f, "\");\nMODULE_VERSION(\"%s+%.16s\");\n", p->version, p->hash);
	free(chains);

	fprintf(kb, "# SPDX-License-Identifier: GPL-2.0\n");
	fprintf(kb, "# Generated by policyc from %s: do not edit.\n", svp_path_base(p->files[0]));
	fprintf(kb, "# SYSVEC_DIR holds sysvec_vector.h; policyc build passes it.\n");
	fprintf(kb, "obj-m := %s.o\n%s-y := vector.o", mod, mod);
	/* each handler file once, in the order the profile names them */
	for (i = 0; i < p->nr_sources; i++) {
		const char *b = svp_path_base(p->sources[i]);

		fprintf(kb, " %.*s.o", (int)strlen(b) - 2, b);
	}
	fprintf(kb, "\nccflags-y := -I$(SYSVEC_DIR) -I$(SYSVEC_DIR)/../include/uapi\n");
	return 0;
}
