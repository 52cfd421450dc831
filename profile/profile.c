// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading a profile: YAML into struct svp_profile, with every value checked and
 * every problem reported at its position. Keys are checked against the
 * known ones (an unknown key is an error with the nearest known name, never
 * silently ignored: a misspelt "errno" must not turn into EPERM).
 *
 * Includes are read depth first; their rules get a higher depth, which
 * resolve.c uses to let the including file's rules win. protect: is the
 * exception: the files' protections add up (paths and operations), and
 * their errno and log must agree, so an include's protection is never
 * lifted by the file that includes it.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "profile.h"
#include "sysvec.h"

struct ctx {
	struct svp_profile *p;
	struct svp_sha256 hash;
	char *stack[SVP_PROFILE_MAX_INCLUDE_DEPTH + 1];	/* real paths being read */
	int depth;
	bool allow_include;
};

static const char *const top_keys[] = {
	"name", "version", "description", "default", "complain", "io_uring", "include",
	"rules", "protect", NULL,
};
static const char *const protect_keys[] = { "paths", "deny", "errno", "log", NULL };
static const char *const rule_keys[] = {
	"syscalls", "syscall", "action", "errno", "log", "args", "wrap", "override",
	"comment", NULL,
};
static const char *const arg_keys[] = { "arg", "op", "value", "mask", NULL };
static const char *const hook_keys[] = { "handler", "source", "return", "post", "paths", NULL };
static const char *const op_words[] = {
	"eq", "ne", "lt", "le", "gt", "ge", "masked-eq", NULL,
};

/* The operations protect: may refuse, by the kernel's own list. */
#define PROTECT_OP(name, bit) { name, bit, #bit },
const struct svp_protect_op svp_protect_ops[] = { SYSVEC_PROTECT_OPS(PROTECT_OP) };
#undef PROTECT_OP
const size_t svp_nr_protect_ops = ARRAY_LEN(svp_protect_ops);
#define PROTECT_OR(name, bit) | (bit)
const uint32_t svp_protect_all = 0 SYSVEC_PROTECT_OPS(PROTECT_OR);
_Static_assert((0 SYSVEC_PROTECT_OPS(PROTECT_OR)) == SYSVEC_PROT_ALL,
	       "SYSVEC_PROTECT_OPS names every SYSVEC_PROT_* bit");
#undef PROTECT_OR

const char *svp_protect_op_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < svp_nr_protect_ops; i++)
		if (svp_protect_ops[i].bit == bit)
			return svp_protect_ops[i].name;
	return NULL;
}

void svp_protect_ops_text(uint32_t ops, char *out, size_t len)
{
	size_t i, used = 0;

	out[0] = 0;
	for (i = 0; i < svp_nr_protect_ops && used < len; i++)
		if (ops & svp_protect_ops[i].bit)
			used += snprintf(out + used, len - used, "%s%s", used ? ", " : "",
					 svp_protect_ops[i].name);
}

/* "all, or some of remove, rename, ...": the words deny: takes, for fixes. */
static void protect_ops_words(char *out, size_t len)
{
	size_t used = snprintf(out, len, "all, or some of ");

	if (used < len)
		svp_protect_ops_text(svp_protect_all, out + used, len - used);
}

