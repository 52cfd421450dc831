// SPDX-License-Identifier: GPL-2.0
/*
 * The effective rule of every syscall of every ABI.
 *
 * Which rules decide a syscall:
 *  1. only those of the most including file that mentions it: a profile's
 *     own rules win over those of its includes (depth 0 over depth 1 ...);
 *  2. among those, a rule that names the syscall wins over one that only
 *     reaches it through a @group;
 *  3. rules without conditions give the action; two of them with different
 *     actions conflict (an error citing both), the same action twice by
 *     name is a duplicate (a warning citing both);
 *  4. rules with conditions form a chain in file order, tried before the
 *     action of rule 3 (or the default, when there is none);
 *  5. a wrap or override handler decides alone: another rule for the same
 *     syscall at the same level conflicts with it.
 * Complain mode then turns every deny and kill into a logged allow.
 */
#include <errno.h>
#include <string.h>
#include "policyc.h"

struct cand {
	const struct rule *rule;
	const struct target *target;
	bool explicit;
};

struct pair {
	const struct rule *a, *b;
};

struct rctx {
	struct pair *reported;
	size_t nr_reported;
	int errors;
};

struct action complain_action(struct action a)
{
	switch (a.act) {
	case ACT_DENY:
	case ACT_DENY_LOG:
	case ACT_KILL:
		a.act = ACT_LOG;
		a.value = 0;
		break;
	default:
		break;
	}
	return a;
}

static bool same_action(const struct action *a, const struct action *b)
{
	return a->act == b->act && a->value == b->value;
}

/* Report each pair of rules once, whatever number of syscalls they share. */
static bool first_report(struct rctx *c, const struct rule *a, const struct rule *b)
{
	struct pair *p;
	size_t i;

	for (i = 0; i < c->nr_reported; i++)
		if (c->reported[i].a == a && c->reported[i].b == b)
			return false;
	p = realloc(c->reported, (c->nr_reported + 1) * sizeof(*p));
	if (!p)
		return true;
	c->reported = p;
	p[c->nr_reported++] = (struct pair){ a, b };
	return true;
}

static bool target_matches(const struct target *t, const char *name)
{
	size_t i;

	if (!t->group)
		return !strcmp(t->name, name);
	for (i = 0; i < t->group->nr; i++)
		if (!strcmp(t->group->syscalls[i], name))
			return true;
	return false;
}

/*
 * A `paths: true` wrap decides on path arguments: every syscall it names,
 * directly or through a group, must take paths. One error per target, naming
 * all the calls that do not.
 */
static void check_path_hooks(struct rctx *c, const struct profile *p)
{
	const char *fix = "paths: true works on open, unlink, rmdir, mkdir, rename, stat, "
			  "truncate, chmod and chown calls; name only those";
	size_t i, j, k, len;
	char bad[512];

	for (i = 0; i < p->nr_rules; i++) {
		const struct rule *r = &p->rules[i];

		if (!r->hook || !r->hook->paths)
			continue;
		for (j = 0; j < r->nr_targets; j++) {
			const struct target *t = &r->targets[j];

			bad[0] = '\0';
			len = 0;
			for (k = 0; k < (t->group ? t->group->nr : 1); k++) {
				const char *n = t->group ? t->group->syscalls[k] : t->name;

				if (!sys_path_call(n) && len + strlen(n) + 3 < sizeof(bad))
					len += (size_t)snprintf(bad + len, sizeof(bad) - len, "%s%s",
								len ? ", " : "", n);
			}
			if (!len)
				continue;
			if (t->group)
				diag_error(&t->loc, fix, "%s: %s take no path the kernel can check",
					   t->name, bad);
			else
				diag_error(&t->loc, fix, "%s takes no path the kernel can check", bad);
			c->errors++;
		}
	}
}

static int resolve_one(struct rctx *c, const struct profile *p, const char *name,
		       struct entry *e)
{
	struct cand cands[256];
	size_t n = 0, i, j;
	int min_depth = 1 << 30;
	bool have_explicit[3] = { false, false, false };	/* plain, cond, hook */
	const struct cand *plain = NULL, *hook = NULL;

