// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading YAML documents with libyaml, for profiles, the group table and
 * OCI JSON (which YAML reads too).
 *
 * A first pass over the events refuses what a profile never needs and an
 * attacker could use: anchors and aliases (a few lines can expand into
 * billions of nodes), nesting deeper than SVP_YAML_MAX_DEPTH (libyaml's loader
 * recurses), more than one document, and files over SVP_YAML_MAX_SIZE. Only
 * then is the document loaded as a tree whose nodes keep their positions.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "profile.h"

int svp_read_file(const char *path, char **text, size_t *len)
{
	return svp_read_file_max(path, SVP_YAML_MAX_SIZE, text, len);
}

int svp_read_file_max(const char *path, size_t max, char **text, size_t *len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	struct stat st;
	size_t have = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	if ((size_t)st.st_size > max)
		return -EFBIG;
	buf = malloc(st.st_size + 1);
	if (!buf)
		return -ENOMEM;
	while (have < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + have, st.st_size - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		have += n;
	}
	buf[have] = 0;
	*len = have;
	*text = TAKE_PTR(buf);
	return 0;
}

const char *svp_path_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static struct svp_loc mark_loc(const char *file, yaml_mark_t m)
{
	return (struct svp_loc){ file, (int)m.line + 1, (int)m.column + 1, 1 };
}

static int syntax_error(const char *file, yaml_parser_t *p)
{
	struct svp_loc at = mark_loc(file, p->problem_mark);
	const char *ctx = p->context ? p->context : NULL;

	if (p->error == YAML_MEMORY_ERROR)
		return -ENOMEM;
	if (ctx)
		svp_diag_error(&at, "check the indentation, quotes and brackets near this point",
			       "YAML syntax: %s %s", p->problem ? p->problem : "error", ctx);
	else
		svp_diag_error(&at, "check the indentation, quotes and brackets near this point",
			       "YAML syntax: %s", p->problem ? p->problem : "error");
	return -EINVAL;
}

/* The event pass: refuse aliases, anchors, deep nesting, several documents. */
static int precheck(const char *file, const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, docs = 0, ret = 0;
	bool done = false;
	struct svp_loc at;

	if (!yaml_parser_initialize(&p))
		return -ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && !ret) {
		if (!yaml_parser_parse(&p, &ev)) {
			ret = syntax_error(file, &p);
			break;
		}
		at = mark_loc(file, ev.start_mark);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				svp_diag_error(&at, "keep one profile per file",
					       "more than one YAML document");
				ret = -EINVAL;
			}
			break;
		case YAML_ALIAS_EVENT:
			svp_diag_error(&at, "write the value out instead of referring to an anchor",
				       "YAML aliases are not supported");
			ret = -EINVAL;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor) {
				svp_diag_error(&at, "remove the anchor (&name)",
					       "YAML anchors are not supported");
				ret = -EINVAL;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if ((ev.type == YAML_SEQUENCE_START_EVENT && ev.data.sequence_start.anchor) ||
			    (ev.type == YAML_MAPPING_START_EVENT && ev.data.mapping_start.anchor)) {
				svp_diag_error(&at, "remove the anchor (&name)",
					       "YAML anchors are not supported");
				ret = -EINVAL;
			} else if (++depth > SVP_YAML_MAX_DEPTH) {
				svp_diag_error(&at, "a profile needs only a few levels of nesting",
					       "nested more than %d levels deep", SVP_YAML_MAX_DEPTH);
				ret = -EINVAL;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ret;
}

int svp_ydoc_load(struct svp_ydoc *d, const char *file, const char *text, size_t len)
{
	yaml_parser_t p;
	int ret;

	memset(d, 0, sizeof(*d));
	d->file = svp_diag_add_file(file, text, len);
	if (len > SVP_YAML_MAX_SIZE) {
		struct svp_loc at = { d->file, 0, 0, 0 };

		svp_diag_error(&at, "split it or remove unused rules", "file larger than %d bytes",
			       SVP_YAML_MAX_SIZE);
		return -EINVAL;
	}
	if (memchr(text, 0, len)) {
		struct svp_loc at = { d->file, 0, 0, 0 };

		svp_diag_error(&at, "save it as UTF-8 text", "file contains a NUL byte");
		return -EINVAL;
	}
	ret = precheck(d->file, text, len);
	if (ret)
		return ret;
	if (!yaml_parser_initialize(&p))
		return -ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &d->doc)) {
		ret = syntax_error(d->file, &p);
		yaml_parser_delete(&p);
		return ret;
	}
	yaml_parser_delete(&p);
	d->loaded = true;
	if (!yaml_document_get_root_node(&d->doc)) {
		struct svp_loc at = { d->file, 0, 0, 0 };

		svp_diag_error(&at, "write the profile's keys (name, default, rules)", "empty document");
		return -EINVAL;
	}
	return 0;
}

void svp_ydoc_free(struct svp_ydoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}

yaml_node_t *svp_ydoc_root(struct svp_ydoc *d)
{
	return yaml_document_get_root_node(&d->doc);
}

yaml_node_t *svp_ydoc_node(struct svp_ydoc *d, int id)
{
	return yaml_document_get_node(&d->doc, id);
}

struct svp_loc svp_ydoc_loc(const struct svp_ydoc *d, const yaml_node_t *n)
{
	struct svp_loc l = mark_loc(d->file, n->start_mark);

	if (n->type == YAML_SCALAR_NODE && n->end_mark.line == n->start_mark.line &&
	    n->end_mark.column > n->start_mark.column)
		l.len = n->end_mark.column - n->start_mark.column;
	return l;
}

yaml_node_t *svp_ydoc_get(struct svp_ydoc *d, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *a;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (a = map->data.mapping.pairs.start; a < map->data.mapping.pairs.top; a++) {
		const char *k = svp_ydoc_str(svp_ydoc_node(d, a->key));

		if (k && !strcmp(k, key))
			return svp_ydoc_node(d, a->value);
	}
	return NULL;
}

const char *svp_ydoc_str(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}