/* Report an error at node @n; returns -EINVAL. */
__attribute__((format(printf, 4, 5)))
static int err_at(struct svp_ydoc *d, yaml_node_t *n, const char *fix, const char *fmt, ...)
{
	struct svp_loc at = svp_ydoc_loc(d, n);
	va_list ap;

	va_start(ap, fmt);
	svp_diag_verror(&at, fix, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/*
 * The words `action:` takes, from the table, joined by @sep and, before the
 * last, @last; @skip (or NULL) left out: "allow, deny, kill or log".
 */
static void action_words_text(char *out, size_t len, const char *skip, const char *sep,
			      const char *last)
{
	const char *words[16];
	size_t i, n = 0, used = 0;

	for (i = 0; i < svp_nr_actions && n < ARRAY_LEN(words); i++)
		if (svp_actions[i].word && (!skip || strcmp(svp_actions[i].word, skip)))
			words[n++] = svp_actions[i].word;
	out[0] = 0;
	for (i = 0; i < n && used < len; i++)
		used += snprintf(out + used, len - used, "%s%s",
				 !i ? "" : i + 1 == n ? last : sep, words[i]);
}

/* Check a mapping's keys: known, not repeated. */
static int check_keys(struct svp_ydoc *d, yaml_node_t *map, const char *const *known,
		      const char *what)
{
	yaml_node_pair_t *a, *b;
	int ret = 0;

	for (a = map->data.mapping.pairs.start; a < map->data.mapping.pairs.top; a++) {
		yaml_node_t *k = svp_ydoc_node(d, a->key);
		const char *ks = svp_ydoc_str(k);
		const char *const *w;
		char sugg[128], fix[192];

		if (!ks) {
			ret = err_at(d, k, "keys are plain words such as \"action\"",
				     "a %s key must be a word", what);
			continue;
		}
		for (w = known; *w && strcmp(*w, ks); w++)
			;
		if (!*w) {
			struct svp_loc at = svp_ydoc_loc(d, k);
			size_t used = 0;

			svp_words_suggest(ks, known, sugg, sizeof(sugg));
			if (sugg[0]) {
				snprintf(fix, sizeof(fix), "did you mean %s?", sugg);
			} else {
				used = snprintf(fix, sizeof(fix), "known keys:");
				for (w = known; *w && used < sizeof(fix); w++)
					used += snprintf(fix + used, sizeof(fix) - used, " %s", *w);
			}
			svp_diag_error(&at, fix, "unknown %s key \"%s\"", what, ks);
			ret = -EINVAL;
			continue;
		}
		for (b = map->data.mapping.pairs.start; b < a; b++) {
			const char *bs = svp_ydoc_str(svp_ydoc_node(d, b->key));

			if (bs && !strcmp(bs, ks)) {
				struct svp_loc at = svp_ydoc_loc(d, k);
				struct svp_loc first = svp_ydoc_loc(d, svp_ydoc_node(d, b->key));

				svp_diag_error(&at, "keep one of the two", "key \"%s\" given twice", ks);
				svp_diag_note(&first, "first given here");
				ret = -EINVAL;
				break;
			}
		}
	}
	return ret;
}

static int get_string(struct svp_ydoc *d, yaml_node_t *n, const char *what, char **out)
{
	const char *s = svp_ydoc_str(n);

	if (!s)
		return err_at(d, n, "write it as text on one line", "%s must be a string", what);
	free(*out);
	*out = strdup(s);
	return *out ? 0 : -ENOMEM;
}

static int get_bool(struct svp_ydoc *d, yaml_node_t *n, const char *what, bool *out)
{
	const char *s = svp_ydoc_str(n);

	if (s && !strcmp(s, "true")) {
		*out = true;
		return 0;
	}
	if (s && !strcmp(s, "false")) {
		*out = false;
		return 0;
	}
	return err_at(d, n, "write true or false", "%s must be true or false", what);
}

/* Decimal or 0x hexadecimal, optionally negative (two's complement). */
static int parse_u64(const char *s, uint64_t *out)
{
	bool neg = false;
	uint64_t v = 0;
	int base = 10, digits = 0;

	if (*s == '-') {
		neg = true;
		s++;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++, digits++) {
		int c;

		if (*s >= '0' && *s <= '9')
			c = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			c = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			c = *s - 'A' + 10;
		else
			return -EINVAL;
		if (v > (UINT64_MAX - c) / base)
			return -ERANGE;
		v = v * base + c;
	}
	if (!digits)
		return -EINVAL;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -ERANGE;
		v = -v;
	}
	*out = v;
	return 0;
}

static int get_int(struct svp_ydoc *d, yaml_node_t *n, const char *what, uint64_t min,
		   uint64_t max, uint64_t *out)
{
	const char *s = svp_ydoc_str(n);
	uint64_t v;
	char fix[96];

	snprintf(fix, sizeof(fix), "write a number from %llu to %llu",
		 (unsigned long long)min, (unsigned long long)max);
	if (!s || parse_u64(s, &v) || v < min || v > max || (*s == '-' && max != UINT64_MAX)) {
		struct svp_loc at = svp_ydoc_loc(d, n);

		svp_diag_error(&at, fix, "%s: \"%s\" is not a number in range", what, s ? s : "");
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int get_errno(struct svp_ydoc *d, yaml_node_t *n, int *out)
{
	const char *s = svp_ydoc_str(n);
	uint64_t v;
	int e;

	if (s && s[0] >= '0' && s[0] <= '9')
		return get_int(d, n, "errno", 1, 4095, &v) ? -EINVAL : (*out = v, 0);
	e = s ? svp_errno_nr(s) : -1;
	if (e < 0) {
		char sugg[128], fix[192];
		struct svp_loc at = svp_ydoc_loc(d, n);

		svp_errno_suggest(s ? s : "", sugg, sizeof(sugg));
		if (sugg[0])
			snprintf(fix, sizeof(fix), "did you mean %s?", sugg);
		else
			snprintf(fix, sizeof(fix), "use a name from errno(3) such as EPERM or EACCES");
		svp_diag_error(&at, fix, "unknown errno \"%s\"", s ? s : "");
		return -EINVAL;
	}
	*out = e;
	return 0;
}

/* action/errno/log of a rule or of "default" (a mapping). */
static int get_action(struct svp_ydoc *d, yaml_node_t *map, yaml_node_t *actn, struct svp_action *a)
{
	yaml_node_t *en = svp_ydoc_get(d, map, "errno"), *ln = svp_ydoc_get(d, map, "log");
	const char *s = svp_ydoc_str(actn);
	const struct svp_action_kind *k = s ? svp_action_of_word(s) : NULL;
	const char *words[16];
	bool log = false;
	char sugg[128], fix[192], list[96];
	size_t i, n = 0;

	a->loc = svp_ydoc_loc(d, actn);
	if (!k) {
		for (i = 0; i < svp_nr_actions && n < ARRAY_LEN(words) - 1; i++)
			if (svp_actions[i].word)
				words[n++] = svp_actions[i].word;
		words[n] = NULL;
		svp_words_suggest(s ? s : "", words, sugg, sizeof(sugg));
		action_words_text(list, sizeof(list), NULL, ", ", " or ");
		if (sugg[0])
			snprintf(fix, sizeof(fix), "did you mean %s?", sugg);
		else
			snprintf(fix, sizeof(fix), "write %s", list);
		svp_diag_error(&a->loc, fix, "unknown action \"%s\"", s ? s : "");
		return -EINVAL;
	}
	if (ln && get_bool(d, ln, "log", &log))
		return -EINVAL;
	a->act = log && k->log_act ? k->log_act : k->act;
	if (k->arg == SVP_ARG_ERRNO) {
		a->value = EPERM;
		if (en && get_errno(d, en, &a->value))
			return -EINVAL;
		return 0;
	}
	if (en)
		return err_at(d, en, "remove errno, or make the action deny",
			      "errno only goes with action deny");
	if (ln && log && !k->log_act)
		return err_at(d, ln, "remove \"log: true\"; kill is always logged, and use action log to log allowed calls",
			      "log: true only goes with action deny");
	return 0;
}

static int get_default(struct svp_ydoc *d, yaml_node_t *n, struct svp_action *a)
{
	if (n->type == YAML_SCALAR_NODE) {
		yaml_node_t fake = { 0 };

		fake.type = YAML_MAPPING_NODE;
		return get_action(d, &fake, n, a);
	}
	if (n->type != YAML_MAPPING_NODE)
		return err_at(d, n, "write e.g. \"default: deny\" or \"default: {action: deny, errno: EPERM}\"",
			      "default must be an action or a mapping");
	if (check_keys(d, n, (const char *const[]){ "action", "errno", "log", NULL }, "default"))
		return -EINVAL;
	if (!svp_ydoc_get(d, n, "action")) {
		char words[96], fix[128];

		action_words_text(words, sizeof(words), NULL, "|", "|");
		snprintf(fix, sizeof(fix), "add \"action: %s\"", words);
		return err_at(d, n, fix, "default without action");
	}
	return get_action(d, n, svp_ydoc_get(d, n, "action"), a);
}

/* 1 to @max characters, each an ASCII letter or digit or one of @extra. */
static bool word_of(const char *s, const char *extra, size_t max)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i]))
			return false;
	return n && n <= max;
}

bool svp_profile_name_valid(const char *name)
{
	return word_of(name, "-_", SVP_PROFILE_NAME_MAX) && isalpha((unsigned char)name[0]);
}

