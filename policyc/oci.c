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
#include <string.h>
#include "policyc.h"

struct oci {
	struct ydoc d;
	FILE *out;
	const char *caps;	/* comma-separated, may be NULL */
	int default_errno;
	char errno_text[32];	/* errno of the last deny map_action() gave */
};

static int oerr(struct oci *o, yaml_node_t *n, const char *fix, const char *msg)
{
	struct loc at = ydoc_loc(&o->d, n);

	diag_error(&at, fix, "%s", msg);
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
		const char *s = ydoc_str(ydoc_node(&o->d, *it));
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
	yaml_node_t *inc = ydoc_get(&o->d, entry, "includes"), *exc = ydoc_get(&o->d, entry, "excludes");
	yaml_node_t *caps, *arches, *mk;
	yaml_node_item_t *it;

	arches = ydoc_get(&o->d, inc, "arches");
	if (arches && arches->data.sequence.items.top != arches->data.sequence.items.start &&
	    !list_has(o, arches, ours)) {
		*why = "other architectures";
		return false;
	}
	caps = ydoc_get(&o->d, inc, "caps");
	if (caps && caps->type == YAML_SEQUENCE_NODE) {
		for (it = caps->data.sequence.items.start; it < caps->data.sequence.items.top; it++) {
			const char *c = ydoc_str(ydoc_node(&o->d, *it));

			if (c && !has_cap(o, c)) {
				*why = "needs a capability not granted (--caps)";
				return false;
			}
		}
	}
	mk = ydoc_get(&o->d, inc, "minKernel");
	if (mk && ydoc_str(mk)) {
		int maj = 0, min = 0;

		sscanf(ydoc_str(mk), "%d.%d", &maj, &min);
		if (maj > 6 || (maj == 6 && min > 1)) {
			*why = "needs a newer kernel than 6.1";
			return false;
		}
	}
	if (list_has(o, ydoc_get(&o->d, exc, "arches"), ours)) {
		*why = "excluded on x86";
		return false;
	}
	caps = ydoc_get(&o->d, exc, "caps");
	if (caps && caps->type == YAML_SEQUENCE_NODE) {
		for (it = caps->data.sequence.items.start; it < caps->data.sequence.items.top; it++) {
			const char *c = ydoc_str(ydoc_node(&o->d, *it));

			if (c && has_cap(o, c)) {
				*why = "excluded for a granted capability";
				return false;
			}
		}
	}
	return true;
}

