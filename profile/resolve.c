// SPDX-License-Identifier: LGPL-2.1-or-later
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
 *
 * Every ABI entry point of a call (the twin table, gen-syscall-twins.sh):
 *  6. a rule on an x86_64 call also names its i386 twins (setuid: the i386
 *     setuid32 and the 16-bit setuid); the i386 name itself still works,
 *     and the two are one syscall for rules 1 to 5;
 *  7. a twin whose arguments differ (syscall-twins.txt) cannot hold a
 *     condition on them, nor a handler: that i386 call is denied (fail
 *     closed) and a warning names the rule;
 *  8. the i386 multiplexers socketcall and ipc get a chain on argument 0:
 *     each sub-call is decided by the rule of its x86_64 call (unless a
 *     rule on the multiplexer is stronger by 1 and 2), the multiplexer's
 *     own rules decide the rest. Sub-call arguments are in memory, so a
 *     sub-call whose rule has conditions or a handler is denied (with the
 *     multiplexer's own explicit deny if it has one, else EPERM and a
 *     warning).
 * Complain mode then turns every deny and kill into a logged allow.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include "profile.h"

#define MAX_CHAIN	64	/* SYSVEC_MAX_CHAIN_RULES of kernel/sysvec_vector.h */

struct cand {
	const struct svp_rule *rule;
	const struct svp_target *target;
	bool explicit;
	bool twin;		/* reaches the call only through its x86_64 twin */
};

struct pair {
	const struct svp_rule *a, *b;
};

/* Calls denied because a rule cannot hold on them: one warning per rule. */
struct closed {
	const struct svp_rule *rule;
	const struct svp_target *target;
	bool mux;
	char calls[320];
};

struct rctx {
	const struct svp_profile *p;
	struct pair *reported;
	size_t nr_reported;
	struct closed *closed;
	size_t nr_closed;
	int errors;
};

/* Whether @a refuses the call: deny, deny+log, kill (not return). */
static bool refuses(const struct svp_action *a)
{
	const struct svp_action_kind *k = svp_action_kind(a->act);

	return k && k->refuses;
}

struct svp_action svp_complain_action(struct svp_action a)
{
	if (refuses(&a)) {
		a.act = SVP_ACT_LOG;
		a.value = 0;
	}
	return a;
}

static bool same_action(const struct svp_action *a, const struct svp_action *b)
{
	return a->act == b->act && a->value == b->value;
}

/* Report each pair of rules once, whatever number of syscalls they share. */
static bool first_report(struct rctx *c, const struct svp_rule *a, const struct svp_rule *b)
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

static bool target_matches(const struct svp_target *t, const char *name)
{
	size_t i;

	if (!t->group)
		return !strcmp(t->name, name);
	for (i = 0; i < t->group->nr; i++)
		if (!strcmp(t->group->syscalls[i], name))
			return true;
	return false;
}

/* The target of @r that reaches @name, one naming it rather than a group. */
static const struct svp_target *rule_target(const struct svp_rule *r, const char *name)
{
	const struct svp_target *found = NULL;
	size_t j;

	for (j = 0; name && j < r->nr_targets; j++) {
		if (!target_matches(&r->targets[j], name))
			continue;
		if (!r->targets[j].group)
			return &r->targets[j];
		if (!found)
			found = &r->targets[j];
	}
	return found;
}

/*
 * A `paths: true` wrap decides on path arguments: every syscall it names,
 * directly or through a group, must take paths. One error per target, naming
 * all the calls that do not.
 */
static void check_path_hooks(struct rctx *c, const struct svp_profile *p)
{
	const char *fix = "paths: true works on open, unlink, rmdir, mkdir, rename, stat, "
			  "truncate, chmod and chown calls; name only those";
	size_t i, j, k, len;
	char bad[512];

	for (i = 0; i < p->nr_rules; i++) {
		const struct svp_rule *r = &p->rules[i];

		if (!r->hook || !r->hook->paths)
			continue;
		for (j = 0; j < r->nr_targets; j++) {
			const struct svp_target *t = &r->targets[j];

			bad[0] = '\0';
			len = 0;
			for (k = 0; k < (t->group ? t->group->nr : 1); k++) {
				const char *n = t->group ? t->group->syscalls[k] : t->name;

				if (!svp_sys_path_call(n) && len + strlen(n) + 3 < sizeof(bad))
					len += (size_t)snprintf(bad + len, sizeof(bad) - len, "%s%s",
								len ? ", " : "", n);
			}
			if (!len)
				continue;
			if (t->group)
				svp_diag_error(&t->loc, fix, "%s: %s take no path the kernel can check",
					       t->name, bad);
			else
				svp_diag_error(&t->loc, fix, "%s takes no path the kernel can check", bad);
			c->errors++;
		}
	}
}

