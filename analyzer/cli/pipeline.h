/* pipeline.h — what analyze and explain share: inputs -> extraction ->
 * analysis -> report.json text, with the messages a user sees on the way.
 * Ownership: the caller owns the strbuf the report is rendered into. */
#ifndef SEAM_PIPELINE_H
#define SEAM_PIPELINE_H
#include "archconfig.h"
#include "compdb.h"
#include "extract.h"
#include "options.h"
#include "progress.h"
#include "report.h"
#include "watchdog.h"
#include <stdbool.h>

struct run_cache;

struct analyze_args {
	const char *build_dir, *out_dir, *root;
	const char *granularity, *weights, *config;
	unsigned jobs, services;
	bool quiet;
	struct option_list excludes, rules, pins;
	/* speed and scale (docs/performance.md) */
	const char *cache_dir;           /* default: $XDG_CACHE_HOME/seam or ~/.cache/seam */
	bool no_cache, stats, verbose;
	unsigned tu_timeout;             /* 0: WATCHDOG_DEFAULT_SECONDS */
	struct option_list facts;        /* merge these facts folders instead of extracting */
	struct pipeline_stats *timing;   /* filled when non-NULL */
	struct run_cache *record;        /* given every file extraction hashed (analyze's run cache) */
};

/* Where the time went (--stats), in seconds. */
struct pipeline_stats {
	double inputs, extraction, parse, walk, cache, merge, finalize, analysis, boundaries, report, total;
	double views;                    /* part of report: laying the views out */
	unsigned tus, jobs, cache_hits, views_drawn, views_cached;
};

#define PIPELINE_SPEED_OPTIONS(a)                                                                    \
	{ 0, "cache", OPT_STRING, &(a).cache_dir, "DIR",                                               \
	  "per-TU facts cache (default: $XDG_CACHE_HOME/seam or ~/.cache/seam)" },                 \
	{ 0, "no-cache", OPT_FLAG, &(a).no_cache, NULL, "neither read nor write the cache" },           \
	{ 0, "facts", OPT_LIST, &(a).facts, "DIR",                                                     \
	  "merge the facts 'seam extract --shard' wrote to DIR instead of parsing (repeatable)" },   \
	{ 0, "stats", OPT_FLAG, &(a).stats, NULL, "print the time of each phase and the peak memory" }, \
	{ 0, "verbose", OPT_FLAG, &(a).verbose, NULL, "print each translation unit as it is done" }

/* The input options common to analyze and explain, for option tables. */
#define PIPELINE_OPTIONS(a)                                                                          \
	{ 'p', "build-dir", OPT_STRING, &(a).build_dir, "BUILD_DIR",                                 \
	  "read BUILD_DIR/compile_commands.json (or that file itself)" },                            \
	{ 'j', "jobs", OPT_UINT, &(a).jobs, "N", "parallel libclang workers (default: number of cores)" }, \
	{ 0, "exclude", OPT_LIST, &(a).excludes, "GLOB",                                               \
	  "skip sources and headers matching GLOB (repeatable; '*' crosses '/')" },                  \
	{ 0, "root", OPT_STRING, &(a).root, "DIR",                                                     \
	  "project root: paths are reported relative to it and files outside it are not the "       \
	  "project's (default: the common folder of all project files)" },                           \
	{ 0, "rules", OPT_LIST, &(a).rules, "FILE",                                                    \
	  "an effect pack (JSON) to add to the built-in ones; later packs win (repeatable)" },        \
	{ 0, "services", OPT_UINT, &(a).services, "N",                                                 \
	  "aim at N services (default: the resolution that maximises modularity)" },                \
	{ 0, "granularity", OPT_STRING, &(a).granularity, "file|function",                             \
	  "cluster files (default) or functions into services" },                                   \
	{ 0, "weights", OPT_STRING, &(a).weights, "K=V,...",                                           \
	  "coupling weights: calls, state, types, includes, dir (default calls=1,state=3,"          \
	  "types=0.5,includes=0.5,dir=8)" },                                                        \
	{ 0, "pin", OPT_LIST, &(a).pins, "GLOB=SERVICE",                                               \
	  "put the files (or functions) matching GLOB in service SERVICE (repeatable)" },              \
	{ 0, "tu-timeout", OPT_UINT, &(a).tu_timeout, "SECONDS",                                        \
	  "give up (exit 3) when no translation unit finishes for SECONDS (default 600)" },           \
	{ 0, "config", OPT_STRING, &(a).config, "FILE",                                                \
	  "seam.json, the target architecture: check applies its rules (default: ./seam.json); "     \
	  "its \"pins\" steer the clustering like --pin" }

/* One analysis run held in memory: what analyze, explain and graph render. */
struct pipeline {
	struct catalog cat;
	struct boundary_options bo;
	struct service_pin *pins;
	struct arch_config cfg;      /* --config: its pins */
	struct extract_result r;
	struct model m;
	struct analysis an;
	struct boundaries bd;
	struct report_context ctx;
	char *db_path, *root, *libclang_version;
	bool analysed;
};

/* Runs the whole analysis into p (messages go to stderr). Returns an exit
 * code (SEAM_EXIT_*); call pipeline_close() whatever it returns. */
int pipeline_open(struct pipeline *p, const struct analyze_args *a, const struct parsed_args *pa);
void pipeline_close(struct pipeline *p);

/* Runs the whole analysis and renders report.json into `report`.
 * Returns an exit code (SEAM_EXIT_*); on success the report is complete. */
int pipeline_run(const struct analyze_args *a, const struct parsed_args *pa, struct strbuf *report);
/* -p or PATHs (with --exclude) -> db; *db_path: the database file, or NULL. */
struct compdb;
int pipeline_load_inputs(const struct analyze_args *a, const struct parsed_args *pa, struct compdb *db,
			 char **db_path);
/* The cache folder --cache/--no-cache ask for (malloc'd), or NULL for none. */
char *pipeline_cache_dir(const struct analyze_args *a);
/* The cache --cache/--no-cache ask for (in c), or NULL; warns when it cannot be created. */
struct cache;
struct extract_options;
struct cache *pipeline_open_cache(const struct analyze_args *a, const struct extract_options *eo, struct cache *c);
/* The run's one-line summary ("seam: N translation units ... M accesses",
 * without its time), and the note on unclassified accesses (or nothing). */
void pipeline_summary(const struct model *m, const struct extract_result *r, struct strbuf *out);
void pipeline_unclassified_note(const struct extract_result *r, struct strbuf *out);
/* --stats: the phases on stderr, one "seam: stats: PHASE SECONDSs" line each
 * (views: its part of report, with how many were drawn or cached), and the peak RSS. */
void pipeline_print_stats(const struct pipeline_stats *s);

/* The report a reading command works on: analysed now when -p or PATHs are
 * given (quietly), else read from report_path (default seam-out/report.json).
 * *source names it for messages. Prints its own errors; returns an exit code. */
int pipeline_report(struct analyze_args *in, const struct parsed_args *inputs, const char *report_path,
		    struct strbuf *text, const char **source);

/* pipeline_report(), then read into a checked view; prints its own errors. */
struct report_view;
int pipeline_report_view(struct analyze_args *in, const struct parsed_args *inputs, const char *report_path,
			 struct report_view *v);

/* What each finished TU is told to during extraction: the progress display
 * and the watchdog (an extract_options.progress callback; ctx is this). */
struct pipeline_ticks {
	struct progress pr;
	struct watchdog wd;
};
void pipeline_tick(void *ctx, const struct extract_tick *t);

#endif
