// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Syscall groups. They are data: groups.yaml, embedded at build time
 * (gen-groups.sh), loaded on first use with the same YAML loader as
 * profiles.
 */
#include <errno.h>
#include <string.h>
#include "profile.h"
#include "groups_text.h"

static struct svp_group *groups;
static size_t nr_groups;
static bool loaded;

static int load(void)
{
	struct svp_ydoc d;
	yaml_node_t *root;
	yaml_node_pair_t *pair;
	int ret;

	ret = svp_ydoc_load(&d, "<built-in groups.yaml>", groups_yaml, sizeof(groups_yaml) - 1);
	if (ret)
		goto out;
	root = svp_ydoc_root(&d);
	ret = -EINVAL;
	if (root->type != YAML_MAPPING_NODE)
		goto out;
	groups = calloc(root->data.mapping.pairs.top - root->data.mapping.pairs.start,
			sizeof(*groups));
	if (!groups) {
		ret = -ENOMEM;
		goto out;
	}
	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = svp_ydoc_node(&d, pair->key), *v = svp_ydoc_node(&d, pair->value);
		struct svp_group *g = &groups[nr_groups];
		yaml_node_pair_t *f;
		yaml_node_item_t *it;

		if (!svp_ydoc_str(k) || v->type != YAML_MAPPING_NODE)
			goto out;
		g->name = strdup(svp_ydoc_str(k));
		for (f = v->data.mapping.pairs.start; f < v->data.mapping.pairs.top; f++) {
			const char *fk = svp_ydoc_str(svp_ydoc_node(&d, f->key));
			yaml_node_t *fv = svp_ydoc_node(&d, f->value);

			if (fk && !strcmp(fk, "help") && svp_ydoc_str(fv)) {
				g->help = strdup(svp_ydoc_str(fv));
			} else if (fk && !strcmp(fk, "syscalls") && fv->type == YAML_SEQUENCE_NODE) {
				g->syscalls = calloc(fv->data.sequence.items.top -
						     fv->data.sequence.items.start + 1,
						     sizeof(char *));
				if (!g->syscalls) {
					ret = -ENOMEM;
					goto out;
				}
				for (it = fv->data.sequence.items.start;
				     it < fv->data.sequence.items.top; it++) {
					const char *s = svp_ydoc_str(svp_ydoc_node(&d, *it));

					if (!s)
						goto out;
					g->syscalls[g->nr++] = strdup(s);
				}
			} else {
				goto out;
			}
		}
		nr_groups++;
		if (!g->name || !g->help || !g->nr)
			goto out;
	}
	ret = 0;
out:
	svp_ydoc_free(&d);
	return ret;
}

int svp_groups_load(const struct svp_group **out, size_t *nr)
{
	if (!loaded) {
		int ret = load();

		if (ret) {
			fprintf(stderr, "policyc: internal error: the embedded groups.yaml is malformed\n");
			return ret;
		}
		loaded = true;
	}
	*out = groups;
	*nr = nr_groups;
	return 0;
}

const struct svp_group *svp_group_find(const char *name)
{
	const struct svp_group *g;
	size_t n, i;

	if (svp_groups_load(&g, &n))
		return NULL;
	for (i = 0; i < n; i++)
		if (!strcmp(g[i].name, name))
			return &g[i];
	return NULL;
}

void svp_groups_suggest(const char *name, char *out, size_t outlen)
{
	const struct svp_group *g;
	const char *words[64];
	size_t n, i;

	out[0] = 0;
	if (svp_groups_load(&g, &n))
		return;
	for (i = 0; i < n && i < ARRAY_LEN(words) - 1; i++)
		words[i] = g[i].name;
	words[i] = NULL;
	svp_words_suggest(name, words, out, outlen);
}
