// SPDX-License-Identifier: GPL-2.0
/*
 * policyc: a resolved profile as a libseccomp filter, for the seccomp
 * backend of svrun (through libsysvec) and for `policyc explain`.
 *
 * One filter holds both ABIs: the x86_64 table as the native architecture
 * and the i386 table as x86, so `int $0x80` meets its own rules. x32 calls
 * (x86_64 numbers with bit 30) are not an architecture of the filter and
 * get the bad-architecture action: ENOSYS, as under the kernel module.
 *
 * What the kernel module does and seccomp can express as written:
 *  allow, deny errno (deny+log too), kill (the whole process), log,
 *  return 0; argument conditions when the first matching rule cannot
 *  differ from what seccomp picks: the conditioned rules of a syscall
 *  either share one action or cannot match the same call, and the call's
 *  own action is the filter's default.
 * What it cannot, each reported as an issue with the rule's place:
 *  wrap and override handlers; return values other than 0; rule orders
 *  seccomp would not keep; syscalls libseccomp does not know; conditions
 *  on i386 socket and ipc calls (libseccomp will not filter them apart
 *  from socketcall/ipc). With SC_DEGRADE each issue is downgraded as the
 *  report says (a handler's call runs unchecked, a return value becomes 0,
 *  conditions give way to the strictest of their actions) and the filter
 *  is built; without it, no filter is built.
 * Logging differs: seccomp logs errno results for a whole filter or none,
 * so a profile with deny+log rules logs every denial (type SECCOMP, 1326).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "policyc.h"

struct sc {
	const struct resolved *r;
	unsigned int flags;
	FILE *report;
	int issues;
	bool io_uring;		/* the profile lets programs use io_uring */
	uint32_t dflt;
};

/* Apply complain mode and the io_uring rule to an action. */
static struct action sc_effective(const struct sc *s, struct action a, const char *name)
{
	if (!s->io_uring && !strncmp(name, "io_uring_", 9)) {
		a.act = ACT_DENY;
		a.value = EPERM;
	}
	if (s->flags & SC_COMPLAIN)
		a = complain_action(a);
	return a;
}

static void sc_where(const struct rule *ru, char *out, size_t len)
{
	if (ru)
		snprintf(out, len, "%s:%d", ru->loc.file, ru->loc.line);
	else
		snprintf(out, len, "default");
}

__attribute__((format(printf, 3, 4)))
static void sc_issue(struct sc *s, const struct rule *ru, const char *fmt, ...)
{
	char where[512];
	va_list ap;

	s->issues++;
	if (!s->report)
		return;
	sc_where(ru, where, sizeof(where));
	fprintf(s->report, "  %s: ", where);
	va_start(ap, fmt);
	vfprintf(s->report, fmt, ap);
	va_end(ap);
	fputc('\n', s->report);
}

/* @what (e.g. "x86_64 umask") returns a value seccomp cannot give: an issue. */
static void sc_check_return(struct sc *s, const struct rule *ru, const char *what,
			    const struct action *a)
{
	if (a->act == ACT_RETURN && a->value)
		sc_issue(s, ru, "%s: return %d: seccomp returns only 0 or -errno%s", what,
			 a->value, (s->flags & SC_DEGRADE) ? "; downgraded: returns 0" : "");
}

/* The seccomp action of @a (return values other than 0 are issues). */
static uint32_t sc_action(const struct action *a)
{
	switch (a->act) {
	case ACT_ALLOW:
	case ACT_NONE:
		return SCMP_ACT_ALLOW;
	case ACT_DENY:
	case ACT_DENY_LOG:
		return SCMP_ACT_ERRNO(a->value);
	case ACT_KILL:
		return SCMP_ACT_KILL_PROCESS;
	case ACT_LOG:
		return SCMP_ACT_LOG;
	case ACT_RETURN:
		return SCMP_ACT_ERRNO(0);	/* returns 0, the call skipped */
	}
	return SCMP_ACT_KILL_PROCESS;
}

/* The stricter of two actions, by the kernel's precedence. */
static uint32_t sc_stricter(uint32_t a, uint32_t b)
{
	return (int32_t)(a & 0xffff0000u) <= (int32_t)(b & 0xffff0000u) ? a : b;
}

static void sc_action_text(uint32_t act, char *out, size_t len)
{
	if (act == SCMP_ACT_ALLOW)
		snprintf(out, len, "allow");
	else if (act == SCMP_ACT_LOG)
		snprintf(out, len, "log");
	else if (act == SCMP_ACT_KILL_PROCESS)
		snprintf(out, len, "kill");
	else if ((act & 0xffff) == 0)
		snprintf(out, len, "return 0");
	else
		snprintf(out, len, "deny %s", errno_name(act & 0xffff) ?: "?");
}

