/* render.c — laying views out and rendering them with Graphviz's gvc,
 * in-process, from the DOT text seam writes: the drawing is the one
 * `dot -Tsvg views/X.dot` makes (deterministic for the same input). */
#include "dot.h"
#include <graphviz/gvc.h>
#include <string.h>

struct renderer {
	GVC_t *gvc;
};

struct renderer *renderer_new(void)
{
	struct renderer *r = xcalloc(1, sizeof(*r));
	agseterr(AGERR); /* Graphviz's own warnings (font fallbacks) stay quiet */
	r->gvc = gvContext();
	return r;
}

void renderer_free(struct renderer *r)
{
	if (!r)
		return;
	gvFreeContext(r->gvc);
	free(r);
}

/* DOT text -> laid out and rendered in `format`, appended to out. The text
 * is parsed back (dot_read) so that nodes, edges and clusters come in the
 * order the dot command sees them: the drawing is `dot -T<format>`'s. */
static int render_dot_text(struct renderer *r, const char *name, const struct strbuf *dot, const char *format,
			   struct strbuf *out, struct strbuf *err)
{
	Agraph_t *g = dot_read(strbuf_str(dot), dot->len);
	char *data = NULL;
	unsigned int len = 0;
	int rc = g ? gvLayout(r->gvc, g, "dot") : -1;
	if (rc == 0) {
		rc = gvRenderData(r->gvc, g, format, &data, &len);
		gvFreeLayout(r->gvc, g);
	}
	if (rc == 0)
		strbuf_add(out, data, len);
	else
		strbuf_addf(err, "Graphviz could not %s the %s view as %s", g ? "lay out or render" : "read back",
			    name, format);
	if (data)
		gvFreeRenderData(data);
	if (g)
		dot_graph_close(g);
	return rc == 0 ? 0 : -1;
}

int renderer_render(struct renderer *r, const struct view *v, const char *format, struct strbuf *out,
		    struct strbuf *err)
{
	if (strcmp(format, "dot") == 0) {
		dot_write(v, out);
		return 0;
	}
	struct strbuf dot = STRBUF_INIT;
	dot_write(v, &dot);
	int rc = render_dot_text(r, v->name, &dot, format, out, err);
	strbuf_release(&dot);
	return rc;
}