/* Whether @a asks for an audit record (log, deny+log). */
static bool logs(const struct svp_action *a)
{
	const struct svp_action_kind *k = svp_action_kind(a->act);

	return k && k->logs;
}

/* Whether the profile writes audit records for some of its denials. */
static bool profile_logs(const struct svp_profile *p)
{
	size_t i;

	if (logs(&p->dflt))
		return true;
	for (i = 0; i < p->nr_rules; i++)
		if (logs(&p->rules[i].action))
			return true;
	return false;
}

/* What a call gets when the rule that should decide it cannot hold on it. */
static struct svp_action fail_closed_action(const struct svp_profile *p,
					     const struct svp_rule *ru)
{
	struct svp_action a = { profile_logs(p) ? SVP_ACT_DENY_LOG : SVP_ACT_DENY,
				SVP_FAIL_CLOSED_ERRNO, ru->loc };

	return p->complain ? svp_complain_action(a) : a;
}

/* Remember that @ru cannot hold on @call; warned about once per rule. */
static int note_closed(struct rctx *c, const struct svp_rule *ru, const struct svp_target *t,
		       bool mux, const char *call)
{
	struct closed *cl;
	size_t i, used;

	for (i = 0; i < c->nr_closed; i++)
		if (c->closed[i].rule == ru && c->closed[i].mux == mux)
			break;
	if (i == c->nr_closed) {
		cl = realloc(c->closed, (c->nr_closed + 1) * sizeof(*cl));
		if (!cl)
			return -ENOMEM;
		c->closed = cl;
		cl = &c->closed[c->nr_closed++];
		memset(cl, 0, sizeof(*cl));
		cl->rule = ru;
		cl->target = t;
		cl->mux = mux;
	}
	cl = &c->closed[i];
	used = strlen(cl->calls);
	if (used + strlen(call) + 8 < sizeof(cl->calls))
		snprintf(cl->calls + used, sizeof(cl->calls) - used, "%s%s", used ? ", " : "", call);
	else if (!strstr(cl->calls, ", ..."))
		snprintf(cl->calls + used, sizeof(cl->calls) - used, ", ...");
	return 0;
}

static void warn_closed(const struct rctx *c)
{
	char what[64], errno_text[48];
	size_t i;

	for (i = 0; i < c->nr_closed; i++) {
		const struct closed *cl = &c->closed[i];
		struct svp_action a = fail_closed_action(c->p, cl->rule);

		snprintf(what, sizeof(what), "%s", cl->rule->hook ? "handler" : "conditions");
		svp_action_text(&a, errno_text, sizeof(errno_text));
		if (cl->mux)
			svp_diag_warning(&cl->target->loc,
					 "i386 programs that make the call directly meet this rule; to choose "
					 "how the multiplexer fails instead, deny it in a rule of its own "
					 "(e.g. syscalls: [socketcall], action: deny)",
					 "this rule's %s need%s arguments that i386 %s passes in memory, "
					 "out of reach: %s",
					 what, cl->rule->hook ? "s" : "", cl->calls, errno_text);
		else
			svp_diag_warning(&cl->target->loc,
					 "nothing to do if i386 programs need not make these calls; a rule "
					 "without args or handler that names them decides them otherwise",
					 "this rule's %s cannot hold on i386 %s, whose arguments differ "
					 "from the x86_64 call's: %s",
					 what, cl->calls, errno_text);
	}
}

/* "setuid32", or "setuid32" (i386 form of "setuid") when a rule on its twin is involved. */
static void call_text(char *out, size_t len, const char *name, const char *twin, bool via_twin)
{
	if (via_twin && twin && strcmp(name, twin))
		snprintf(out, len, "\"%s\" (i386 form of \"%s\")", name, twin);
	else
		snprintf(out, len, "\"%s\"", name);
}

/* Whether rule @k can decide the i386 entry whose first @args arguments
 * mean what they mean to the x86_64 twin. */
static bool cand_holds(const struct cand *k, int args, const char *name, const char *twin)
{
	const struct svp_rule *r = k->rule;
	int i;

	if (!k->twin)
		return true;
	/* a path wrap on a call that takes no path is an error of its own */
	if (r->hook)
		return args >= SVP_TWIN_ALL_ARGS &&
		       (!r->hook->paths || svp_sys_path_call(name) || !svp_sys_path_call(twin));
	for (i = 0; i < r->nr_conds; i++)
		if (r->conds[i].arg >= args)
			return false;
	return true;
}

