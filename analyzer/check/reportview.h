/* reportview.h — a checked, indexed view of a report.json for the commands
 * that read reports (check, init, diff): ids are verified to be in range and
 * fields to have their types, so later code can index without checking.
 * Ownership: a report_view owns the parsed JSON; all strings point into it
 * and live until report_view_release(). */
#ifndef SEAM_REPORTVIEW_H
#define SEAM_REPORTVIEW_H
#include "strbuf.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdint.h>

struct rv_file {
	const char *path;
	bool tu, parsed;
	unsigned errors;
	const char *first_message;   /* the first diagnostic, or NULL */
};

struct rv_step {
	uint32_t function;
	const char *file, *what;
	unsigned line;
};

#define RV_NO_FILE UINT32_MAX

struct rv_function {
	uint32_t file_id;            /* index in files[], or RV_NO_FILE */
	const char *name, *file, *cls;
	unsigned line;
	bool defined;
	VEC(struct rv_step) evidence;
};

struct rv_global {
	uint32_t file_id;            /* index in files[], or RV_NO_FILE */
	const char *name, *file, *kind;
	unsigned line;
	bool is_const, defined, config;
};

struct rv_site {
	uint32_t from, to;           /* calls: caller, callee; accesses: function, global */
	const char *kind;            /* accesses: "read", "write", "address"; calls: NULL */
	const char *file;
	unsigned line, column;
};

struct rv_service {
	const char *name;
	VEC(const char *) files;
	VEC(uint32_t) functions, owned_globals, api;
};

struct rv_crossing {
	uint32_t caller, callee;
	const char *from, *to;
};

#define RV_METRICS(X) X(modularity) X(turbomq) X(icp) X(ifn) X(sm) X(ned)
struct rv_metrics {
#define X(m) double m;
	RV_METRICS(X)
#undef X
	bool present;
};

struct report_view {
	void *json;
	const char *root;
	VEC(struct rv_file) files;
	VEC(struct rv_function) functions;
	VEC(struct rv_global) globals;
	VEC(struct rv_site) calls;       /* direct calls only */
	VEC(struct rv_site) accesses;
	VEC(struct rv_service) services;
	VEC(struct rv_crossing) crossing;
	VEC(uint32_t) fitting_candidates; /* function ids of serverless candidates */
	struct rv_metrics proposal, baseline;
};

void report_view_init(struct report_view *v);
void report_view_release(struct report_view *v);
/* Returns 0, or -1 with "NAME: where: what is wrong" in err. */
int report_view_load_text(struct report_view *v, const char *name, const char *text, size_t len,
			  struct strbuf *err);
int report_view_load_file(struct report_view *v, const char *path, struct strbuf *err);

/* Direct calls between functions whose files belong to a service
 * (file_service parallels files[]; -1: none): how many there are, how many
 * cross from one service to another (ICP = crossing / inside), and when
 * deps is not NULL (nservices x nservices, zeroed) which service calls which. */
void report_view_coupling(const struct report_view *v, const int *file_service, size_t nservices,
			  size_t *inside, size_t *crossing, bool *deps);

#endif