	for (i = 0; i < p->nr_rules; i++) {
		const struct rule *r = &p->rules[i];

		for (j = 0; j < r->nr_targets; j++) {
			if (!target_matches(&r->targets[j], name))
				continue;
			if (n == ARRAY_LEN(cands))
				break;
			cands[n++] = (struct cand){ r, &r->targets[j], !r->targets[j].group };
			if (r->depth < min_depth)
				min_depth = r->depth;
			break;	/* one candidate per rule */
		}
	}
	for (i = 0; i < n; i++) {
		const struct rule *r = cands[i].rule;
		int kind = r->hook ? 2 : r->nr_conds ? 1 : 0;

		if (r->depth == min_depth && cands[i].explicit)
			have_explicit[kind] = true;
	}
	for (i = 0; i < n; i++) {
		const struct cand *k = &cands[i];
		const struct rule *r = k->rule;
		int kind = r->hook ? 2 : r->nr_conds ? 1 : 0;

		if (r->depth != min_depth || (have_explicit[kind] && !k->explicit))
			continue;
		if (kind == 0) {
			if (!plain) {
				plain = k;
				continue;
			}
			if (!same_action(&plain->rule->action, &r->action)) {
				if (first_report(c, plain->rule, r)) {
					char a1[48], a2[48], msg[160];

					action_text(&r->action, a1, sizeof(a1));
					action_text(&plain->rule->action, a2, sizeof(a2));
					snprintf(msg, sizeof(msg),
						 "name \"%s\" in a rule of its own to decide", name);
					diag_error(&k->target->loc, k->explicit ? "keep one of the two rules" : msg,
						   "conflicting rules for \"%s\": %s here, %s at %s:%d:%d",
						   name, a1, a2, plain->target->loc.file,
						   plain->target->loc.line, plain->target->loc.col);
					diag_note(&plain->target->loc, "the other rule");
				}
				c->errors++;
			} else if (k->explicit && plain->explicit && plain->rule != r &&
				   first_report(c, plain->rule, r)) {
				diag_warning(&k->target->loc, "remove one of the two",
					     "duplicate rule for \"%s\", also at %s:%d:%d", name,
					     plain->target->loc.file, plain->target->loc.line,
					     plain->target->loc.col);
			}
		} else if (kind == 1) {
			struct chain_rule *cr = realloc(e->chain, (e->nr_chain + 1) * sizeof(*cr));

			if (!cr)
				return -ENOMEM;
			e->chain = cr;
			cr[e->nr_chain++] = (struct chain_rule){ r, r->action };
		} else {
			if (hook) {
				if (first_report(c, hook->rule, r)) {
					diag_error(&k->target->loc, "give each syscall one handler",
						   "\"%s\" has a second handler; the first is at %s:%d:%d",
						   name, hook->target->loc.file, hook->target->loc.line,
						   hook->target->loc.col);
					diag_note(&hook->target->loc, "the first handler");
				}
				c->errors++;
				continue;
			}
			hook = k;
		}
	}
	if (hook && (plain || e->nr_chain)) {
		const struct rule *o = plain ? plain->rule : e->chain[0].rule;
		const struct target *ot = plain ? plain->target : NULL;

		for (j = 0; !ot && j < o->nr_targets; j++)
			if (target_matches(&o->targets[j], name))
				ot = &o->targets[j];
		if (first_report(c, hook->rule, o)) {
			diag_error(&hook->target->loc, "remove the other rule or the handler",
				   "\"%s\" has a handler and another rule at %s:%d:%d", name,
				   ot->loc.file, ot->loc.line, ot->loc.col);
			diag_note(&ot->loc, "the other rule");
		}
		c->errors++;
	}
	if (plain) {
		e->action = plain->rule->action;
		e->from = plain->rule;
	}
	if (hook) {
		e->hook = hook->rule->hook;
		e->hook_rule = hook->rule;
		e->from = hook->rule;
		if (hook->rule->action.act == ACT_RETURN)
			e->action = hook->rule->action;
	}
	if (e->nr_chain > 64) {
		diag_error(&e->chain[64].rule->loc, "merge conditions into fewer rules",
			   "more than 64 rules with conditions for \"%s\"", name);
		c->errors++;
	}
	if (p->complain) {
		e->action = complain_action(e->action);
		for (i = 0; i < e->nr_chain; i++)
			e->chain[i].action = complain_action(e->chain[i].action);
	}
	return 0;
}

int resolve(const struct profile *p, struct resolved *r)
{
	struct rctx c = { 0 };
	int abi, nr, ret = 0;

	memset(r, 0, sizeof(*r));
	r->p = p;
	r->dflt = p->complain ? complain_action(p->dflt) : p->dflt;
	check_path_hooks(&c, p);
	for (abi = 0; abi < ABI_NR && !ret; abi++) {
		r->len[abi] = sys_count(abi);
		r->tab[abi] = calloc(r->len[abi], sizeof(struct entry));
		if (!r->tab[abi]) {
			ret = -ENOMEM;
			break;
		}
		for (nr = 0; nr < r->len[abi] && !ret; nr++) {
			const char *name = sys_name(abi, nr);

			if (name)
				ret = resolve_one(&c, p, name, &r->tab[abi][nr]);
		}
	}
	free(c.reported);
	if (!ret && c.errors)
		ret = -EINVAL;
	if (ret)
		resolved_free(r);
	return ret;
}

void resolved_free(struct resolved *r)
{
	int abi, i;

	for (abi = 0; abi < ABI_NR; abi++) {
		for (i = 0; r->tab[abi] && i < r->len[abi]; i++)
			free(r->tab[abi][i].chain);
		free(r->tab[abi]);
		r->tab[abi] = NULL;
	}
}