static int resolve_one(struct rctx *c, const struct svp_profile *p, enum svp_abi abi, int nr,
		       struct svp_entry *e)
{
	const char *name = svp_sys_name(abi, nr);
	const struct svp_twin *tw = abi == SVP_ABI_I386 ? svp_sys_twin(nr) : NULL;
	const char *twin = tw ? tw->x86_64 : NULL;
	/* an i386 name that is also its x86_64 twin's is the twin's */
	bool raw = !twin || strcmp(name, twin);
	int args = tw ? tw->args : SVP_TWIN_ALL_ARGS;
	struct cand cands[256];
	size_t n = 0, i, j;
	int min_depth = INT_MAX;
	bool have_explicit[3] = { false, false, false };	/* plain, cond, hook */
	const struct cand *plain = NULL, *hook = NULL, *closed = NULL, *first = NULL;
	char call[160];
	int ret;

	e->depth = INT_MAX;
	for (i = 0; i < p->nr_rules && n < ARRAY_LEN(cands); i++) {
		const struct svp_rule *r = &p->rules[i];
		const struct svp_target *rt = raw ? rule_target(r, name) : NULL;
		const struct svp_target *tt = rule_target(r, twin);

		if (!rt && !tt)
			continue;
		/* one candidate per rule; naming the i386 call itself wins */
		cands[n++] = (struct cand){
			r, rt && (!rt->group || !tt || tt->group) ? rt : tt,
			(rt && !rt->group) || (tt && !tt->group), !rt,
		};
		if (r->depth < min_depth)
			min_depth = r->depth;
	}
	for (i = 0; i < n; i++) {
		const struct svp_rule *r = cands[i].rule;
		int kind = r->hook ? 2 : r->nr_conds ? 1 : 0;

		if (r->depth == min_depth && cands[i].explicit)
			have_explicit[kind] = true;
	}
	for (i = 0; i < n; i++) {
		const struct cand *k = &cands[i];
		const struct svp_rule *r = k->rule;
		int kind = r->hook ? 2 : r->nr_conds ? 1 : 0;

		if (r->depth != min_depth || (have_explicit[kind] && !k->explicit))
			continue;
		e->depth = min_depth;
		e->explicit |= k->explicit;
		if (!first)
			first = k;
		if (!closed && !cand_holds(k, args, name, twin))
			closed = k;
		if (kind == 0) {
			if (!plain) {
				plain = k;
				continue;
			}
			call_text(call, sizeof(call), name, twin, k->twin || plain->twin);
			if (!same_action(&plain->rule->action, &r->action)) {
				if (first_report(c, plain->rule, r)) {
					char a1[48], a2[48], msg[200];

					svp_action_text(&r->action, a1, sizeof(a1));
					svp_action_text(&plain->rule->action, a2, sizeof(a2));
					snprintf(msg, sizeof(msg),
						 "name \"%s\" in a rule of its own to decide", name);
					svp_diag_error(&k->target->loc, k->explicit ? "keep one of the two rules" : msg,
						       "conflicting rules for %s: %s here, %s at %s:%d:%d",
						       call, a1, a2, plain->target->loc.file,
						       plain->target->loc.line, plain->target->loc.col);
					svp_diag_note(&plain->target->loc, "the other rule");
				}
				c->errors++;
			} else if (k->explicit && plain->explicit && plain->rule != r &&
				   !k->twin && !plain->twin && first_report(c, plain->rule, r)) {
				/* a twin's rule is no duplicate: it names another call */
				svp_diag_warning(&k->target->loc, "remove one of the two",
						 "duplicate rule for %s, also at %s:%d:%d", call,
						 plain->target->loc.file, plain->target->loc.line,
						 plain->target->loc.col);
			}
		} else if (kind == 1) {
			struct svp_chain_rule *cr = realloc(e->chain, (e->nr_chain + 1) * sizeof(*cr));

			if (!cr)
				return -ENOMEM;
			e->chain = cr;
			cr[e->nr_chain++] = (struct svp_chain_rule){ r, r->action, r, NULL, false };
		} else {
			if (hook) {
				call_text(call, sizeof(call), name, twin, k->twin || hook->twin);
				if (first_report(c, hook->rule, r)) {
					svp_diag_error(&k->target->loc, "give each syscall one handler",
						       "%s has a second handler; the first is at %s:%d:%d",
						       call, hook->target->loc.file, hook->target->loc.line,
						       hook->target->loc.col);
					svp_diag_note(&hook->target->loc, "the first handler");
				}
				c->errors++;
				continue;
			}
			hook = k;
		}
	}
	if (hook && (plain || e->nr_chain)) {
		const struct svp_rule *o = plain ? plain->rule : e->chain[0].rule;
		const struct svp_target *ot = plain ? plain->target : NULL;

		for (j = 0; !ot && j < o->nr_targets; j++)
			if (target_matches(&o->targets[j], name) ||
			    (twin && target_matches(&o->targets[j], twin)))
				ot = &o->targets[j];
		call_text(call, sizeof(call), name, twin, hook->twin || !rule_target(o, name));
		if (first_report(c, hook->rule, o)) {
			svp_diag_error(&hook->target->loc, "remove the other rule or the handler",
				       "%s has a handler and another rule at %s:%d:%d", call,
				       ot->loc.file, ot->loc.line, ot->loc.col);
			svp_diag_note(&ot->loc, "the other rule");
		}
		c->errors++;
	}
	first = hook ? hook : plain ? plain : first;
	if (first && first->twin && twin && strcmp(name, twin))
		e->via = twin;
	if (closed) {
		/* Rule 7: the twin's conditions or handler cannot hold here. */
		e->action = fail_closed_action(p, closed->rule);
		e->from = closed->rule;
		e->fail_closed = true;
		free(e->chain);
		e->chain = NULL;
		e->nr_chain = 0;
		ret = note_closed(c, closed->rule, closed->target, false, name);
		return ret;
	}
	if (plain) {
		e->action = plain->rule->action;
		e->from = plain->rule;
	}
	if (hook) {
		e->hook = hook->rule->hook;
		e->hook_rule = hook->rule;
		e->from = hook->rule;
		if (hook->rule->action.act == SVP_ACT_RETURN)
			e->action = hook->rule->action;
	}
	if (e->nr_chain > MAX_CHAIN) {
		svp_diag_error(&e->chain[MAX_CHAIN].rule->loc, "merge conditions into fewer rules",
			       "more than %d rules with conditions for \"%s\"", MAX_CHAIN, name);
		c->errors++;
	}
	if (p->complain) {
		e->action = svp_complain_action(e->action);
		for (i = 0; i < e->nr_chain; i++)
			e->chain[i].action = svp_complain_action(e->chain[i].action);
	}
	return 0;
}