int svp_profile_find(const char *dirs, const char *arg, int amode, char **path)
{
	size_t n = strlen(arg);
	char *copy, *dir, *save = NULL;

	*path = NULL;
	if (strchr(arg, '/') || (n > 5 && !strcmp(arg + n - 5, ".yaml"))) {
		*path = strdup(arg);
		return *path ? 0 : -ENOMEM;
	}
	if (!svp_profile_name_valid(arg))
		return -EINVAL;
	copy = strdup(dirs);
	if (!copy)
		return -ENOMEM;
	for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		if (asprintf(path, "%s/%s.yaml", dir, arg) < 0) {
			*path = NULL;
			free(copy);
			return -ENOMEM;
		}
		if (!access(*path, amode))
			break;
		free(*path);
		*path = NULL;
	}
	free(copy);
	return *path ? 0 : -ENOENT;
}

void svp_module_name(const char *vector, char *out, size_t outlen)
{
	size_t i;

	snprintf(out, outlen, "sysvec_%s", vector);
	for (i = 0; out[i]; i++)
		if (out[i] == '-' || out[i] == '.')
			out[i] = '_';
}

static int add_file(struct ctx *c, const char *path, const char *text, size_t len)
{
	struct svp_profile *p = c->p;
	char **f = realloc(p->files, (p->nr_files + 1) * sizeof(*f));
	char lenbuf[32];
	char *base, *copy;

	if (!f)
		return -ENOMEM;
	p->files = f;
	p->files[p->nr_files] = strdup(path);
	if (!p->files[p->nr_files])
		return -ENOMEM;
	p->nr_files++;
	/* Name (without directories, so the hash does not depend on where
	 * the tree is), length and bytes of every file. */
	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	base = basename(copy);
	svp_sha256_update(&c->hash, base, strlen(base) + 1);
	snprintf(lenbuf, sizeof(lenbuf), "%zu", len);
	svp_sha256_update(&c->hash, lenbuf, strlen(lenbuf) + 1);
	svp_sha256_update(&c->hash, text, len);
	free(copy);
	return 0;
}

/* @name relative to the directory of @from. */
static char *relative_to(const char *from, const char *name)
{
	char *copy, *dir, *out;

	if (name[0] == '/')
		return strdup(name);
	copy = strdup(from);
	if (!copy)
		return NULL;
	dir = dirname(copy);
	if (!strcmp(dir, "."))
		out = strdup(name);
	else if (asprintf(&out, "%s/%s", dir, name) < 0)
		out = NULL;
	free(copy);
	return out;
}

/*
 * A handler file @path named at @n: read and hashed once however many rules
 * name it. Files go into one kbuild directory, so two different files with
 * the same name cannot both be built.
 */
