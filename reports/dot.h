/* dot.h — views as Graphviz graphs: DOT text for users' own tools, and
 * laid-out drawings (SVG, PNG, PDF) rendered in-process with gvc.
 * Only reports/dot.c and reports/render.c touch Graphviz.
 * Ownership: output is appended to the caller's strbuf; a renderer holds
 * one Graphviz context and its cache's folder name, freed by renderer_free(). */
#ifndef SEAM_DOT_H
#define SEAM_DOT_H
#include "view.h"

struct Agraph_s;

/* The view as a cgraph graph (node and edge attributes set, labels
 * escaped); the caller closes it with dot_graph_close(), not agclose(). */
struct Agraph_s *dot_graph(const struct view *v);
void dot_graph_close(struct Agraph_s *g);
/* DOT text (as dot_write() makes it) parsed back into a cgraph graph, or
 * NULL when it is not DOT. Objects get ids in the order they are first
 * seen, which is the order the dot command lays them out in (cgraph's
 * default ids are string addresses: heap order in a long-lived process).
 * The caller closes it with dot_graph_close(). */
struct Agraph_s *dot_read(const char *text, size_t len);
/* The view as DOT text (not laid out). */
void dot_write(const struct view *v, struct strbuf *out);
/* "dot", "svg", "png" or "pdf" from a file name's extension, else NULL. */
const char *dot_format_of_path(const char *path);

/* A renderer lays views out with one Graphviz context. With a cache folder
 * it keeps every drawing there (reports/render.c says under which key) and
 * takes it from there when the same DOT text comes again. */
struct renderer;
struct render_stats {
	unsigned drawn, cached; /* laid out now; taken from the cache */
};
/* cache_dir: where drawings are kept (made on the first store), or NULL. */
struct renderer *renderer_new(const char *cache_dir);
void renderer_free(struct renderer *r);
/* Lays the view out and renders it in `format` ("dot" writes DOT text).
 * Returns 0, or -1 with a message in err. A cache entry that fails its
 * checks is drawn again and replaced; that, and a cache that cannot be
 * written (the renderer then stops trying), add a warning. */
int renderer_render(struct renderer *r, const struct view *v, const char *format, struct strbuf *out,
		    struct strbuf *err);
/* The same from the view's DOT text (dot_write's): what a caller that also
 * writes the DOT uses, so the drawing is made from exactly those bytes.
 * name: the view's, for messages. */
int renderer_render_dot(struct renderer *r, const char *name, const struct strbuf *dot, const char *format,
			struct strbuf *out, struct strbuf *err);
const struct render_stats *renderer_stats(const struct renderer *r);
/* The warnings so far, one a line ("" when none), then forgotten. */
void renderer_take_warnings(struct renderer *r, struct strbuf *out);

#endif
