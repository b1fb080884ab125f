/* progress.c — a progress bar (TUs done/total, rate, ETA) on a terminal, quiet otherwise */
#include "progress.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { BAR_WIDTH = 24 };
#define REDRAW_SECONDS 0.1

void progress_init(struct progress *p, bool quiet, bool verbose)
{
	memset(p, 0, sizeof(*p));
	p->verbose = verbose && !quiet;
	p->bar = !quiet && !p->verbose && isatty(STDERR_FILENO);
	p->last_draw = -1;
}

static void draw(const struct extract_tick *t)
{
	char bar[BAR_WIDTH + 1];
	size_t full = t->total ? t->done * BAR_WIDTH / t->total : BAR_WIDTH;
	for (size_t i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < full ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	double rate = t->elapsed > 0 ? (double)t->done / t->elapsed : 0;
	unsigned eta = rate > 0 ? (unsigned)((double)(t->total - t->done) / rate + 0.5) : 0;
	const char *base = strrchr(t->file, '/');
	fprintf(stderr, "\r\033[K[%s] %zu/%zu TUs  %.1f TU/s  ETA %u:%02u  %s", bar, t->done, t->total, rate,
		eta / 60, eta % 60, base ? base + 1 : t->file);
	fflush(stderr);
}

void progress_tick(void *ctx, const struct extract_tick *t)
{
	struct progress *p = ctx;
	if (p->verbose) {
		fprintf(stderr, "seam: [%zu/%zu] %s%s\n", t->done, t->total, t->file, t->cached ? " (cached)" : "");
		return;
	}
	if (!p->bar || (t->done < t->total && t->elapsed - p->last_draw < REDRAW_SECONDS))
		return;
	p->last_draw = t->elapsed;
	draw(t);
}

void progress_finish(struct progress *p)
{
	if (p->bar && p->last_draw >= 0)
		fprintf(stderr, "\r\033[K");
	p->last_draw = -1;
}
