// SPDX-License-Identifier: GPL-2.0
/*
 * policyc import-oci: a Docker/OCI seccomp profile (JSON) as a sysvec
 * profile (YAML).
 *
 * The JSON is read with the YAML loader (JSON is YAML). Entries are kept or
 * left out the way Docker does for a container on x86_64 with the given
 * capabilities (none unless --caps says otherwise): "includes" must all
 * hold, "excludes" must not; arches must cover amd64 or x86; minKernel must
 * be at most 6.1. Names this kernel does not have are left out and listed.
 * What cannot be expressed (SCMP_ACT_TRACE, TRAP, NOTIFY) is an error:
 * converting it into something weaker or stronger would change the policy.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "policyc.h"

struct oci {
	struct svp_ydoc d;
	FILE *out;
	const char *caps;	/* comma-separated, may be NULL */
	int default_errno;
	char errno_text[32];	/* errno of the last deny map_action() gave */
};

/* Report an error at node @n; returns -EINVAL. */
__attribute__((format(printf, 4, 5)))
static int oerr(struct oci *o, yaml_node_t *n, const char *fix, const char *fmt, ...)
{
	struct svp_loc at = svp_ydoc_loc(&o->d, n);
	va_list ap;

	va_start(ap, fmt);
	svp_diag_verror(&at, fix, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool has_cap(const struct oci *o, const char *cap)
{
	const char *p = o->caps;
	size_t n = strlen(cap);

	while (p && *p) {
		if (!strncmp(p, cap, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

static bool list_has(struct oci *o, yaml_node_t *seq, const char *const *want)
{
	yaml_node_item_t *it;

	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return false;
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		const char *s = svp_ydoc_str(svp_ydoc_node(&o->d, *it));
		const char *const *w;

		for (w = want; s && *w; w++)
			if (!strcmp(s, *w))
				return true;
	}
	return false;
}

/* Docker's rules for "includes" and "excludes"; *why says what failed. */
static bool applies(struct oci *o, yaml_node_t *entry, const char **why)
{
	static const char *const ours[] = { "amd64", "x86", NULL };
	yaml_node_t *inc = svp_ydoc_get(&o->d, entry, "includes"), *exc = svp_ydoc_get(&o->d, entry, "excludes");
	yaml_node_t *caps, *arches, *mk;
	yaml_node_item_t *it;

	arches = svp_ydoc_get(&o->d, inc, "arches");
	if (arches && arches->data.sequence.items.top != arches->data.sequence.items.start &&
	    !list_has(o, arches, ours)) {
		*why = "other architectures";
		return false;
	}
	caps = svp_ydoc_get(&o->d, inc, "caps");
	if (caps && caps->type == YAML_SEQUENCE_NODE) {
		for (it = caps->data.sequence.items.start; it < caps->data.sequence.items.top; it++) {
			const char *c = svp_ydoc_str(svp_ydoc_node(&o->d, *it));

			if (c && !has_cap(o, c)) {
				*why = "needs a capability not granted (--caps)";
				return false;
			}
		}
	}
	mk = svp_ydoc_get(&o->d, inc, "minKernel");
	if (mk && svp_ydoc_str(mk)) {
		int maj = 0, min = 0;

		sscanf(svp_ydoc_str(mk), "%d.%d", &maj, &min);
		if (maj > 6 || (maj == 6 && min > 1)) {
			*why = "needs a newer kernel than 6.1";
			return false;
		}
	}
	if (list_has(o, svp_ydoc_get(&o->d, exc, "arches"), ours)) {
		*why = "excluded on x86";
		return false;
	}
	caps = svp_ydoc_get(&o->d, exc, "caps");
	if (caps && caps->type == YAML_SEQUENCE_NODE) {
		for (it = caps->data.sequence.items.start; it < caps->data.sequence.items.top; it++) {
			const char *c = svp_ydoc_str(svp_ydoc_node(&o->d, *it));

			if (c && has_cap(o, c)) {
				*why = "excluded for a granted capability";
				return false;
			}
		}
	}
	return true;
}

/*
 * Docker's actions and what each becomes; a kill of the thread kills the
 * process, which is the only kill sysvec has.
 */
static const struct {
	const char *oci;
	enum svp_act act;
} oci_actions[] = {
	{ "SCMP_ACT_ALLOW", SVP_ACT_ALLOW },
	{ "SCMP_ACT_ERRNO", SVP_ACT_DENY },
	{ "SCMP_ACT_KILL", SVP_ACT_KILL },
	{ "SCMP_ACT_KILL_PROCESS", SVP_ACT_KILL },
	{ "SCMP_ACT_KILL_THREAD", SVP_ACT_KILL },
	{ "SCMP_ACT_LOG", SVP_ACT_LOG },
};

/* The action an SCMP action name becomes; a deny's errno into o->errno_text. */
static int map_action(struct oci *o, yaml_node_t *actn, yaml_node_t *errn,
		      const struct svp_action_kind **kind, bool is_default)
{
	const char *a = svp_ydoc_str(actn);
	const struct svp_action_kind *k = NULL;
	int e = o->default_errno;
	size_t i;

	if (!a)
		return oerr(o, actn, "write an SCMP_ACT_* name", "action must be a string");
	for (i = 0; i < ARRAY_LEN(oci_actions) && !k; i++)
		if (!strcmp(a, oci_actions[i].oci))
			k = svp_action_kind(oci_actions[i].act);
	if (!k)
		return oerr(o, actn, "change the action to ALLOW, ERRNO, KILL or LOG before importing",
			    "%s has no sysvec equivalent", a);
	if (k->arg == SVP_ARG_ERRNO) {
		if (errn) {
			const char *s = svp_ydoc_str(errn);
			char *end;
			long v = s ? strtol(s, &end, 10) : -1;

			if (!s || *end || v < 1 || v > 4095)
				return oerr(o, errn, "errnoRet must be 1 to 4095", "bad errnoRet");
			e = v;
		}
		if (is_default)
			o->default_errno = e;
		if (svp_errno_name(e))
			snprintf(o->errno_text, sizeof(o->errno_text), "%s", svp_errno_name(e));
		else
			snprintf(o->errno_text, sizeof(o->errno_text), "%d", e);
	}
	*kind = k;
	return 0;
}

static int emit_args(struct oci *o, yaml_node_t *args)
{
	static const char *const ops[][2] = {
		{ "SCMP_CMP_EQ", "eq" }, { "SCMP_CMP_NE", "ne" }, { "SCMP_CMP_LT", "lt" },
		{ "SCMP_CMP_LE", "le" }, { "SCMP_CMP_GT", "gt" }, { "SCMP_CMP_GE", "ge" },
		{ "SCMP_CMP_MASKED_EQ", "masked-eq" },
	};
	yaml_node_item_t *it;

	if (args->type != YAML_SEQUENCE_NODE)
		return oerr(o, args, "args is a list", "args must be a list");
	if (args->data.sequence.items.top == args->data.sequence.items.start)
		return 0;
	fprintf(o->out, "    args:\n");
	for (it = args->data.sequence.items.start; it < args->data.sequence.items.top; it++) {
		yaml_node_t *a = svp_ydoc_node(&o->d, *it);
		const char *idx = svp_ydoc_str(svp_ydoc_get(&o->d, a, "index"));
		const char *val = svp_ydoc_str(svp_ydoc_get(&o->d, a, "value"));
		const char *two = svp_ydoc_str(svp_ydoc_get(&o->d, a, "valueTwo"));
		const char *op = svp_ydoc_str(svp_ydoc_get(&o->d, a, "op"));
		size_t i;

		if (!idx || !val || !op)
			return oerr(o, a, "each argument needs index, value and op",
				    "incomplete argument condition");
		for (i = 0; i < ARRAY_LEN(ops) && strcmp(ops[i][0], op); i++)
			;
		if (i == ARRAY_LEN(ops))
			return oerr(o, svp_ydoc_get(&o->d, a, "op"), "use an SCMP_CMP_* operator", "unknown operator");
		if (i == 6)	/* OCI: value is the mask, valueTwo the expected bits */
			fprintf(o->out, "      - {arg: %s, op: masked-eq, mask: %s, value: %s}\n",
				idx, val, two ? two : "0");
		else
			fprintf(o->out, "      - {arg: %s, op: %s, value: %s}\n", idx, ops[i][1], val);
	}
	return 0;
}

static void emit_names(FILE *f, const char *const *names, size_t n)
{
	size_t i, col = 16;

	fprintf(f, "  - syscalls: [");
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]) + 2;

		if (i && col + len > 96) {
			fprintf(f, ",\n               ");
			col = 15;
		} else if (i) {
			fprintf(f, ", ");
		}
		fprintf(f, "%s", names[i]);
		col += len;
	}
	fprintf(f, "]\n");
}

int oci_import(const char *path, FILE *out, const char *name, const char *caps)
{
	_cleanup_free_ char *text = NULL;
	struct oci o = { .out = out, .caps = caps, .default_errno = EPERM };
	yaml_node_t *root, *sys, *da;
	yaml_node_item_t *it;
	const struct svp_action_kind *act;
	char skipped[16384] = "", unknown[4096] = "";
	size_t len, su = 0, uu = 0;
	int ret;

	ret = svp_read_file(path, &text, &len);
	if (ret) {
		struct svp_loc at = { path, 0, 0, 0 };

		svp_diag_error(&at, NULL, "cannot read: %s", strerror(-ret));
		return -EINVAL;
	}
	ret = svp_ydoc_load(&o.d, path, text, len);
	if (ret)
		goto out;
	root = svp_ydoc_root(&o.d);
	da = svp_ydoc_get(&o.d, root, "defaultAction");
	sys = svp_ydoc_get(&o.d, root, "syscalls");
	if (!da || !sys || sys->type != YAML_SEQUENCE_NODE) {
		ret = oerr(&o, root, "give the seccomp profile of a container runtime",
			   "not an OCI seccomp profile (no defaultAction or syscalls list)");
		goto out;
	}
	ret = map_action(&o, da, svp_ydoc_get(&o.d, root, "defaultErrnoRet"), &act, true);
	if (ret)
		goto out;
	fprintf(out, "# Converted by policyc import-oci from %s.\n", svp_path_base(path));
	fprintf(out, "# Entries as Docker applies them to an x86_64 container with %s%s.\n",
		caps && *caps ? "capabilities " : "no added capabilities", caps ? caps : "");
	fprintf(out, "name: %s\nversion: \"1\"\n", name);
	fprintf(out, "description: \"Imported from the OCI seccomp profile %s\"\n",
		svp_path_base(path));
	if (act->arg == SVP_ARG_ERRNO)
		fprintf(out, "default: {action: %s, errno: %s}\n", act->word, o.errno_text);
	else
		fprintf(out, "default: %s\n", act->word);
	fprintf(out, "rules:\n");
	for (it = sys->data.sequence.items.start; it < sys->data.sequence.items.top; it++) {
		yaml_node_t *e = svp_ydoc_node(&o.d, *it), *names = svp_ydoc_get(&o.d, e, "names");
		yaml_node_t *args = svp_ydoc_get(&o.d, e, "args"), *an = svp_ydoc_get(&o.d, e, "action");
		const char *keep[512], *why = NULL;
		yaml_node_item_t *ni;
		size_t nk = 0;

		if (!names || names->type != YAML_SEQUENCE_NODE || !an) {
			ret = oerr(&o, e, "each entry needs names and action", "malformed syscalls entry");
			goto out;
		}
		if (!applies(&o, e, &why)) {
			for (ni = names->data.sequence.items.start; ni < names->data.sequence.items.top; ni++)
				if (svp_ydoc_str(svp_ydoc_node(&o.d, *ni)) && su < sizeof(skipped))
					su += snprintf(skipped + su, sizeof(skipped) - su, "#   %s: %s\n",
						       svp_ydoc_str(svp_ydoc_node(&o.d, *ni)), why);
			continue;
		}
		ret = map_action(&o, an, svp_ydoc_get(&o.d, e, "errnoRet"), &act, false);
		if (ret)
			goto out;
		for (ni = names->data.sequence.items.start; ni < names->data.sequence.items.top; ni++) {
			const char *s = svp_ydoc_str(svp_ydoc_node(&o.d, *ni));

			if (!s)
				continue;
			if (svp_sys_known(s) && nk < ARRAY_LEN(keep))
				keep[nk++] = s;
			else if (uu < sizeof(unknown))
				uu += snprintf(unknown + uu, sizeof(unknown) - uu, "%s%s",
					       uu ? ", " : "", s);
		}
		if (!nk)
			continue;
		emit_names(out, keep, nk);
		fprintf(out, "    action: %s\n", act->word);
		if (act->arg == SVP_ARG_ERRNO)
			fprintf(out, "    errno: %s\n", o.errno_text);
		if (args) {
			ret = emit_args(&o, args);
			if (ret)
				goto out;
		}
	}
	if (su)
		fprintf(out, "# Left out, as Docker would for this container:\n%s", skipped);
	if (uu)
		fprintf(out, "# Left out (not syscalls of this kernel's x86_64 or i386): %s\n", unknown);
out:
	svp_ydoc_free(&o.d);
	return ret;
}