static int add_source(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n, const char *path)
{
	struct svp_profile *p = c->p;
	_cleanup_free_ char *text = NULL;
	struct svp_loc at = svp_ydoc_loc(d, n);
	size_t len, i;
	char **s;
	int ret;

	for (i = 0; i < p->nr_sources; i++) {
		if (!strcmp(p->sources[i], path))
			return 0;
		if (!strcmp(svp_path_base(p->sources[i]), svp_path_base(path))) {
			svp_diag_error(&at, "rename one of the two files",
				       "handler files %s and %s have the same name", p->sources[i], path);
			return -EINVAL;
		}
	}
	ret = svp_read_file(path, &text, &len);
	if (ret) {
		svp_diag_error(&at, "keep the handler's C file beside the profile", "cannot read %s: %s",
			       path, strerror(-ret));
		return -EINVAL;
	}
	s = realloc(p->sources, (p->nr_sources + 1) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	p->sources = s;
	s[p->nr_sources] = strdup(path);
	if (!s[p->nr_sources])
		return -ENOMEM;
	p->nr_sources++;
	return add_file(c, path, text, len);
}

static int parse_hook(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n, enum svp_hook_kind kind,
		      struct svp_rule *r)
{
	const char *what = kind == SVP_HOOK_WRAP ? "wrap" : "override";
	yaml_node_t *h, *s, *rv, *post, *paths;
	_cleanup_free_ char *text = NULL;
	const char *base;
	struct svp_hook *hk;
	uint64_t v;

	if (n->type != YAML_MAPPING_NODE)
		return err_at(d, n, "write {handler: NAME, source: FILE.c}", "%s must be a mapping", what);
	if (check_keys(d, n, hook_keys, what))
		return -EINVAL;
	h = svp_ydoc_get(d, n, "handler");
	s = svp_ydoc_get(d, n, "source");
	rv = svp_ydoc_get(d, n, "return");
	post = svp_ydoc_get(d, n, "post");
	paths = svp_ydoc_get(d, n, "paths");
	if (rv) {
		if (kind == SVP_HOOK_WRAP || h || s)
			return err_at(d, rv, "use either {return: VALUE} (override only) or {handler, source}",
				      "return cannot be combined with %s handlers", what);
		if (get_int(d, rv, "return", 0, 65535, &v))
			return -EINVAL;
		r->action = (struct svp_action){ SVP_ACT_RETURN, (int)v, svp_ydoc_loc(d, rv) };
		return 0;
	}
	if (!h || !s)
		return err_at(d, n, "name both the handler function and the C file it is in",
			      "%s needs handler and source", what);
	if (kind == SVP_HOOK_OVERRIDE && (post || paths))
		return err_at(d, n, "post and paths belong to wrap; an override is the call itself",
			      "override cannot have %s", post ? "post" : "paths");
	hk = calloc(1, sizeof(*hk));
	if (!hk)
		return -ENOMEM;
	r->hook = hk;
	hk->kind = kind;
	hk->loc = svp_ydoc_loc(d, h);
	if (get_string(d, h, "handler", &hk->handler) || get_string(d, s, "source", &hk->source_name))
		return -EINVAL;
	if (!word_of(hk->handler, "_", 63) || isdigit((unsigned char)hk->handler[0]))
		return err_at(d, h, "use a C function name: letters, digits and _, not starting with a digit",
			      "\"%s\" is not a C function name", hk->handler);
	if (post) {
		if (get_string(d, post, "post", &hk->post))
			return -EINVAL;
		if (!word_of(hk->post, "_", 63) || isdigit((unsigned char)hk->post[0]) ||
		    !strcmp(hk->post, hk->handler))
			return err_at(d, post, "name another C function of the same file",
				      "\"%s\" cannot be the post-handler", hk->post);
	}
	if (paths && get_bool(d, paths, "paths", &hk->paths))
		return -EINVAL;
	base = svp_path_base(hk->source_name);
	/* It becomes a kbuild object name beside the generated vector.c. */
	if (!word_of(base, "_-.", 255) || strlen(base) < 3 ||
	    strcmp(base + strlen(base) - 2, ".c") || !strcmp(base, "vector.c"))
		return err_at(d, s, "name a C file of letters, digits, _ - and . ending in .c (not vector.c)",
			      "\"%s\" cannot be a handler file", hk->source_name);
	hk->source = relative_to(d->file, hk->source_name);
	if (!hk->source)
		return -ENOMEM;
	return add_source(c, d, s, hk->source);
}

static int parse_args(struct svp_ydoc *d, yaml_node_t *n, struct svp_rule *r)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return err_at(d, n, "write a list: args: [{arg: 0, op: eq, value: 1}]",
			      "args must be a list");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *a = svp_ydoc_node(d, *it), *an, *on, *vn, *mn;
		struct svp_cond *cd;
		const char *op;
		uint64_t v;
		int i;

		if (r->nr_conds == SVP_MAX_CONDS)
			return err_at(d, a, "split the rule in two", "more than %d conditions in one rule",
				      SVP_MAX_CONDS);
		if (a->type != YAML_MAPPING_NODE)
			return err_at(d, a, "write {arg: 0, op: eq, value: 1}", "a condition must be a mapping");
		if (check_keys(d, a, arg_keys, "condition"))
			return -EINVAL;
		an = svp_ydoc_get(d, a, "arg");
		on = svp_ydoc_get(d, a, "op");
		vn = svp_ydoc_get(d, a, "value");
		mn = svp_ydoc_get(d, a, "mask");
		if (!an || !on || !vn)
			return err_at(d, a, "give arg (0-5), op and value", "incomplete condition");
		cd = &r->conds[r->nr_conds];
		cd->loc = svp_ydoc_loc(d, a);
		if (get_int(d, an, "arg", 0, 5, &v))
			return -EINVAL;
		cd->arg = v;
		op = svp_ydoc_str(on);
		for (i = 0; op && op_words[i] && strcmp(op_words[i], op); i++)
			;
		if (!op || !op_words[i]) {
			char sugg[128], fix[192];
			struct svp_loc at = svp_ydoc_loc(d, on);

			svp_words_suggest(op ? op : "", op_words, sugg, sizeof(sugg));
			snprintf(fix, sizeof(fix), "use one of eq, ne, lt, le, gt, ge, masked-eq%s%s",
				 sugg[0] ? "; did you mean " : "", sugg);
			svp_diag_error(&at, fix, "unknown operator \"%s\"", op ? op : "");
			return -EINVAL;
		}
		cd->op = SVP_CMP_EQ + i;
		if (get_int(d, vn, "value", 0, UINT64_MAX, &cd->value))
			return -EINVAL;
		if (cd->op == SVP_CMP_MASKED_EQ) {
			if (!mn)
				return err_at(d, a, "add mask: the bits compared", "masked-eq needs a mask");
			if (get_int(d, mn, "mask", 0, UINT64_MAX, &cd->mask))
				return -EINVAL;
			if (cd->value & ~cd->mask)
				return err_at(d, vn, "the value may only have bits that are in the mask",
					      "this condition can never hold");
		} else if (mn) {
			return err_at(d, mn, "remove mask, or use op masked-eq", "mask only goes with masked-eq");
		}
		r->nr_conds++;
	}
	if (!r->nr_conds)
		return err_at(d, n, "remove args, or give at least one condition", "empty args");
	return 0;
}

static int add_target(struct svp_ydoc *d, yaml_node_t *n, struct svp_rule *r)
{
	const char *s = svp_ydoc_str(n);
	const struct svp_group *g = NULL;
	struct svp_target *t;
	char sugg[160], fix[224];
	struct svp_loc at = svp_ydoc_loc(d, n);

	if (!s)
		return err_at(d, n, "write a syscall name or @group", "a syscall must be a name");
	if (s[0] == '@') {
		g = svp_group_find(s);
		if (!g) {
			svp_groups_suggest(s, sugg, sizeof(sugg));
			snprintf(fix, sizeof(fix), "%s%s%s", sugg[0] ? "did you mean " : "",
				 sugg[0] ? sugg : "\"policyc groups\" lists the groups", sugg[0] ? "?" : "");
			svp_diag_error(&at, fix, "unknown group \"%s\"", s);
			return -EINVAL;
		}
	} else if (!svp_sys_known(s)) {
		svp_sys_suggest(s, sugg, sizeof(sugg));
		snprintf(fix, sizeof(fix), "%s%s%s", sugg[0] ? "did you mean " : "",
			 sugg[0] ? sugg : "\"policyc explain\" lists the syscalls of each ABI",
			 sugg[0] ? "?" : "");
		svp_diag_error(&at, fix, "unknown syscall \"%s\" (neither x86_64 nor i386 has it)", s);
		return -EINVAL;
	}
	t = realloc(r->targets, (r->nr_targets + 1) * sizeof(*t));
	if (!t)
		return -ENOMEM;
	r->targets = t;
	t[r->nr_targets].name = strdup(s);
	t[r->nr_targets].group = g;
	t[r->nr_targets].loc = at;
	if (!t[r->nr_targets].name)
		return -ENOMEM;
	r->nr_targets++;
	return 0;
}

