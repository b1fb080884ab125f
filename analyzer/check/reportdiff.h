/* reportdiff.h — seam diff: what got worse or better between two reports:
 * function classes, calls between services, who owns which global, and the
 * metrics of the proposal. Symbols are matched by file and name.
 * Ownership: a report_diff owns its entries; strings are copies. */
#ifndef SEAM_REPORTDIFF_H
#define SEAM_REPORTDIFF_H
#include "arena.h"
#include "reportview.h"

struct class_change {
	const char *name, *file, *old_class, *new_class;
	bool worse;
};

struct crossing_change {
	const char *caller, *callee;   /* "file:name" */
	const char *from, *to;         /* service names */
	bool added;                    /* else removed */
};

struct owner_change {
	const char *global;            /* "file:name" */
	const char *old_owner, *new_owner; /* NULL: owned by no service then */
};

struct metric_change {
	const char *name;
	double old_value, new_value;
	bool worse, better;
};

enum diff_kind { DIFF_CLASS = 1, DIFF_CROSSING = 2, DIFF_OWNERSHIP = 4, DIFF_METRICS = 8 };

struct report_diff {
	struct arena arena;
	VEC(struct class_change) classes;
	VEC(struct crossing_change) crossing;
	VEC(struct owner_change) owners;
	struct metric_change metrics[6];
	unsigned functions_added, functions_removed;
	unsigned worse;                /* enum diff_kind bits that got worse */
};

void report_diff_run(struct report_diff *d, const struct report_view *old, const struct report_view *new_);
void report_diff_release(struct report_diff *d);
/* "class,crossing,ownership,metrics" or "any" or "none" -> bits; -1 on a bad name. */
int report_diff_kinds(const char *list);

#endif