/* Whether no call can satisfy the conditions of both @a and @b. */
static bool sc_disjoint(const struct rule *a, const struct rule *b)
{
	int i, j;

	for (i = 0; i < a->nr_conds; i++) {
		const struct cond *ca = &a->conds[i];
		uint64_t ma = ca->op == CMP_MASKED_EQ ? ca->mask : ~0ULL;

		if (ca->op != CMP_EQ && ca->op != CMP_MASKED_EQ)
			continue;
		for (j = 0; j < b->nr_conds; j++) {
			const struct cond *cb = &b->conds[j];
			uint64_t mb = cb->op == CMP_MASKED_EQ ? cb->mask : ~0ULL;

			if (cb->arg != ca->arg || (cb->op != CMP_EQ && cb->op != CMP_MASKED_EQ))
				continue;
			if ((ca->value ^ cb->value) & ma & mb)
				return true;
		}
	}
	return false;
}

static int sc_conds(const struct rule *ru, struct scmp_arg_cmp *cmp)
{
	static const enum scmp_compare ops[] = {
		[CMP_EQ] = SCMP_CMP_EQ, [CMP_NE] = SCMP_CMP_NE, [CMP_LT] = SCMP_CMP_LT,
		[CMP_LE] = SCMP_CMP_LE, [CMP_GT] = SCMP_CMP_GT, [CMP_GE] = SCMP_CMP_GE,
		[CMP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	int i;

	for (i = 0; i < ru->nr_conds; i++) {
		const struct cond *c = &ru->conds[i];

		cmp[i].arg = c->arg;
		cmp[i].op = ops[c->op];
		cmp[i].datum_a = c->op == CMP_MASKED_EQ ? c->mask : c->value;
		cmp[i].datum_b = c->op == CMP_MASKED_EQ ? c->value : 0;
	}
	return ru->nr_conds;
}

/*
 * Add a rule; @exact_only: with conditions, never let libseccomp rewrite
 * an i386 socket or ipc call into socketcall/ipc (it would drop them).
 */
static int sc_add(scmp_filter_ctx ctx, uint32_t act, int snr, const struct rule *ru)
{
	struct scmp_arg_cmp cmp[MAX_CONDS];
	int n = ru ? sc_conds(ru, cmp) : 0;
	int ret = seccomp_rule_add_exact_array(ctx, act, snr, n, cmp);

	/*
	 * -EINVAL from the exact form: an i386 multiplexed call. Without
	 * conditions libseccomp may add socketcall's form of the same call.
	 */
	if (ret == -EINVAL && !n)
		ret = seccomp_rule_add_array(ctx, act, snr, 0, NULL);
	return ret;
}

static int sc_entry(struct sc *s, scmp_filter_ctx ctx, enum abi abi, int nr)
{
	const struct entry *e = &s->r->tab[abi][nr];
	const char *name = sys_name(abi, nr);
	struct action plain_a;
	const struct rule *from;
	uint32_t plain, acts[64];
	bool ok = true;
	char text[64], what[80];
	size_t i, j;
	int snr, ret;

	if (!name)
		return 0;
	snprintf(what, sizeof(what), "%s %s", abi_names[abi], name);
	plain_a = e->action.act == ACT_NONE ? s->r->dflt : e->action;
	plain_a = sc_effective(s, plain_a, name);
	from = e->from;
	if (e->hook) {
		sc_issue(s, e->hook_rule, "%s: %s handler %s: seccomp cannot run handlers%s",
			 what, e->hook->kind == HOOK_WRAP ? "wrap" : "override",
			 e->hook->handler,
			 (s->flags & SC_DEGRADE) ? "; downgraded: the call runs without it" : "");
		plain_a.act = ACT_ALLOW;
		from = e->hook_rule;
	}
	sc_check_return(s, from, what, &plain_a);
	plain = sc_action(&plain_a);

	snr = seccomp_syscall_resolve_name(name);
	if (snr == __NR_SCMP_ERROR) {
		bool differs = plain != s->dflt;

		for (i = 0; i < e->nr_chain && !differs; i++) {
			struct action a = sc_effective(s, e->chain[i].action, name);

			differs = sc_action(&a) != s->dflt;
		}
		if (differs)
			sc_issue(s, from, "%s: libseccomp does not know this syscall%s", what,
				 (s->flags & SC_DEGRADE) ? "; downgraded: the default action" : "");
		return 0;
	}

	if (e->nr_chain && !(!s->io_uring && !strncmp(name, "io_uring_", 9))) {
		if (e->nr_chain > ARRAY_LEN(acts))
			ok = false;
		for (i = 0; ok && i < e->nr_chain; i++) {
			struct action a = sc_effective(s, e->chain[i].action, name);

			sc_check_return(s, e->chain[i].rule, what, &a);
			acts[i] = sc_action(&a);
		}
		/* The call's own action must be the default: seccomp has no "else". */
		if (plain != s->dflt)
			ok = false;
		for (i = 0; ok && i < e->nr_chain; i++)
			for (j = i + 1; ok && j < e->nr_chain; j++)
				if (acts[i] != acts[j] &&
				    !sc_disjoint(e->chain[i].rule, e->chain[j].rule))
					ok = false;
		for (i = 0; ok && i < e->nr_chain; i++) {
			if (acts[i] == s->dflt)
				continue;
			ret = sc_add(ctx, acts[i], snr, e->chain[i].rule);
			if (ret == -EINVAL && abi == ABI_I386) {
				ok = false;	/* conditions on a multiplexed call */
				break;
			}
			if (ret)
				return ret;
		}
		if (ok)
			return 0;
		/* Fall back to the strictest of everything the chain can decide. */
		for (i = 0; i < e->nr_chain; i++) {
			struct action a = sc_effective(s, e->chain[i].action, name);

			plain = sc_stricter(plain, sc_action(&a));
		}
		sc_action_text(plain, text, sizeof(text));
		sc_issue(s, e->chain[0].rule,
			 "%s: seccomp cannot apply these argument conditions as the profile orders them%s%s",
			 what,
			 (s->flags & SC_DEGRADE) ? "; downgraded: every call gets " : "",
			 (s->flags & SC_DEGRADE) ? text : "");
	}
	if (plain == s->dflt)
		return 0;
	return sc_add(ctx, plain, snr, NULL);
}

static int sc_abi(struct sc *s, scmp_filter_ctx ctx, enum abi abi)
{
	int nr, ret;

	for (nr = 0; nr < s->r->len[abi]; nr++) {
		ret = sc_entry(s, ctx, abi, nr);
		if (ret)
			return ret;
	}
	return 0;
}

static scmp_filter_ctx sc_new(const struct sc *s, uint32_t arch, bool log)
{
	scmp_filter_ctx ctx = seccomp_init(s->dflt);

	if (!ctx)
		return NULL;
	if ((arch != SCMP_ARCH_NATIVE &&
	     (seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) || seccomp_arch_add(ctx, arch))) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			     (s->flags & SC_COMPLAIN) ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(ENOSYS)) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, log) ||
	    ((s->flags & SC_BINTREE) && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2))) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

