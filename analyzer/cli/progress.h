/* progress.h — what a user sees while translation units are extracted:
 * a bar with done/total, rate and ETA on a terminal, one line per TU with
 * --verbose, nothing otherwise. Ownership: nothing allocated. */
#ifndef SEAM_PROGRESS_H
#define SEAM_PROGRESS_H
#include "extract.h"
#include <stdbool.h>

struct progress {
	bool bar, verbose;
	double last_draw;
};

/* bar: draw a bar (stderr is a terminal and not --quiet); verbose: a line per TU. */
void progress_init(struct progress *p, bool quiet, bool verbose);
/* An extract_options.progress callback; ctx is a struct progress. */
void progress_tick(void *ctx, const struct extract_tick *t);
/* Clears the bar. */
void progress_finish(struct progress *p);

#endif