static int parse_rule(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n, struct svp_rule *r)
{
	yaml_node_t *sc, *s1, *act, *wrap, *ovr, *args;
	yaml_node_item_t *it;
	bool bad = false;
	int kinds;

	r->loc = svp_ydoc_loc(d, n);
	r->depth = c->depth;
	if (n->type != YAML_MAPPING_NODE)
		return err_at(d, n, "write {syscalls: [NAME, ...], action: ACTION}",
			      "a rule must be a mapping");
	if (check_keys(d, n, rule_keys, "rule"))
		return -EINVAL;
	sc = svp_ydoc_get(d, n, "syscalls");
	s1 = svp_ydoc_get(d, n, "syscall");
	if (sc && s1)
		return err_at(d, s1, "use syscalls: [a, b] for several", "both syscall and syscalls");
	if (!sc && !s1)
		return err_at(d, n, "add syscalls: [NAME, ...]", "rule names no syscall");
	if (s1) {
		bad = add_target(d, s1, r) != 0;
	} else if (sc->type == YAML_SCALAR_NODE) {
		bad = add_target(d, sc, r) != 0;
	} else if (sc->type == YAML_SEQUENCE_NODE) {
		/* Report every unknown name, then go on to the action. */
		for (it = sc->data.sequence.items.start; it < sc->data.sequence.items.top; it++)
			if (add_target(d, svp_ydoc_node(d, *it), r))
				bad = true;
		if (!bad && !r->nr_targets)
			return err_at(d, sc, "name at least one syscall", "empty syscalls list");
	} else {
		return err_at(d, sc, "write a list: syscalls: [read, write]", "syscalls must be a list");
	}

	act = svp_ydoc_get(d, n, "action");
	wrap = svp_ydoc_get(d, n, "wrap");
	ovr = svp_ydoc_get(d, n, "override");
	kinds = !!act + !!wrap + !!ovr;
	if (kinds != 1)
		return err_at(d, n, "give exactly one of action, wrap and override",
			      kinds ? "a rule has one of action, wrap and override" :
				      "rule without an action");
	if (act && get_action(d, n, act, &r->action))
		return -EINVAL;
	if (!act) {
		yaml_node_t *extra = svp_ydoc_get(d, n, "errno") ?: svp_ydoc_get(d, n, "log");

		if (extra)
			return err_at(d, extra, "errno and log go with action deny",
				      "errno and log do not apply to wrap or override");
	}
	if (wrap && parse_hook(c, d, wrap, SVP_HOOK_WRAP, r))
		return -EINVAL;
	if (ovr && parse_hook(c, d, ovr, SVP_HOOK_OVERRIDE, r))
		return -EINVAL;
	args = svp_ydoc_get(d, n, "args");
	if (args) {
		if (r->hook)
			return err_at(d, args, "let the handler look at the arguments",
				      "args cannot be combined with a %s handler",
				      r->hook->kind == SVP_HOOK_WRAP ? "wrap" : "override");
		if (parse_args(d, args, r))
			return -EINVAL;
	}
	return bad ? -EINVAL : 0;
}

/* ---- protect: ---- */

/* The key node of @key in mapping @map (for its position), or NULL. */
static yaml_node_t *key_node(struct svp_ydoc *d, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *a;

	for (a = map->data.mapping.pairs.start; a < map->data.mapping.pairs.top; a++) {
		yaml_node_t *k = svp_ydoc_node(d, a->key);
		const char *ks = svp_ydoc_str(k);

		if (ks && !strcmp(ks, key))
			return k;
	}
	return NULL;
}

/*
 * What the kernel would refuse in @path (kernel/guard.c takes each path as
 * written: absolute, no "." or ".." part, no "//", no trailing "/", shorter
 * than SVP_PROTECT_PATH_MAX). Returns false with @msg and @fix set.
 */
static bool protect_path_ok(const char *path, char *msg, size_t msglen, char *fix,
			    size_t fixlen)
{
	size_t len = strlen(path), i, o = 0;
	bool dotdot = false;
	char clean[SVP_PROTECT_PATH_MAX];
	const char *p;

	if (!len) {
		snprintf(msg, msglen, "empty path");
		snprintf(fix, fixlen, "write an absolute path such as /etc/passwd");
		return false;
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)path[i] < ' ' || path[i] == 0x7f) {
			snprintf(msg, msglen, "path with a control character (byte 0x%02x)",
				 (unsigned char)path[i]);
			snprintf(fix, fixlen, "protect the directory that holds the file instead");
			return false;
		}
	}
	if (path[0] != '/') {
		snprintf(msg, msglen, "\"%s\" is not an absolute path", path);
		snprintf(fix, fixlen, "write the whole path from /, e.g. /etc/passwd: the kernel "
			 "resolves it when the vector is loaded and at each attach");
		return false;
	}
	if (len >= SVP_PROTECT_PATH_MAX) {
		snprintf(msg, msglen, "path of %zu characters; the longest the kernel takes is %d",
			 len, SVP_PROTECT_PATH_MAX - 1);
		snprintf(fix, fixlen, "protect a directory above it: it protects everything below it");
		return false;
	}
	/* the same path without "//", "." parts and a trailing "/" */
	for (p = path; *p; ) {
		const char *end;

		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		if (end - p == 1 && p[0] == '.') {
			p = end;
			continue;
		}
		if (end - p == 2 && p[0] == '.' && p[1] == '.')
			dotdot = true;
		if (end > p) {
			clean[o++] = '/';
			memcpy(clean + o, p, end - p);
			o += end - p;
		}
		p = end;
	}
	clean[o] = 0;
	if (!o) {
		snprintf(msg, msglen, "\"%s\" is the root directory", path);
		snprintf(fix, fixlen, "name the files or directories below / to protect");
		return false;
	}
	if (dotdot) {
		snprintf(msg, msglen, "\"%s\" has a \"..\" part", path);
		snprintf(fix, fixlen, "write the path without \"..\": the kernel takes each path "
			 "as written");
		return false;
	}
	if (strcmp(clean, path)) {
		snprintf(msg, msglen, "\"%s\" is not a plain path (\"//\", a \".\" part or a "
			 "trailing \"/\")", path);
		snprintf(fix, fixlen, "write it as %s", clean);
		return false;
	}
	return true;
}

/* Whether @below lies below directory @above. */
static bool path_below(const char *below, const char *above)
{
	size_t n = strlen(above);

	return !strncmp(below, above, n) && below[n] == '/';
}

/*
 * Add the path at @n; @own is where this file's paths begin: a path given
 * twice in one file is an error, one an include gave already is the same
 * protection (the union).
 */
