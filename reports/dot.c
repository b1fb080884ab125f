/* dot.c — a view as a cgraph graph: nodes, clusters, edges and their
 * attributes, with every name escaped for Graphviz; DOT text output. */
#include "dot.h"
#include <graphviz/cgraph.h>
#include <math.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p, 0 when it is not one. */
static int utf8_len(const unsigned char *p)
{
	int n = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (n == 2 && p[0] < 0xc2)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Graphviz reads backslashes in labels and tooltips as escapes (\N, \l):
 * `esc` doubles them and turns newlines into "\n". Control bytes and
 * broken UTF-8 become U+FFFD, so any name survives DOT, SVG and HTML. */
static const char *clean(struct strbuf *sb, const char *s, bool esc)
{
	strbuf_reset(sb);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n = utf8_len(p);
		if (esc && *p == '\\')
			strbuf_addstr(sb, "\\\\");
		else if (esc && *p == '\n')
			strbuf_addstr(sb, "\\n");
		else if (n == 0 || *p < 0x20 || *p == 0x7f)
			strbuf_addstr(sb, "\xef\xbf\xbd");
		else
			strbuf_add(sb, p, (size_t)n);
		p += n ? n : 1;
	}
	return strbuf_str(sb);
}

/* ---- object ids in creation order --------------------------------------
 * cgraph's default id discipline uses the address of a name's string as
 * its id and writes subgraphs in id order, so clusters would come out in
 * heap order. This one numbers names as they are first seen. */

struct name_ids {
	Agraph_t *g;
	struct hashmap index;  /* name -> position in names */
	VEC(char *) names;     /* cgraph's reference-counted strings (agstrdup) */
	IDTYPE anonymous;
};

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	struct name_ids *s = xcalloc(1, sizeof(*s));
	s->g = g;
	hashmap_init(&s->index, false);
	return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct name_ids *s = state;
	uint32_t i;
	(void)objtype;
	if (!str) {
		*id = 2 * s->anonymous++ + 1;
		return 1;
	}
	if (!hashmap_get(&s->index, str, &i)) {
		if (!createflag)
			return 0;
		i = (uint32_t)s->names.n;
		VEC_PUSH(s->names, agstrdup(s->g, str)); /* agwrite asks cgraph whether it is HTML */
		hashmap_put(&s->index, s->names.v[i], i);
	}
	*id = 2 * (IDTYPE)i + 2;
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id;
	return 0;
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	struct name_ids *s = state;
	(void)objtype;
	return id % 2 == 0 && id / 2 - 1 < s->names.n ? s->names.v[id / 2 - 1] : NULL;
}

/* cgraph 2.42 frees a root graph's heap without calling the id
 * discipline's close: dot_graph_close() frees the state instead. */
static void ids_close(void *state)
{
	(void)state;
}

static void ids_release(struct name_ids *s)
{
	VEC_FREE(s->names); /* the strings go with the graph's string table */
	hashmap_release(&s->index);
	free(s);
}

void dot_graph_close(Agraph_t *g)
{
	struct name_ids *s = g->clos->state.id;
	agclose(g);
	ids_release(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state, (void)objtype, (void)obj;
}

static const Agiddisc_t name_id_disc = { ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register };

/* ---- attributes ---------------------------------------------------------- */

static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

/* Sets an escaped string attribute (label, tooltip). */
static void set_text(void *obj, const char *name, const char *value, struct strbuf *tmp)
{
	set(obj, name, clean(tmp, value, true));
}

static void graph_defaults(Agraph_t *g, const struct view *v)
{
	agattr(g, AGRAPH, "rankdir", v->kind == VIEW_SERVICE_MAP ? "TB" : "LR");
	agattr(g, AGRAPH, "newrank", "true"); /* 2.42 fails to route some cluster edges without it */
	agattr(g, AGRAPH, "fontname", "Helvetica");
	agattr(g, AGRAPH, "fontsize", "12");
	agattr(g, AGRAPH, "labelloc", "t");
	agattr(g, AGRAPH, "outputorder", "edgesfirst");
	agattr(g, AGRAPH, "nodesep", "0.15");
	agattr(g, AGRAPH, "ranksep", "0.5");
	agattr(g, AGNODE, "shape", "box");
	agattr(g, AGNODE, "style", "rounded,filled");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGNODE, "fontsize", "10");
	agattr(g, AGNODE, "height", "0.3");
	agattr(g, AGEDGE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "fontsize", "9");
	agattr(g, AGEDGE, "arrowsize", "0.6");
	agattr(g, AGEDGE, "color", "#555555");
}

static void graph_label(Agraph_t *g, const struct view *v, struct strbuf *tmp)
{
	struct strbuf label = STRBUF_INIT;
	strbuf_addstr(&label, v->title ? v->title : v->name);
	for (size_t i = 0; i < v->notes.n; i++)
		strbuf_addf(&label, "\n%s", v->notes.v[i]);
	set_text(g, "label", strbuf_str(&label), tmp);
	strbuf_release(&label);
}

/* The graph a node belongs in: its service's cluster, made on first use. */
static Agraph_t *cluster_of(Agraph_t *g, const struct view_node *n, struct strbuf *tmp)
{
	if (!n->cluster)
		return g;
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "cluster %s", clean(tmp, n->cluster, false));
	Agraph_t *sub = agsubg(g, name.buf, 0);
	if (!sub) {
		sub = agsubg(g, name.buf, 1);
		set_text(sub, "label", n->cluster, tmp);
		set(sub, "style", "rounded,filled");
		set(sub, "fillcolor", "#f1f3f5");
		set(sub, "color", "#adb5bd");
	}
	strbuf_release(&name);
	return sub;
}

