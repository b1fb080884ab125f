/* render.c — laying views out and rendering them with Graphviz's gvc,
 * in-process, from the DOT text seam writes: the drawing is the one
 * `dot -Tsvg views/X.dot` makes (deterministic for the same input), kept
 * in a layout cache when the renderer has one. */
#include "blobstore.h"
#include "dot.h"
#include "hash.h"
#include <graphviz/gvc.h>
#include <string.h>

/* Bump when what is stored, or how it is made, changes. */
#define RENDER_CACHE_VERSION 1

struct renderer {
	GVC_t *gvc;
	struct blobstore cache;
	bool use_cache;
	uint64_t salt;           /* the cache version and Graphviz's */
	struct render_stats stats;
	struct strbuf warnings;
};

struct renderer *renderer_new(const char *cache_dir)
{
	struct renderer *r = xcalloc(1, sizeof(*r));
	agseterr(AGERR); /* Graphviz's own warnings (font fallbacks) stay quiet */
	r->gvc = gvContext();
	if (cache_dir) {
		blobstore_init(&r->cache, cache_dir, "layout");
		r->use_cache = true;
	}
	r->salt = hash_mix(hash_str("seam view layout", RENDER_CACHE_VERSION),
			   hash_mix(hash_str(gvcVersion(r->gvc), 1), hash_str(gvcBuildDate(r->gvc), 2)));
	return r;
}

void renderer_free(struct renderer *r)
{
	if (!r)
		return;
	gvFreeContext(r->gvc);
	blobstore_release(&r->cache);
	strbuf_release(&r->warnings);
	free(r);
}

const struct render_stats *renderer_stats(const struct renderer *r)
{
	return &r->stats;
}

void renderer_take_warnings(struct renderer *r, struct strbuf *out)
{
	strbuf_add(out, r->warnings.buf ? r->warnings.buf : "", r->warnings.len);
	strbuf_reset(&r->warnings);
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

/* A drawing is a pure function of its DOT text, the output format and
 * Graphviz (version and build); the key covers all three and the cache's
 * own version. */
static uint64_t layout_key(const struct renderer *r, const struct strbuf *dot, const char *format)
{
	return hash_mix(hash_mix(r->salt, hash_str(format, 3)), hash_bytes(dot->buf, dot->len, 4));
}

/* The drawing from the cache; false when it must be drawn. */
static bool cache_take(struct renderer *r, uint64_t key, struct strbuf *out)
{
	struct strbuf why = STRBUF_INIT;
	enum blob_status st = blobstore_load(&r->cache, key, out, &why);
	if (st == BLOB_CORRUPT)
		strbuf_addf(&r->warnings, "%s; drawing it again\n", strbuf_str(&why));
	strbuf_release(&why);
	r->stats.cached += st == BLOB_HIT;
	return st == BLOB_HIT;
}

static void cache_keep(struct renderer *r, uint64_t key, const char *data, size_t len)
{
	struct strbuf err = STRBUF_INIT;
	if (blobstore_store(&r->cache, key, data, len, &err) != 0) {
		strbuf_addf(&r->warnings, "%s; going on without the layout cache\n", strbuf_str(&err));
		r->use_cache = false;
	}
	strbuf_release(&err);
}

int renderer_render_dot(struct renderer *r, const char *name, const struct strbuf *dot, const char *format,
			struct strbuf *out, struct strbuf *err)
{
	uint64_t key = layout_key(r, dot, format);
	if (r->use_cache && cache_take(r, key, out))
		return 0;
	size_t at = out->len;
	int rc = render_dot_text(r, name, dot, format, out, err);
	r->stats.drawn += rc == 0;
	if (rc == 0 && r->use_cache)
		cache_keep(r, key, out->buf + at, out->len - at);
	return rc;
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
	int rc = renderer_render_dot(r, v->name, &dot, format, out, err);
	strbuf_release(&dot);
	return rc;
}