static int add_protect_path(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n, size_t own)
{
	struct svp_protect *pr = &c->p->protect;
	const char *s = svp_ydoc_str(n);
	struct svp_loc at = svp_ydoc_loc(d, n);
	struct svp_protect_path *np;
	char msg[SVP_PROTECT_PATH_MAX + 96], fix[SVP_PROTECT_PATH_MAX + 96];
	size_t i;

	if (!s)
		return err_at(d, n, "write an absolute path such as /etc/passwd",
			      "a protected path must be a string");
	if (!protect_path_ok(s, msg, sizeof(msg), fix, sizeof(fix))) {
		svp_diag_error(&at, fix, "%s", msg);
		return -EINVAL;
	}
	for (i = 0; i < pr->nr_paths; i++) {
		const struct svp_protect_path *o = &pr->paths[i];

		if (!strcmp(o->path, s)) {
			if (i < own)
				return 0;	/* an include protects it already */
			svp_diag_error(&at, "keep one of the two", "path \"%s\" given twice", s);
			svp_diag_note(&o->loc, "first given here");
			return -EINVAL;
		}
		if (path_below(s, o->path) || path_below(o->path, s)) {
			const char *lo = path_below(s, o->path) ? s : o->path;

			svp_diag_warning(&at, "remove the longer path: a protected directory protects "
					 "everything below it", "\"%s\" lies below \"%s\"", lo,
					 lo == s ? o->path : s);
			svp_diag_note(&o->loc, "\"%s\" given here", o->path);
		}
	}
	if (pr->nr_paths == SVP_PROTECT_MAX_PATHS) {
		svp_diag_error(&at, "protect a directory above several of them: it protects "
			       "everything below it", "more than %d protected paths", SVP_PROTECT_MAX_PATHS);
		return -E2BIG;
	}
	np = realloc(pr->paths, (pr->nr_paths + 1) * sizeof(*np));
	if (!np)
		return -ENOMEM;
	pr->paths = np;
	np[pr->nr_paths].path = strdup(s);
	np[pr->nr_paths].loc = at;
	if (!np[pr->nr_paths].path)
		return -ENOMEM;
	pr->nr_paths++;
	return 0;
}

static int parse_protect_paths(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n)
{
	size_t own = c->p->protect.nr_paths;
	yaml_node_item_t *it;
	int ret, bad = 0;

	if (n->type == YAML_SCALAR_NODE)
		return add_protect_path(c, d, n, own);
	if (n->type != YAML_SEQUENCE_NODE)
		return err_at(d, n, "write a list: paths: [/etc/passwd, /etc/shadow]",
			      "paths must be a list");
	if (n->data.sequence.items.start == n->data.sequence.items.top)
		return err_at(d, n, "name at least one file or directory, or remove protect",
			      "empty paths list");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		ret = add_protect_path(c, d, svp_ydoc_node(d, *it), own);
		if (ret == -ENOMEM)
			return ret;
		if (ret)
			bad = -EINVAL;
		if (ret == -E2BIG)
			break;	/* said once */
	}
	return bad;
}

/* The operations of deny: into @ops. */
static int parse_protect_ops(struct svp_ydoc *d, yaml_node_t *n, uint32_t *ops)
{
	const char *words[ARRAY_LEN(svp_protect_ops) + 2];
	yaml_node_item_t *it, *one = NULL;
	char known[160], fix[192];
	size_t i, nr;
	int bad = 0;

	for (i = 0; i < svp_nr_protect_ops; i++)
		words[i] = svp_protect_ops[i].name;
	words[i++] = "all";
	words[i] = NULL;
	if (n->type == YAML_SCALAR_NODE) {
		it = NULL;
		nr = 1;
	} else if (n->type == YAML_SEQUENCE_NODE) {
		it = n->data.sequence.items.start;
		nr = n->data.sequence.items.top - it;
	} else {
		return err_at(d, n, "write a list: deny: [all], or deny: [remove, rename, write]",
			      "deny must be a list");
	}
	protect_ops_words(known, sizeof(known));
	if (!nr) {
		snprintf(fix, sizeof(fix), "name the operations to refuse: %s", known);
		return err_at(d, n, fix, "empty deny list");
	}
	for (i = 0; i < nr; i++) {
		yaml_node_t *o = it ? svp_ydoc_node(d, it[i]) : n;
		const char *s = svp_ydoc_str(o);
		struct svp_loc at = svp_ydoc_loc(d, o);
		char sugg[128];
		size_t k;

		for (k = 0; s && words[k] && strcmp(words[k], s); k++)
			;
		if (!s || !words[k]) {
			svp_words_suggest(s ? s : "", words, sugg, sizeof(sugg));
			if (sugg[0])
				snprintf(fix, sizeof(fix), "did you mean %s?", sugg);
			else
				snprintf(fix, sizeof(fix), "use %s", known);
			svp_diag_error(&at, fix, "unknown operation \"%s\"", s ? s : "");
			bad = -EINVAL;
			continue;
		}
		if (k == svp_nr_protect_ops && nr > 1) {
			svp_diag_error(&at, "write deny: [all] alone, or list the operations without all",
				       "all with other operations");
			bad = -EINVAL;
			continue;
		}
		if (k == svp_nr_protect_ops) {
			*ops |= svp_protect_all;
			continue;
		}
		for (one = it; one && one < it + i; one++) {
			const char *prev = svp_ydoc_str(svp_ydoc_node(d, *one));

			if (prev && !strcmp(prev, s)) {
				struct svp_loc first = svp_ydoc_loc(d, svp_ydoc_node(d, *one));

				svp_diag_error(&at, "keep one of the two", "operation \"%s\" given twice", s);
				svp_diag_note(&first, "first given here");
				bad = -EINVAL;
				break;
			}
		}
		*ops |= svp_protect_ops[k].bit;
	}
	return bad;
}

/*
 * protect: at @key (its value @n). Several files may have one: their paths
 * and operations add up; errno and log, where two files give them, must
 * be the same.
 */