static void add_node(Agraph_t *g, const struct view *v, size_t i, struct strbuf *tmp, Agnode_t **nodes)
{
	const struct view_node *n = &v->nodes.v[i];
	Agraph_t *in = cluster_of(g, n, tmp);
	Agnode_t *an = agnode(in, (char *)clean(tmp, n->key, false), 1);
	nodes[i] = an;
	struct strbuf id = STRBUF_INIT;
	strbuf_addf(&id, "%s_n%zu", v->name, i);
	set(an, "id", id.buf);
	strbuf_release(&id);
	set_text(an, "label", n->label, tmp);
	set_text(an, "tooltip", n->tooltip ? n->tooltip : n->label, tmp);
	set(an, "fillcolor", n->fill ? n->fill : "#ffffff");
	if (strcmp(n->shape, "box") != 0) {
		set(an, "shape", n->shape);
		set(an, "style", "filled");
	}
	if (n->focus)
		set(an, "penwidth", "3");
}

static void edge_look(Agedge_t *e, const struct view_edge *ve)
{
	static const char *const colours[] = { "#555555", "#999999", "#d62828", "#1d70b8", "#d62828" };
	static const char *const styles[] = { "solid", "dashed", "solid", "dashed", "dashed" };
	struct strbuf width = STRBUF_INIT;
	double w = 0.8 + 0.6 * log2((double)ve->weight);
	strbuf_addf(&width, "%.1f", w > 4.0 ? 4.0 : w);
	set(e, "penwidth", width.buf);
	strbuf_release(&width);
	set(e, "color", colours[ve->kind]);
	set(e, "style", styles[ve->kind]);
	if (ve->kind == EDGE_STATE)
		set(e, "fontcolor", colours[ve->kind]);
}

static void add_edge(Agraph_t *g, const struct view *v, size_t i, Agnode_t **nodes, struct strbuf *tmp)
{
	const struct view_edge *ve = &v->edges.v[i];
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "%s_e%u_%u_%zu", v->name, ve->from, ve->to, i);
	Agedge_t *e = agedge(g, nodes[ve->from], nodes[ve->to], name.buf, 1);
	set(e, "id", name.buf);
	edge_look(e, ve);
	strbuf_reset(&name);
	static const char *const verbs[] = { "call", "include", "write", "read", "state access" };
	if (ve->label)
		strbuf_addstr(&name, ve->label);
	else
		strbuf_addf(&name, "%u %s%s", ve->weight, verbs[ve->kind], ve->weight == 1 ? "" : ve->kind == EDGE_STATE ? "es" : "s");
	/* Labels cost dot a virtual node each: only the service map, which has
	 * few edges, prints them; elsewhere width shows weight, the tooltip says it. */
	set_text(e, v->kind == VIEW_SERVICE_MAP ? "label" : "tooltip", name.buf, tmp);
	strbuf_release(&name);
}

Agraph_t *dot_graph(const struct view *v)
{
	Agdisc_t disc = { &AgMemDisc, (Agiddisc_t *)&name_id_disc, &AgIoDisc };
	Agraph_t *g = agopen((char *)v->name, Agdirected, &disc);
	struct strbuf tmp = STRBUF_INIT;
	graph_defaults(g, v);
	graph_label(g, v, &tmp);
	Agnode_t **nodes = xcalloc(v->nodes.n + 1, sizeof(*nodes));
	for (size_t i = 0; i < v->nodes.n; i++)
		add_node(g, v, i, &tmp, nodes);
	for (size_t i = 0; i < v->edges.n; i++)
		add_edge(g, v, i, nodes, &tmp);
	free(nodes);
	strbuf_release(&tmp);
	return g;
}

/* DOT text as a cgraph input channel, handed out a line at a time (as
 * cgraph's own file and memory readers do). */
struct dot_text {
	const char *p, *end;
};

static int text_read(void *chan, char *buf, int bufsize)
{
	struct dot_text *t = chan;
	int n = 0;
	while (n < bufsize - 1 && t->p < t->end) {
		char c = *t->p++;
		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return n;
}

static int put_nothing(void *chan, const char *str)
{
	(void)chan, (void)str;
	return -1;
}

static int flush_nothing(void *chan);

Agraph_t *dot_read(const char *text, size_t len)
{
	/* the graph keeps pointers to its disciplines: none may live on the stack */
	static const Agiodisc_t text_io = { text_read, put_nothing, flush_nothing };
	static const Agdisc_t disc = { &AgMemDisc, (Agiddisc_t *)&name_id_disc, (Agiodisc_t *)&text_io };
	struct dot_text t = { text, text + len };
	return agread(&t, (Agdisc_t *)&disc);
}

static int put_strbuf(void *chan, const char *str)
{
	strbuf_addstr(chan, str);
	return 0;
}

static int flush_nothing(void *chan)
{
	(void)chan;
	return 0;
}

void dot_write(const struct view *v, struct strbuf *out)
{
	Agraph_t *g = dot_graph(v);
	Agiodisc_t io = { NULL, put_strbuf, flush_nothing };
	Agiodisc_t *saved = g->clos->disc.io;
	g->clos->disc.io = &io;
	agwrite(g, out);
	g->clos->disc.io = saved;
	dot_graph_close(g);
}

const char *dot_format_of_path(const char *path)
{
	static const char *const formats[] = { "dot", "gv", "svg", "png", "pdf" };
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(dot + 1, formats[i]) == 0)
			return i < 2 ? "dot" : formats[i];
	return NULL;
}
