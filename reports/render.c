/* render.c — laying views out and rendering them with Graphviz's gvc,
 * in-process: dot for every view (deterministic for the same input). */
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

int renderer_render(struct renderer *r, const struct view *v, const char *format, struct strbuf *out,
		    struct strbuf *err)
{
	if (strcmp(format, "dot") == 0) {
		dot_write(v, out);
		return 0;
	}
	Agraph_t *g = dot_graph(v);
	int rc = gvLayout(r->gvc, g, "dot");
	char *data = NULL;
	unsigned int len = 0;
	if (rc == 0) {
		rc = gvRenderData(r->gvc, g, format, &data, &len);
		gvFreeLayout(r->gvc, g);
	}
	if (rc == 0)
		strbuf_add(out, data, len);
	else
		strbuf_addf(err, "Graphviz could not lay out or render the %s view as %s", v->name, format);
	if (data)
		gvFreeRenderData(data);
	dot_graph_close(g);
	return rc == 0 ? 0 : -1;
}