/**
 * seccomp_logs_all_denials() - whether the filter logs its errno results
 * @r: the profile
 * @flags: SC_COMPLAIN or 0
 *
 * Seccomp logs a filter's errno results all or none: all, as soon as the
 * profile has one deny+log rule (or a deny+log default).
 */
bool seccomp_logs_all_denials(const struct resolved *r, unsigned int flags)
{
	struct action d = (flags & SC_COMPLAIN) ? complain_action(r->dflt) : r->dflt;
	size_t i;

	if (d.act == ACT_DENY_LOG)
		return true;
	for (i = 0; i < r->p->nr_rules; i++)
		if (r->p->rules[i].action.act == ACT_DENY_LOG)
			return true;
	return false;
}

/**
 * seccomp_compile() - a resolved profile as one libseccomp filter
 * @r: the profile
 * @flags: SC_COMPLAIN, SC_DEGRADE, SC_BINTREE
 * @report: where issues (and, with SC_DEGRADE, the downgrades) are listed,
 *	one per line; may be NULL
 * @out: the filter, or NULL to only count issues
 * @issues: number of rules seccomp cannot enforce as written
 *
 * Return: 0 (with *out set when the filter could be built: no issues, or
 * SC_DEGRADE), or -errno from libseccomp.
 */
int seccomp_compile(const struct resolved *r, unsigned int flags, FILE *report,
		    scmp_filter_ctx *out, int *issues)
{
	struct sc s = { .r = r, .flags = flags, .report = report, .io_uring = r->p->io_uring };
	scmp_filter_ctx ctx64 = NULL, ctx32 = NULL;
	bool log = seccomp_logs_all_denials(r, flags);
	struct action d = r->dflt;
	int ret = -ENOMEM;

	if (out)
		*out = NULL;
	if (flags & SC_COMPLAIN)
		d = complain_action(d);
	sc_check_return(&s, NULL, "the default action", &d);
	s.dflt = sc_action(&d);

	ctx64 = sc_new(&s, SCMP_ARCH_NATIVE, log);
	ctx32 = sc_new(&s, SCMP_ARCH_X86, log);
	if (!ctx64 || !ctx32)
		goto out;
	ret = sc_abi(&s, ctx64, ABI_X86_64);
	if (!ret)
		ret = sc_abi(&s, ctx32, ABI_I386);
	if (ret)
		goto out;
	*issues = s.issues;
	if (!out || (s.issues && !(flags & SC_DEGRADE)))
		goto out;
	ret = seccomp_merge(ctx64, ctx32);
	if (ret)
		goto out;
	ctx32 = NULL;	/* merged into ctx64 */
	*out = TAKE_PTR(ctx64);
out:
	if (ctx32)
		seccomp_release(ctx32);
	if (ctx64)
		seccomp_release(ctx64);
	return ret;
}
