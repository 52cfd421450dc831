// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A resolved profile as a libseccomp filter, for the seccomp backend of
 * svrun (through libsysvec) and for `policyc explain`.
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
 *  protect: (a filter sees a path's address, never the object the kernel
 *  resolves); wrap and override handlers; return values other than 0;
 *  rule orders seccomp would not keep; syscalls libseccomp does not know;
 *  conditions on i386 socket and ipc calls (libseccomp will not filter
 *  them apart from socketcall/ipc). With SVP_SC_DEGRADE each issue is
 *  downgraded as the report says (protected files are not protected, a
 *  handler's call runs unchecked, a return value becomes 0, conditions
 *  give way to the strictest of their actions) and the filter is built;
 *  without it, no filter is built.
 *
 * The i386 multiplexers get the resolver's decisions (resolve.c, rule 8):
 * socketcall and ipc rules on argument 0 (ipc's low 16 bits), one per
 * sub-call. libseccomp adds rules of its own there: a rule on an i386
 * socket or ipc call also becomes socketcall(SYS_...) or ipc(...) == call
 * with the same action. So the x86 part of the filter is checked: its BPF
 * is run for every sub-call (and ipc's version bits), and a sub-call that
 * does not get the resolver's decision is an issue.
 * Logging differs: seccomp logs errno results for a whole filter or none,
 * so a profile with deny+log rules logs every denial (type SECCOMP, 1326).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include "profile.h"

/* What the x86 filter must give one multiplexed call. */
struct sc_expect {
	int nr;			/* i386 socketcall or ipc */
	uint32_t a0;
	uint32_t want;		/* seccomp action */
	const char *what;	/* "SYS_SOCKET" */
	const struct svp_rule *ru;	/* the rule that decided, or NULL */
	uint32_t got;		/* what the filter gives */
	bool ran;		/* the filter ran to a result */
};

struct sc {
	const struct svp_resolved *r;
	unsigned int flags;
	FILE *report;
	int issues;
	bool io_uring;		/* the profile lets programs use io_uring */
	uint32_t dflt;
	struct sc_expect *expect;	/* the multiplexers' decisions, checked */
	size_t nr_expect;
};

/* Apply complain mode and the io_uring rule to an action. */
static struct svp_action sc_effective(const struct sc *s, struct svp_action a, const char *name)
{
	if (!s->io_uring && !strncmp(name, "io_uring_", 9)) {
		a.act = SVP_ACT_DENY;
		a.value = EPERM;
	}
	if (s->flags & SVP_SC_COMPLAIN)
		a = svp_complain_action(a);
	return a;
}

static void sc_where(const struct svp_rule *ru, char *out, size_t len)
{
	if (ru)
		snprintf(out, len, "%s:%d", ru->loc.file, ru->loc.line);
	else
		snprintf(out, len, "default");
}

static void sc_vissue(struct sc *s, const char *where, const char *fmt, va_list ap)
{
	s->issues++;
	if (!s->report)
		return;
	fprintf(s->report, "  %s: ", where);
	vfprintf(s->report, fmt, ap);
	fputc('\n', s->report);
}

__attribute__((format(printf, 3, 4)))
static void sc_issue(struct sc *s, const struct svp_rule *ru, const char *fmt, ...)
{
	char where[512];
	va_list ap;

	sc_where(ru, where, sizeof(where));
	va_start(ap, fmt);
	sc_vissue(s, where, fmt, ap);
	va_end(ap);
}

/* An issue at a place that is no rule (protect:). */
__attribute__((format(printf, 3, 4)))
static void sc_issue_at(struct sc *s, const struct svp_loc *at, const char *fmt, ...)
{
	char where[512];
	va_list ap;

	snprintf(where, sizeof(where), "%s:%d", at->file, at->line);
	va_start(ap, fmt);
	sc_vissue(s, where, fmt, ap);
	va_end(ap);
}

/* @what (e.g. "x86_64 umask") returns a value seccomp cannot give: an issue. */
static void sc_check_return(struct sc *s, const struct svp_rule *ru, const char *what,
			    const struct svp_action *a)
{
	if (a->act == SVP_ACT_RETURN && a->value)
		sc_issue(s, ru, "%s: return %d: seccomp returns only 0 or -errno%s", what,
			 a->value, (s->flags & SVP_SC_DEGRADE) ? "; downgraded: returns 0" : "");
}

/* The seccomp action of @a (return values other than 0 are issues). */
static uint32_t sc_action(const struct svp_action *a)
{
	const struct svp_action_kind *k = svp_action_kind(a->act);

	if (!k)		/* the default, where the callers have not put it in */
		return a->act == SVP_ACT_NONE ? SCMP_ACT_ALLOW : SCMP_ACT_KILL_PROCESS;
	/* return: SCMP_ACT_ERRNO(0), the call skipped */
	return k->arg == SVP_ARG_ERRNO ? k->scmp | ((uint32_t)a->value & 0xffffu) : k->scmp;
}

/* The stricter of two actions, by the kernel's precedence. */
static uint32_t sc_stricter(uint32_t a, uint32_t b)
{
	return (int32_t)(a & 0xffff0000u) <= (int32_t)(b & 0xffff0000u) ? a : b;
}

/* "allow", "deny EPERM", "return 0", ... for seccomp action @act. */
static void sc_action_text(uint32_t act, char *out, size_t len)
{
	const struct svp_action_kind *k = svp_action_of_scmp(act);

	if (!k)
		snprintf(out, len, "0x%08x", act);
	else if (k->arg == SVP_ARG_ERRNO)
		snprintf(out, len, "%s %s", k->name, svp_errno_name(act & 0xffff) ?: "?");
	else if (k->arg == SVP_ARG_RETURN)
		snprintf(out, len, "%s %u", k->name, act & 0xffff);
	else
		snprintf(out, len, "%s", k->name);
}

/* Whether no call can satisfy the conditions of both @a and @b. */
static bool sc_disjoint(const struct svp_rule *a, const struct svp_rule *b)
{
	int i, j;

	for (i = 0; i < a->nr_conds; i++) {
		const struct svp_cond *ca = &a->conds[i];
		uint64_t ma = ca->op == SVP_CMP_MASKED_EQ ? ca->mask : ~0ULL;

		if (ca->op != SVP_CMP_EQ && ca->op != SVP_CMP_MASKED_EQ)
			continue;
		for (j = 0; j < b->nr_conds; j++) {
			const struct svp_cond *cb = &b->conds[j];
			uint64_t mb = cb->op == SVP_CMP_MASKED_EQ ? cb->mask : ~0ULL;

			if (cb->arg != ca->arg || (cb->op != SVP_CMP_EQ && cb->op != SVP_CMP_MASKED_EQ))
				continue;
			if ((ca->value ^ cb->value) & ma & mb)
				return true;
		}
	}
	return false;
}

static int sc_conds(const struct svp_rule *ru, struct scmp_arg_cmp *cmp)
{
	static const enum scmp_compare ops[] = {
		[SVP_CMP_EQ] = SCMP_CMP_EQ, [SVP_CMP_NE] = SCMP_CMP_NE, [SVP_CMP_LT] = SCMP_CMP_LT,
		[SVP_CMP_LE] = SCMP_CMP_LE, [SVP_CMP_GT] = SCMP_CMP_GT, [SVP_CMP_GE] = SCMP_CMP_GE,
		[SVP_CMP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	int i;

	for (i = 0; i < ru->nr_conds; i++) {
		const struct svp_cond *c = &ru->conds[i];

		cmp[i].arg = c->arg;
		cmp[i].op = ops[c->op];
		cmp[i].datum_a = c->op == SVP_CMP_MASKED_EQ ? c->mask : c->value;
		cmp[i].datum_b = c->op == SVP_CMP_MASKED_EQ ? c->value : 0;
	}
	return ru->nr_conds;
}

/*
 * Add a rule; @exact_only: with conditions, never let libseccomp rewrite
 * an i386 socket or ipc call into socketcall/ipc (it would drop them).
 */
static int sc_add(scmp_filter_ctx ctx, uint32_t act, int snr, const struct svp_rule *ru)
{
	struct scmp_arg_cmp cmp[SVP_MAX_CONDS];
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

static int sc_entry(struct sc *s, scmp_filter_ctx ctx, enum svp_abi abi, int nr)
{
	const struct svp_entry *e = &s->r->tab[abi][nr];
	const char *name = svp_sys_name(abi, nr);
	struct svp_action plain_a;
	const struct svp_rule *from;
	uint32_t plain, acts[64];
	bool ok = true;
	char text[64], what[80];
	size_t i, j;
	int snr, ret;

	if (!name)
		return 0;
	snprintf(what, sizeof(what), "%s %s", svp_abi_names[abi], name);
	plain_a = e->action.act == SVP_ACT_NONE ? s->r->dflt : e->action;
	plain_a = sc_effective(s, plain_a, name);
	from = e->from;
	if (e->hook) {
		sc_issue(s, e->hook_rule, "%s: %s handler %s: seccomp cannot run handlers%s",
			 what, e->hook->kind == SVP_HOOK_WRAP ? "wrap" : "override",
			 e->hook->handler,
			 (s->flags & SVP_SC_DEGRADE) ? "; downgraded: the call runs without it" : "");
		plain_a.act = SVP_ACT_ALLOW;
		from = e->hook_rule;
	}
	sc_check_return(s, from, what, &plain_a);
	plain = sc_action(&plain_a);

	snr = seccomp_syscall_resolve_name(name);
	if (snr == __NR_SCMP_ERROR) {
		bool differs = plain != s->dflt;

		for (i = 0; i < e->nr_chain && !differs; i++) {
			struct svp_action a = sc_effective(s, e->chain[i].action, name);

			differs = sc_action(&a) != s->dflt;
		}
		if (differs)
			sc_issue(s, from, "%s: libseccomp does not know this syscall%s", what,
				 (s->flags & SVP_SC_DEGRADE) ? "; downgraded: the default action" : "");
		return 0;
	}

	if (e->nr_chain && !(!s->io_uring && !strncmp(name, "io_uring_", 9))) {
		if (e->nr_chain > ARRAY_LEN(acts))
			ok = false;
		for (i = 0; ok && i < e->nr_chain; i++) {
			struct svp_action a = sc_effective(s, e->chain[i].action, name);

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
			if (ret == -EINVAL && abi == SVP_ABI_I386) {
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
			struct svp_action a = sc_effective(s, e->chain[i].action, name);

			plain = sc_stricter(plain, sc_action(&a));
		}
		sc_action_text(plain, text, sizeof(text));
		sc_issue(s, e->chain[0].rule,
			 "%s: seccomp cannot apply these argument conditions as the profile orders them%s%s",
			 what,
			 (s->flags & SVP_SC_DEGRADE) ? "; downgraded: every call gets " : "",
			 (s->flags & SVP_SC_DEGRADE) ? text : "");
	}
	if (plain == s->dflt)
		return 0;
	return sc_add(ctx, plain, snr, NULL);
}

static int sc_expect(struct sc *s, int nr, uint32_t a0, uint32_t want, const char *what,
		     const struct svp_rule *ru)
{
	struct sc_expect *x = realloc(s->expect, (s->nr_expect + 1) * sizeof(*x));

	if (!x)
		return -ENOMEM;
	s->expect = x;
	x[s->nr_expect++] = (struct sc_expect){ nr, a0, want, what, ru, 0, false };
	return 0;
}

/* One rule on argument 0 of multiplexer @snr: == @v, or (& @mask) == @v. */
static int sc_add_a0(scmp_filter_ctx ctx, uint32_t act, int snr, enum scmp_compare op,
		     uint64_t mask, uint64_t v)
{
	struct scmp_arg_cmp cmp = {
		.arg = 0,
		.op = op,
		.datum_a = op == SCMP_CMP_MASKED_EQ ? mask : v,
		.datum_b = op == SCMP_CMP_MASKED_EQ ? v : 0,
	};
	int ret = seccomp_rule_add_exact_array(ctx, act, snr, 1, &cmp);

	/*
	 * -EEXIST: libseccomp's own rule for the direct call (a0 == v) has
	 * another action; the check of the filter reports what it gives.
	 */
	return ret == -EEXIST ? 0 : ret;
}

/*
 * i386 socketcall or ipc (@nr): each sub-call as the resolver decided it,
 * the rest as the multiplexer's own rules say. Called after every other
 * i386 call, so that an unconditional rule replaces libseccomp's own.
 */
static int sc_mux(struct sc *s, scmp_filter_ctx ctx, int nr)
{
	const struct svp_entry *e = &s->r->tab[SVP_ABI_I386][nr];
	const char *name = svp_sys_name(SVP_ABI_I386, nr);
	const struct svp_subcall *sc;
	size_t n = svp_sys_subcalls(name, &sc), i, k;
	uint32_t plain, acts[64], lo = UINT32_MAX, hi = 0;
	struct svp_action a;
	bool uniform = true, own = false;
	char what[80], text[64];
	int snr, ret;

	snprintf(what, sizeof(what), "i386 %s", name);
	a = sc_effective(s, e->action.act == SVP_ACT_NONE ? s->r->dflt : e->action, name);
	if (e->hook) {
		sc_issue(s, e->hook_rule, "%s: %s handler %s: seccomp cannot run handlers%s", what,
			 e->hook->kind == SVP_HOOK_WRAP ? "wrap" : "override", e->hook->handler,
			 (s->flags & SVP_SC_DEGRADE) ? "; downgraded: the call runs without it" : "");
		a.act = SVP_ACT_ALLOW;
	}
	sc_check_return(s, e->from, what, &a);
	plain = sc_action(&a);
	snr = seccomp_syscall_resolve_name(name);
	if (snr == __NR_SCMP_ERROR || n > ARRAY_LEN(acts))
		return -EINVAL;	/* libseccomp knows both multiplexers */
	for (i = 0; i < n; i++) {
		acts[i] = plain;
		for (k = 0; k < e->nr_chain; k++) {
			if (e->chain[k].sub != &sc[i])
				continue;
			a = sc_effective(s, e->chain[k].action, name);
			sc_check_return(s, e->chain[k].origin, what, &a);
			acts[i] = sc_action(&a);
		}
		uniform &= acts[i] == plain;
		if (sc[i].value < lo)
			lo = sc[i].value;
		if (sc[i].value > hi)
			hi = sc[i].value;
	}
	for (k = 0; k < e->nr_chain; k++)
		own |= !e->chain[k].sub;
	if (own) {
		/* The multiplexer's own conditions: every call gets the strictest. */
		for (k = 0; k < e->nr_chain; k++) {
			a = sc_effective(s, e->chain[k].action, name);
			plain = sc_stricter(plain, sc_action(&a));
		}
		sc_action_text(plain, text, sizeof(text));
		sc_issue(s, e->chain[0].origin,
			 "%s: seccomp cannot apply its own argument conditions with its sub-calls'%s%s",
			 what, (s->flags & SVP_SC_DEGRADE) ? "; downgraded: every call gets " : "",
			 (s->flags & SVP_SC_DEGRADE) ? text : "");
		return plain == s->dflt ? 0 : seccomp_rule_add_exact_array(ctx, plain, snr, 0, NULL);
	}
	if (uniform) {
		/* one rule without conditions: it also replaces libseccomp's own */
		if (plain != s->dflt) {
			ret = seccomp_rule_add_exact_array(ctx, plain, snr, 0, NULL);
			if (ret)
				return ret;
		}
	} else {
		for (i = 0; i < n; i++) {
			if (acts[i] == s->dflt)
				continue;
			ret = sc_add_a0(ctx, acts[i], snr, sc[i].mask ? SCMP_CMP_MASKED_EQ : SCMP_CMP_EQ,
					sc[i].mask, sc[i].value);
			if (ret)
				return ret;
		}
		/* socketcall: the numbers around the sub-calls (the kernel refuses them) */
		if (plain != s->dflt && !sc[0].mask) {
			ret = sc_add_a0(ctx, plain, snr, SCMP_CMP_LT, 0, lo);
			if (!ret)
				ret = sc_add_a0(ctx, plain, snr, SCMP_CMP_GT, 0, hi);
			if (ret)
				return ret;
		}
	}
	/* what the filter must give: each sub-call, with ipc's version bits too */
	for (i = 0, ret = 0; i < n && !ret; i++) {
		const struct svp_rule *ru = e->from;

		for (k = 0; k < e->nr_chain; k++)
			if (e->chain[k].sub == &sc[i])
				ru = e->chain[k].origin;
		ret = sc_expect(s, nr, sc[i].value, acts[i], sc[i].macro, ru);
		if (!ret && sc[i].mask)	/* a version above the call number */
			ret = sc_expect(s, nr, sc[i].value | (sc[i].mask + 1), acts[i],
					sc[i].macro, ru);
		if (!ret && sc[i].mask)
			ret = sc_expect(s, nr, sc[i].value | ~sc[i].mask, acts[i], sc[i].macro, ru);
	}
	if (!ret && !sc[0].mask)
		ret = sc_expect(s, nr, hi + 1, plain, "a number past the sub-calls", e->from);
	return ret;
}

/*
 * A classic BPF program, as the kernel runs a seccomp filter, on @d.
 * Return its result; *ok is false for an instruction it does not know.
 */
static uint32_t bpf_run(const struct sock_filter *f, size_t len, const struct seccomp_data *d,
			bool *ok)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 }, src;
	size_t pc = 0;

	*ok = true;
	while (pc < len) {
		const struct sock_filter *in = &f[pc++];
		uint32_t k = in->k;
		bool t;

		src = BPF_SRC(in->code) == BPF_X ? x : k;
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (k > sizeof(*d) - sizeof(a) || (k & 3))
				goto bad;
			memcpy(&a, (const char *)d + k, sizeof(a));
			continue;
		case BPF_LD | BPF_IMM:
			a = k;
			continue;
		case BPF_LDX | BPF_IMM:
			x = k;
			continue;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (k >= BPF_MEMWORDS)
				goto bad;
			if (in->code == (BPF_LD | BPF_MEM))
				a = mem[k];
			else if (in->code == (BPF_LDX | BPF_MEM))
				x = mem[k];
			else
				mem[k] = in->code == BPF_ST ? a : x;
			continue;
		case BPF_MISC | BPF_TAX:
			x = a;
			continue;
		case BPF_MISC | BPF_TXA:
			a = x;
			continue;
		case BPF_RET | BPF_K:
			return k;
		case BPF_RET | BPF_A:
			return a;
		case BPF_JMP | BPF_JA:
			pc += k;
			continue;
		}
		switch (BPF_CLASS(in->code)) {
		case BPF_ALU:
			switch (BPF_OP(in->code)) {
			case BPF_ADD: a += src; break;
			case BPF_SUB: a -= src; break;
			case BPF_MUL: a *= src; break;
			case BPF_OR: a |= src; break;
			case BPF_AND: a &= src; break;
			case BPF_XOR: a ^= src; break;
			case BPF_LSH: a = src < 32 ? a << src : 0; break;
			case BPF_RSH: a = src < 32 ? a >> src : 0; break;
			case BPF_NEG: a = -a; break;
			default: goto bad;
			}
			continue;
		case BPF_JMP:
			switch (BPF_OP(in->code)) {
			case BPF_JEQ: t = a == src; break;
			case BPF_JGT: t = a > src; break;
			case BPF_JGE: t = a >= src; break;
			case BPF_JSET: t = a & src; break;
			default: goto bad;
			}
			pc += t ? in->jt : in->jf;
			continue;
		}
		goto bad;
	}
bad:
	*ok = false;
	return 0;
}

/* The seccomp filter @ctx as a BPF program (malloc'ed) and its length. */
static int sc_program(scmp_filter_ctx ctx, struct sock_filter **prog, size_t *len)
{
	off_t size;
	int fd, ret;

	*prog = NULL;
	*len = 0;
	fd = memfd_create("policyc-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = seccomp_export_bpf(ctx, fd);
	size = lseek(fd, 0, SEEK_END);
	if (!ret && (size <= 0 || size % sizeof(**prog)))
		ret = -EINVAL;
	if (!ret) {
		*prog = malloc(size);
		if (!*prog)
			ret = -ENOMEM;
		else if (pread(fd, *prog, size, 0) != size)
			ret = -EIO;
	}
	close(fd);
	if (ret) {
		free(*prog);
		*prog = NULL;
		return ret;
	}
	*len = size / sizeof(**prog);
	return 0;
}

/*
 * Run the x86 filter for every multiplexed call: each must get its
 * decision. One issue per multiplexer, grouping the sub-calls by what they
 * get: "allow, not deny EPERM: SYS_SOCKET SYS_BIND".
 */
static int sc_verify(struct sc *s, scmp_filter_ctx ctx32)
{
	struct sock_filter *prog;
	char got_text[48], want_text[48], list[512];
	size_t i, j, k, len = 0, used;
	int ret;

	if (!s->nr_expect)
		return 0;
	ret = sc_program(ctx32, &prog, &len);
	if (ret)
		return ret;
	for (i = 0; i < s->nr_expect; i++) {
		struct sc_expect *x = &s->expect[i];
		struct seccomp_data d = { .nr = x->nr, .arch = AUDIT_ARCH_I386, .args = { x->a0 } };

		x->got = bpf_run(prog, len, &d, &x->ran);
	}
	free(prog);
	for (i = 0; i < s->nr_expect; i = j) {
		const struct svp_rule *ru = NULL;

		used = 0;
		list[0] = 0;
		for (j = i; j < s->nr_expect && s->expect[j].nr == s->expect[i].nr; j++)
			;
		/* the first wrong one of each kind of wrong, then every sub-call it has */
		for (k = i; k < j && used < sizeof(list); k++) {
			const struct sc_expect *x = &s->expect[k], *y;
			const char *last = NULL;
			size_t m;

			if (x->ran && x->got == x->want)
				continue;
			for (m = i; m < k; m++)
				if (s->expect[m].got == x->got && s->expect[m].want == x->want &&
				    s->expect[m].ran == x->ran)
					break;
			if (m < k)
				continue;	/* listed with an earlier one */
			if (!ru)
				ru = x->ru;
			if (x->ran)
				sc_action_text(x->got, got_text, sizeof(got_text));
			else
				snprintf(got_text, sizeof(got_text), "(a filter policyc cannot run)");
			sc_action_text(x->want, want_text, sizeof(want_text));
			used += snprintf(list + used, sizeof(list) - used, "%s%s, not %s:",
					 used ? "; " : "", got_text, want_text);
			for (m = k; m < j && used < sizeof(list); m++) {
				y = &s->expect[m];
				if (y->got != x->got || y->want != x->want || y->ran != x->ran ||
				    (last && !strcmp(last, y->what)))
					continue;
				last = y->what;
				used += snprintf(list + used, sizeof(list) - used, " %s", y->what);
			}
		}
		if (used)
			sc_issue(s, ru, "i386 %s: libseccomp gives its sub-calls the rules of the "
				 "direct calls, so the filter decides %s%s",
				 svp_sys_name(SVP_ABI_I386, s->expect[i].nr), list,
				 (s->flags & SVP_SC_DEGRADE) ? " (downgraded: as the filter decides)" : "");
	}
	return 0;
}

static int sc_abi(struct sc *s, scmp_filter_ctx ctx, enum svp_abi abi)
{
	int nr, ret;

	for (nr = 0; nr < s->r->len[abi]; nr++) {
		if (abi == SVP_ABI_I386 && svp_sys_name(abi, nr) && svp_sys_twin(nr)->kind == SVP_TWIN_MUX)
			continue;	/* sc_mux(), after the calls it multiplexes */
		ret = sc_entry(s, ctx, abi, nr);
		if (ret)
			return ret;
	}
	for (nr = 0; abi == SVP_ABI_I386 && nr < s->r->len[abi]; nr++) {
		if (!svp_sys_name(abi, nr) || svp_sys_twin(nr)->kind != SVP_TWIN_MUX)
			continue;
		ret = sc_mux(s, ctx, nr);
		if (ret)
			return ret;
	}
	return abi == SVP_ABI_I386 ? sc_verify(s, ctx) : 0;
}

static scmp_filter_ctx sc_new(const struct sc *s, uint32_t arch, bool log)
{
	scmp_filter_ctx ctx = seccomp_init(s->dflt);

	if (!ctx)
		return NULL;
	if ((arch != SCMP_ARCH_NATIVE &&
	     (seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) || seccomp_arch_add(ctx, arch))) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			     (s->flags & SVP_SC_COMPLAIN) ? SCMP_ACT_LOG : SCMP_ACT_ERRNO(ENOSYS)) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, log) ||
	    ((s->flags & SVP_SC_BINTREE) && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2))) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

/**
 * svp_seccomp_logs_all_denials() - whether the filter logs its errno results
 * @r: the profile
 * @flags: SVP_SC_COMPLAIN or 0
 *
 * Seccomp logs a filter's errno results all or none: all, as soon as the
 * profile has one deny+log rule (or a deny+log default).
 */
bool svp_seccomp_logs_all_denials(const struct svp_resolved *r, unsigned int flags)
{
	struct svp_action d = (flags & SVP_SC_COMPLAIN) ? svp_complain_action(r->dflt) : r->dflt;
	size_t i;

	if (d.act == SVP_ACT_DENY_LOG)
		return true;
	for (i = 0; i < r->p->nr_rules; i++)
		if (r->p->rules[i].action.act == SVP_ACT_DENY_LOG)
			return true;
	return false;
}

/**
 * svp_seccomp_compile() - a resolved profile as one libseccomp filter
 * @r: the profile
 * @flags: SVP_SC_COMPLAIN, SVP_SC_DEGRADE, SVP_SC_BINTREE
 * @report: where issues (and, with SVP_SC_DEGRADE, the downgrades) are listed,
 *	one per line; may be NULL
 * @out: the filter, or NULL to only count issues
 * @issues: number of rules seccomp cannot enforce as written
 *
 * Return: 0 (with *out set when the filter could be built: no issues, or
 * SVP_SC_DEGRADE), or -errno from libseccomp.
 */
int svp_seccomp_compile(const struct svp_resolved *r, unsigned int flags, FILE *report,
			scmp_filter_ctx *out, int *issues)
{
	struct sc s = { .r = r, .flags = flags, .report = report, .io_uring = r->p->io_uring };
	scmp_filter_ctx ctx64 = NULL, ctx32 = NULL;
	bool log = svp_seccomp_logs_all_denials(r, flags);
	struct svp_action d = r->dflt;
	int ret = -ENOMEM;

	if (out)
		*out = NULL;
	if (flags & SVP_SC_COMPLAIN)
		d = svp_complain_action(d);
	sc_check_return(&s, NULL, "the default action", &d);
	s.dflt = sc_action(&d);
	/* A filter sees the path's address, never the file it reaches. */
	if (r->p->protect.nr_paths)
		sc_issue_at(&s, &r->p->protect.loc, "protect: %zu path%s: seccomp cannot decide "
			    "on the files a call reaches%s", r->p->protect.nr_paths,
			    r->p->protect.nr_paths == 1 ? "" : "s",
			    (flags & SVP_SC_DEGRADE) ? "; downgraded: the files are not protected" : "");

	ctx64 = sc_new(&s, SCMP_ARCH_NATIVE, log);
	ctx32 = sc_new(&s, SCMP_ARCH_X86, log);
	if (!ctx64 || !ctx32)
		goto out;
	ret = sc_abi(&s, ctx64, SVP_ABI_X86_64);
	if (!ret)
		ret = sc_abi(&s, ctx32, SVP_ABI_I386);
	if (ret)
		goto out;
	*issues = s.issues;
	if (!out || (s.issues && !(flags & SVP_SC_DEGRADE)))
		goto out;
	ret = seccomp_merge(ctx64, ctx32);
	if (ret)
		goto out;
	ctx32 = NULL;	/* merged into ctx64 */
	*out = TAKE_PTR(ctx64);
out:
	free(s.expect);
	if (ctx32)
		seccomp_release(ctx32);
	if (ctx64)
		seccomp_release(ctx64);
	return ret;
}