static int parse_protect(struct ctx *c, struct svp_ydoc *d, yaml_node_t *key, yaml_node_t *n)
{
	struct svp_protect *pr = &c->p->protect;
	yaml_node_t *pn, *dn, *en, *ln;
	int bad = 0, e;
	bool log;

	if (n->type != YAML_MAPPING_NODE)
		return err_at(d, n, "write protect: {paths: [/etc/passwd], deny: [all]}",
			      "protect must be a mapping");
	if (check_keys(d, n, protect_keys, "protect"))
		return -EINVAL;
	/* the profile's own protect: where it has one, else the first include's */
	if (!pr->loc.line || !c->depth)
		pr->loc = svp_ydoc_loc(d, key);
	pn = svp_ydoc_get(d, n, "paths");
	dn = svp_ydoc_get(d, n, "deny");
	en = svp_ydoc_get(d, n, "errno");
	ln = svp_ydoc_get(d, n, "log");
	if (!pn)
		bad |= err_at(d, key, "add paths: [/ABSOLUTE/PATH, ...]", "protect without paths");
	else if (parse_protect_paths(c, d, pn))
		bad = -EINVAL;
	if (!dn) {
		char ops[128], fix[192];

		svp_protect_ops_text(svp_protect_all, ops, sizeof(ops));
		snprintf(fix, sizeof(fix), "add deny: [all], or the operations to refuse (%s)", ops);
		bad |= err_at(d, key, fix, "protect without deny");
	} else if (parse_protect_ops(d, dn, &pr->ops))
		bad = -EINVAL;
	if (en && get_errno(d, en, &e)) {
		bad = -EINVAL;
	} else if (en && pr->errno_loc.line && e != pr->action.value) {
		struct svp_loc at = svp_ydoc_loc(d, en);
		const char *was = svp_errno_name(pr->action.value);

		svp_diag_error(&at, "give the same errno in both files, or in one of them only",
			       "protect: errno %s conflicts with %s given at %s:%d",
			       svp_ydoc_str(en), was ? was : "another", pr->errno_loc.file, pr->errno_loc.line);
		svp_diag_note(&pr->errno_loc, "the other errno");
		bad = -EINVAL;
	} else if (en && !pr->errno_loc.line) {
		pr->action.value = e;
		pr->errno_loc = svp_ydoc_loc(d, en);
	}
	if (ln && get_bool(d, ln, "log", &log)) {
		bad = -EINVAL;
	} else if (ln && pr->log_loc.line && log != (pr->action.act == SVP_ACT_DENY_LOG)) {
		struct svp_loc at = svp_ydoc_loc(d, ln);

		svp_diag_error(&at, "give the same log in both files, or in one of them only",
			       "protect: log %s conflicts with log %s given at %s:%d",
			       log ? "true" : "false", log ? "false" : "true", pr->log_loc.file,
			       pr->log_loc.line);
		svp_diag_note(&pr->log_loc, "the other log");
		bad = -EINVAL;
	} else if (ln && !pr->log_loc.line) {
		pr->action.act = log ? SVP_ACT_DENY_LOG : SVP_ACT_DENY;
		pr->log_loc = svp_ydoc_loc(d, ln);
	}
	return bad;
}

static int load_file(struct ctx *c, const char *path, const char *text, size_t len,
		     const struct svp_loc *from);

static int include_one(struct ctx *c, struct svp_ydoc *d, yaml_node_t *one)
{
	_cleanup_free_ char *text = NULL, *path = NULL;
	struct svp_loc at = svp_ydoc_loc(d, one);
	size_t len;
	int ret;

	if (!svp_ydoc_str(one))
		return err_at(d, one, "write the file name", "an include must be a file name");
	if (!c->allow_include)
		return err_at(d, one, "load the profile from a file", "include is not available here");
	path = relative_to(d->file, svp_ydoc_str(one));
	if (!path)
		return -ENOMEM;
	ret = svp_read_file(path, &text, &len);
	if (ret) {
		svp_diag_error(&at, "name a profile file relative to this one",
			       "cannot read %s: %s", path, strerror(-ret));
		return -EINVAL;
	}
	return load_file(c, path, text, len, &at);
}

static int parse_include(struct ctx *c, struct svp_ydoc *d, yaml_node_t *n)
{
	yaml_node_item_t *it;
	int ret;

	if (n->type == YAML_SCALAR_NODE)
		return include_one(c, d, n);
	if (n->type != YAML_SEQUENCE_NODE)
		return err_at(d, n, "write include: other.yaml or a list of files",
			      "include must be a file name or a list");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		ret = include_one(c, d, svp_ydoc_node(d, *it));
		if (ret)
			return ret;
	}
	return 0;
}