/* "allow", "deny EACCES", "kill", "log" for an SCMP action. */
static int map_action(struct oci *o, yaml_node_t *actn, yaml_node_t *errn, char *out,
		      size_t len, bool is_default)
{
	const char *a = ydoc_str(actn);
	int e = o->default_errno;

	if (!a)
		return oerr(o, actn, "write an SCMP_ACT_* name", "action must be a string");
	if (!strcmp(a, "SCMP_ACT_ALLOW")) {
		snprintf(out, len, "allow");
	} else if (!strcmp(a, "SCMP_ACT_ERRNO")) {
		if (errn) {
			const char *s = ydoc_str(errn);
			char *end;
			long v = s ? strtol(s, &end, 10) : -1;

			if (!s || *end || v < 1 || v > 4095)
				return oerr(o, errn, "errnoRet must be 1 to 4095", "bad errnoRet");
			e = v;
		}
		if (is_default)
			o->default_errno = e;
		snprintf(out, len, "deny");
		if (errno_name(e))
			snprintf(o->errno_text, sizeof(o->errno_text), "%s", errno_name(e));
		else
			snprintf(o->errno_text, sizeof(o->errno_text), "%d", e);
	} else if (!strcmp(a, "SCMP_ACT_KILL") || !strcmp(a, "SCMP_ACT_KILL_PROCESS") ||
		   !strcmp(a, "SCMP_ACT_KILL_THREAD")) {
		snprintf(out, len, "kill");
	} else if (!strcmp(a, "SCMP_ACT_LOG")) {
		snprintf(out, len, "log");
	} else {
		char msg[160];

		snprintf(msg, sizeof(msg), "%s has no sysvec equivalent", a);
		return oerr(o, actn, "change the action to ALLOW, ERRNO, KILL or LOG before importing", msg);
	}
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
		yaml_node_t *a = ydoc_node(&o->d, *it);
		const char *idx = ydoc_str(ydoc_get(&o->d, a, "index"));
		const char *val = ydoc_str(ydoc_get(&o->d, a, "value"));
		const char *two = ydoc_str(ydoc_get(&o->d, a, "valueTwo"));
		const char *op = ydoc_str(ydoc_get(&o->d, a, "op"));
		size_t i;

		if (!idx || !val || !op)
			return oerr(o, a, "each argument needs index, value and op",
				    "incomplete argument condition");
		for (i = 0; i < ARRAY_LEN(ops) && strcmp(ops[i][0], op); i++)
			;
		if (i == ARRAY_LEN(ops))
			return oerr(o, ydoc_get(&o->d, a, "op"), "use an SCMP_CMP_* operator", "unknown operator");
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
	char act[64], skipped[16384] = "", unknown[4096] = "";
	size_t len, su = 0, uu = 0;
	int ret;

	ret = read_file(path, &text, &len);
	if (ret) {
		struct loc at = { path, 0, 0, 0 };

		diag_error(&at, NULL, "cannot read: %s", strerror(-ret));
		return -EINVAL;
	}
	ret = ydoc_load(&o.d, path, text, len);
	if (ret)
		goto out;
	root = ydoc_root(&o.d);
	da = ydoc_get(&o.d, root, "defaultAction");
	sys = ydoc_get(&o.d, root, "syscalls");
	if (!da || !sys || sys->type != YAML_SEQUENCE_NODE) {
		ret = oerr(&o, root, "give the seccomp profile of a container runtime",
			   "not an OCI seccomp profile (no defaultAction or syscalls list)");
		goto out;
	}
	ret = map_action(&o, da, ydoc_get(&o.d, root, "defaultErrnoRet"), act, sizeof(act), true);
	if (ret)
		goto out;
	fprintf(out, "# Converted by policyc import-oci from %s.\n", path_base(path));
	fprintf(out, "# Entries as Docker applies them to an x86_64 container with %s%s.\n",
		caps && *caps ? "capabilities " : "no added capabilities", caps ? caps : "");
	fprintf(out, "name: %s\nversion: \"1\"\n", name);
	fprintf(out, "description: \"Imported from the OCI seccomp profile %s\"\n",
		path_base(path));
	if (!strcmp(act, "deny"))
		fprintf(out, "default: {action: deny, errno: %s}\n", o.errno_text);
	else
		fprintf(out, "default: %s\n", act);
	fprintf(out, "rules:\n");
	for (it = sys->data.sequence.items.start; it < sys->data.sequence.items.top; it++) {
		yaml_node_t *e = ydoc_node(&o.d, *it), *names = ydoc_get(&o.d, e, "names");
		yaml_node_t *args = ydoc_get(&o.d, e, "args"), *an = ydoc_get(&o.d, e, "action");
		const char *keep[512], *why = NULL;
		yaml_node_item_t *ni;
		size_t nk = 0;

		if (!names || names->type != YAML_SEQUENCE_NODE || !an) {
			ret = oerr(&o, e, "each entry needs names and action", "malformed syscalls entry");
			goto out;
		}
		if (!applies(&o, e, &why)) {
			for (ni = names->data.sequence.items.start; ni < names->data.sequence.items.top; ni++)
				if (ydoc_str(ydoc_node(&o.d, *ni)) && su < sizeof(skipped))
					su += snprintf(skipped + su, sizeof(skipped) - su, "#   %s: %s\n",
						       ydoc_str(ydoc_node(&o.d, *ni)), why);
			continue;
		}
		ret = map_action(&o, an, ydoc_get(&o.d, e, "errnoRet"), act, sizeof(act), false);
		if (ret)
			goto out;
		for (ni = names->data.sequence.items.start; ni < names->data.sequence.items.top; ni++) {
			const char *s = ydoc_str(ydoc_node(&o.d, *ni));

			if (!s)
				continue;
			if (sys_known(s) && nk < ARRAY_LEN(keep))
				keep[nk++] = s;
			else if (uu < sizeof(unknown))
				uu += snprintf(unknown + uu, sizeof(unknown) - uu, "%s%s",
					       uu ? ", " : "", s);
		}
		if (!nk)
			continue;
		emit_names(out, keep, nk);
		fprintf(out, "    action: %s\n", act);
		if (!strcmp(act, "deny"))
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
	ydoc_free(&o.d);
	return ret;
}