static bool decided(const struct svp_entry *e)
{
	return e->from || e->nr_chain || e->hook;
}

/* Whether the x86_64 call @x decides its sub-call of multiplexer @m (rule 8). */
static bool sub_wins(const struct svp_entry *x, const struct svp_entry *m)
{
	if (!decided(x))
		return false;
	if (!decided(m) || x->depth != m->depth)
		return x->depth < m->depth;
	return x->explicit || !m->explicit;
}

/* The rule made for sub-call @s: argument 0 picks it. */
static struct svp_rule *synth_rule(struct svp_resolved *r, const struct svp_subcall *s,
				   const struct svp_rule *origin)
{
	struct svp_rule **list, *ru;

	list = realloc(r->synth, (r->nr_synth + 1) * sizeof(*list));
	if (!list)
		return NULL;
	r->synth = list;
	ru = calloc(1, sizeof(*ru));
	if (!ru)
		return NULL;
	list[r->nr_synth++] = ru;
	ru->loc = origin->loc;
	ru->action = origin->action;
	ru->depth = origin->depth;
	ru->nr_conds = 1;
	ru->conds[0] = (struct svp_cond){
		.arg = 0,
		.op = s->mask ? SVP_CMP_MASKED_EQ : SVP_CMP_EQ,
		.mask = s->mask,
		.value = s->value,
		.loc = origin->loc,
	};
	return ru;
}

