/* A request router: a dispatch table of {name, handler} and a call
 * through the table's field. */
#include <string.h>

struct request { const char *path; int arg; };
typedef int (*handler_fn)(const struct request *);

static int g_orders;

static int h_quote(const struct request *r) { return r->arg * 3; }      /* pure */
static int h_order(const struct request *r) { g_orders += r->arg; return g_orders; } /* stateful */
static int h_health(const struct request *r) { (void)r; return 200; }  /* pure */

struct route { const char *name; handler_fn fn; };
static const struct route routes[] = {
	{ "/quote", h_quote },
	{ "/order", h_order },
	{ "/health", h_health },
};

/* Another function of the same type, never in the table. */
int not_a_route(const struct request *r) { return r->arg; }
handler_fn pick(void) { return not_a_route; }

int dispatch(const struct request *r)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(routes[i].name, r->path) == 0)
			return routes[i].fn(r);       /* line 29 */
	return 404;
}