static int load_file(struct ctx *c, const char *path, const char *text, size_t len,
		     const struct svp_loc *from)
{
	struct svp_profile *p = c->p;
	struct svp_ydoc d;
	yaml_node_t *root, *v;
	yaml_node_item_t *it;
	char real[PATH_MAX];
	int ret, bad = 0, i;

	if (c->allow_include) {
		if (!realpath(path, real))
			snprintf(real, sizeof(real), "%s", path);
		for (i = 0; i < c->depth; i++) {
			if (!strcmp(c->stack[i], real)) {
				svp_diag_error(from, "remove one of the includes", "%s includes itself", path);
				return -EINVAL;
			}
		}
		if (c->depth > SVP_PROFILE_MAX_INCLUDE_DEPTH) {
			svp_diag_error(from, "flatten the includes", "includes nested more than %d deep",
				       SVP_PROFILE_MAX_INCLUDE_DEPTH);
			return -EINVAL;
		}
		c->stack[c->depth] = strdup(real);
		if (!c->stack[c->depth])
			return -ENOMEM;
	}
	ret = add_file(c, path, text, len);
	if (ret)
		goto out;
	ret = svp_ydoc_load(&d, path, text, len);
	if (ret)
		goto out_doc;
	root = svp_ydoc_root(&d);
	if (root->type != YAML_MAPPING_NODE) {
		ret = err_at(&d, root, "a profile is a mapping with name, default and rules",
			     "not a profile");
		goto out_doc;
	}
	ret = check_keys(&d, root, top_keys, "profile");
	if (ret)
		goto out_doc;

	/* The including file's own settings win over those of its includes,
	 * so includes are read first and then overwritten. */
	v = svp_ydoc_get(&d, root, "include");
	if (v) {
		c->depth++;
		ret = parse_include(c, &d, v);
		c->depth--;
		if (ret)
			goto out_doc;
	}
	/* Check every setting, so that one run reports every problem. */
	if (c->depth == 0) {
		v = svp_ydoc_get(&d, root, "name");
		if (!v)
			bad |= err_at(&d, root, "add name: NAME (letters, digits, - and _)",
				      "profile without a name");
		else if (get_string(&d, v, "name", &p->name))
			bad = -EINVAL;
		else if (!svp_profile_name_valid(p->name))
			bad |= err_at(&d, v, "use 1 to 48 letters, digits, - and _, starting with a letter",
				      "\"%s\" is not a valid profile name", p->name);
	}
	/* Only the profile itself says what it is and how it runs. */
	v = c->depth ? NULL : svp_ydoc_get(&d, root, "version");
	if (v && get_string(&d, v, "version", &p->version)) {
		bad = -EINVAL;
	} else if (v && !word_of(p->version, "._~-", SVP_PROFILE_VERSION_MAX)) {
		bad |= err_at(&d, v, "use up to 40 letters, digits and . _ ~ -",
			      "\"%s\" is not a valid version", p->version);
	}
	v = c->depth ? NULL : svp_ydoc_get(&d, root, "description");
	if (v && get_string(&d, v, "description", &p->description))
		bad = -EINVAL;
	v = svp_ydoc_get(&d, root, "default");
	if (v) {
		if (get_default(&d, v, &p->dflt))
			bad = -EINVAL;
		p->have_dflt = true;
	}
	v = c->depth ? NULL : svp_ydoc_get(&d, root, "complain");
	if (v && get_bool(&d, v, "complain", &p->complain))
		bad = -EINVAL;
	v = c->depth ? NULL : svp_ydoc_get(&d, root, "io_uring");
	if (v && get_bool(&d, v, "io_uring", &p->io_uring))
		bad = -EINVAL;
	v = svp_ydoc_get(&d, root, "rules");
	if (v && v->type != YAML_SEQUENCE_NODE) {
		bad |= err_at(&d, v, "write rules as a list of - {syscalls: [...], action: ...}",
			      "rules must be a list");
		v = NULL;
	}
	if (v) {
		size_t n = v->data.sequence.items.top - v->data.sequence.items.start;
		struct svp_rule *nr = realloc(p->rules, (p->nr_rules + n) * sizeof(*nr));
		int bad_rules = 0;

		if (!nr && n) {
			ret = -ENOMEM;
			goto out_doc;
		}
		p->rules = nr;
		for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
			struct svp_rule *r = &p->rules[p->nr_rules++];

			memset(r, 0, sizeof(*r));
			if (parse_rule(c, &d, svp_ydoc_node(&d, *it), r))
				bad_rules = 1;
		}
		if (bad_rules)
			bad = -EINVAL;
	}
	v = svp_ydoc_get(&d, root, "protect");
	if (v && parse_protect(c, &d, key_node(&d, root, "protect"), v))
		bad = -EINVAL;
	/* The kernel has no log-only protection in a vector: complain mode
	 * for it is the attach's (svrun --complain). */
	v = c->depth ? NULL : svp_ydoc_get(&d, root, "complain");
	if (v && p->complain && p->protect.nr_paths) {
		struct svp_loc at = svp_ydoc_loc(&d, v);

		svp_diag_error(&at, "remove complain: true and run the profile with svrun --complain, "
			       "which logs what the vector would refuse, protected files included, "
			       "and refuses nothing", "complain: true cannot make protect log-only");
		svp_diag_note(&p->protect.loc, "protect given here");
		bad = -EINVAL;
	}
	if (c->depth == 0 && !p->have_dflt) {
		char words[96], fix[128];

		action_words_text(words, sizeof(words), "deny", ", ", ", ");
		snprintf(fix, sizeof(fix), "add default: deny (or %s)", words);
		bad |= err_at(&d, root, fix, "profile without a default action");
	}
	if (!ret)
		ret = bad;
out_doc:
	svp_ydoc_free(&d);
out:
	if (c->allow_include) {
		free(c->stack[c->depth]);
		c->stack[c->depth] = NULL;
	}
	return ret;
}

static int finish(struct ctx *c, int ret)
{
	struct svp_profile *p = c->p;
	uint8_t digest[32];
	int i;

	if (ret) {
		svp_profile_free(p);
		return ret;
	}
	if (!p->version)
		p->version = strdup("0");
	if (p->protect.nr_paths) {
		struct svp_protect *pr = &p->protect;

		if (!pr->log_loc.line)
			pr->action.act = SVP_ACT_DENY;
		if (!pr->errno_loc.line)
			pr->action.value = EACCES;
		pr->action.loc = pr->loc;
	}
	svp_sha256_final(&c->hash, digest);
	p->hash = malloc(65);
	if (!p->version || !p->hash) {
		svp_profile_free(p);
		return -ENOMEM;
	}
	for (i = 0; i < 32; i++)
		snprintf(p->hash + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

int svp_profile_load(const char *path, struct svp_profile *p)
{
	_cleanup_free_ char *text = NULL;
	struct ctx c = { .p = p, .allow_include = true };
	size_t len;
	int ret;

	memset(p, 0, sizeof(*p));
	svp_sha256_init(&c.hash);
	ret = svp_read_file(path, &text, &len);
	if (ret) {
		struct svp_loc at = { path, 0, 0, 0 };

		svp_diag_error(&at, ret == -ENOENT ? "check the file name" : NULL,
			       "cannot read: %s", strerror(-ret));
		return -EINVAL;
	}
	return finish(&c, load_file(&c, path, text, len, NULL));
}

int svp_profile_load_buffer(const char *name, const char *text, size_t len, struct svp_profile *p)
{
	struct ctx c = { .p = p, .allow_include = false };

	memset(p, 0, sizeof(*p));
	svp_sha256_init(&c.hash);
	return finish(&c, load_file(&c, name, text, len, NULL));
}

void svp_profile_free(struct svp_profile *p)
{
	size_t i, j;

	for (i = 0; i < p->nr_rules; i++) {
		struct svp_rule *r = &p->rules[i];

		for (j = 0; j < r->nr_targets; j++)
			free(r->targets[j].name);
		free(r->targets);
		if (r->hook) {
			free(r->hook->handler);
			free(r->hook->post);
			free(r->hook->source);
			free(r->hook->source_name);
			free(r->hook);
		}
	}
	for (i = 0; i < p->protect.nr_paths; i++)
		free(p->protect.paths[i].path);
	free(p->protect.paths);
	for (i = 0; i < p->nr_files; i++)
		free(p->files[i]);
	free(p->files);
	for (i = 0; i < p->nr_sources; i++)
		free(p->sources[i]);
	free(p->sources);
	free(p->rules);
	free(p->name);
	free(p->version);
	free(p->description);
	free(p->hash);
	memset(p, 0, sizeof(*p));
}