/* Rule 8: the chain of i386 multiplexer @nr (socketcall, ipc). */
static int resolve_mux(struct rctx *c, struct svp_resolved *r, int nr)
{
	const struct svp_profile *p = r->p;
	struct svp_entry *m = &r->tab[SVP_ABI_I386][nr];
	const char *name = svp_sys_name(SVP_ABI_I386, nr);
	const struct svp_subcall *sc;
	size_t nsub = svp_sys_subcalls(name, &sc), i, nch = 0, own = m->nr_chain;
	struct svp_action fall = m->action.act == SVP_ACT_NONE ? r->dflt : m->action;
	/* a multiplexer denied by a rule of its own fails its sub-calls its way */
	bool own_deny = m->from && m->explicit && !m->nr_chain && !m->hook && refuses(&m->action);
	struct svp_chain_rule *ch;
	char call[96];
	int ret;

	ch = calloc(nsub + own + 1, sizeof(*ch));
	if (!ch)
		return -ENOMEM;
	for (i = 0; i < nsub; i++) {
		int xnr = svp_sys_nr(SVP_ABI_X86_64, sc[i].x86_64);
		const struct svp_entry *x = &r->tab[SVP_ABI_X86_64][xnr];
		const struct svp_rule *origin = x->from;
		struct svp_action a = x->action;
		bool closed = false;
		struct svp_rule *ru;

		if (!sub_wins(x, m))
			continue;	/* the multiplexer's own rules decide it */
		if (x->nr_chain || x->hook) {
			origin = x->hook ? x->hook_rule : x->chain[0].rule;
			closed = true;
			snprintf(call, sizeof(call), "%s(%s)", name, sc[i].macro);
			if (own_deny) {
				a = m->action;
			} else {
				a = fail_closed_action(p, origin);
				ret = note_closed(c, origin, rule_target(origin, sc[i].x86_64), true, call);
				if (ret)
					goto out_free;
			}
		}
		if (!own && !m->hook && same_action(&a, &fall))
			continue;	/* what falling through gives */
		if (m->hook) {
			const struct svp_target *ht = rule_target(m->hook_rule, name);
			const struct svp_target *ot = rule_target(origin, sc[i].x86_64);

			if (first_report(c, m->hook_rule, origin)) {
				svp_diag_error(&ht->loc, "remove the handler, or the rules for its sub-calls",
					       "\"%s\" has a handler, but the rule at %s:%d:%d decides its "
					       "sub-call %s (%s)", name, ot->loc.file, ot->loc.line,
					       ot->loc.col, sc[i].macro, sc[i].x86_64);
				svp_diag_note(&ot->loc, "the rule for %s", sc[i].x86_64);
			}
			c->errors++;
			continue;
		}
		ru = synth_rule(r, &sc[i], origin);
		if (!ru) {
			ret = -ENOMEM;
			goto out_free;
		}
		ch[nch++] = (struct svp_chain_rule){ ru, a, origin, &sc[i], closed };
	}
	/* the multiplexer's own conditions come after its sub-calls' */
	for (i = 0; i < own; i++)
		ch[nch++] = m->chain[i];
	free(m->chain);
	m->chain = ch;
	m->nr_chain = nch;
	if (nch > MAX_CHAIN) {
		svp_diag_error(&m->chain[MAX_CHAIN].origin->loc, "merge conditions into fewer rules",
			       "more than %d rules with conditions for \"%s\" and its sub-calls",
			       MAX_CHAIN, name);
		c->errors++;
	}
	return 0;

out_free:
	free(ch);
	return ret;
}

int svp_resolve(const struct svp_profile *p, struct svp_resolved *r)
{
	struct rctx c = { .p = p };
	int abi, nr, ret = 0;

	memset(r, 0, sizeof(*r));
	r->p = p;
	r->dflt = p->complain ? svp_complain_action(p->dflt) : p->dflt;
	check_path_hooks(&c, p);
	for (abi = 0; abi < SVP_ABI_NR && !ret; abi++) {
		r->len[abi] = svp_sys_count(abi);
		r->tab[abi] = calloc(r->len[abi], sizeof(struct svp_entry));
		if (!r->tab[abi]) {
			ret = -ENOMEM;
			break;
		}
		for (nr = 0; nr < r->len[abi] && !ret; nr++) {
			const char *name = svp_sys_name(abi, nr);

			if (name)
				ret = resolve_one(&c, p, abi, nr, &r->tab[abi][nr]);
		}
	}
	/* after every x86_64 call is decided: their sub-calls */
	for (nr = 0; nr < r->len[SVP_ABI_I386] && !ret; nr++)
		if (svp_sys_name(SVP_ABI_I386, nr) && svp_sys_twin(nr)->kind == SVP_TWIN_MUX)
			ret = resolve_mux(&c, r, nr);
	if (!ret)
		warn_closed(&c);
	free(c.reported);
	free(c.closed);
	if (!ret && c.errors)
		ret = -EINVAL;
	if (ret)
		svp_resolved_free(r);
	return ret;
}

void svp_resolved_free(struct svp_resolved *r)
{
	size_t i;
	int abi, n;

	for (abi = 0; abi < SVP_ABI_NR; abi++) {
		for (n = 0; r->tab[abi] && n < r->len[abi]; n++)
			free(r->tab[abi][n].chain);
		free(r->tab[abi]);
		r->tab[abi] = NULL;
	}
	for (i = 0; i < r->nr_synth; i++)
		free(r->synth[i]);
	free(r->synth);
	r->synth = NULL;
	r->nr_synth = 0;
}
