/* analysis.h — what the model means for the serverless question: effect
 * catalogues, each function's effects and class with its evidence chain,
 * resolved function-pointer calls, entry points and serverless candidates.
 * Ownership: a catalog and an analysis own everything they hold (arenas
 * and arrays), freed by catalog_release() / analysis_release(); an
 * analysis points into the model it was computed from, which must outlive it. */
#ifndef SEAM_ANALYSIS_H
#define SEAM_ANALYSIS_H
#include "effect_list.h"
#include "model.h"
#include "strbuf.h"

enum effect {
#define X(id, name, cls, packable) EFFECT_##id,
	EFFECT_LIST(X)
#undef X
	EFFECT_COUNT
};

enum fn_class {
#define X(id, name) id,
	CLASS_LIST(X)
#undef X
	CLASS_COUNT
};

typedef uint32_t effect_set; /* bit e = 1u << enum effect */

const char *effect_name(enum effect e);
int effect_from_name(const char *name); /* -1 when unknown */
enum fn_class effect_class(enum effect e);
bool effect_packable(enum effect e);
const char *class_name(enum fn_class c);
/* The class of a set of effects: the worst class among them (pure if none). */
enum fn_class class_of_effects(effect_set s);

/* ---- effect catalogues (rules/effects/ *.json) --------------------------- */

struct catalog_prefix {
	const char *prefix;
	effect_set effects;
};

struct catalog {
	struct arena arena;
	struct hashmap names;             /* name -> index in effects */
	VEC(effect_set) effects;
	VEC(struct catalog_prefix) prefixes;
	VEC(const char *) init_patterns;  /* globs: start-up functions */
	VEC(const char *) event_waits;    /* a loop calling one of these serves events */
	VEC(const char *) sleeps;         /* an infinite loop calling one of these polls */
	VEC(const char *) packs;          /* names of the packs loaded, in order */
};

void catalog_init(struct catalog *c);
void catalog_release(struct catalog *c);
/* Loads the packs compiled into seam (rules/effects/). */
int catalog_load_builtin(struct catalog *c, struct strbuf *err);
/* Loads a user pack; its entries win over earlier ones. */
int catalog_load_file(struct catalog *c, const char *path, struct strbuf *err);
int catalog_load_text(struct catalog *c, const char *name, const char *text, struct strbuf *err);
/* Effects of an external function; false when no pack knows it. */
bool catalog_lookup(const struct catalog *c, const char *name, effect_set *out);
bool catalog_is_init(const struct catalog *c, const char *function_name);
bool catalog_is_event_wait(const struct catalog *c, const char *name);
bool catalog_is_sleep(const struct catalog *c, const char *name);

/* ---- the analysis -------------------------------------------------------- */

enum entry_kind {
	ENTRY_NONE, ENTRY_MAIN, ENTRY_SIGNAL_HANDLER, ENTRY_THREAD_START,
	ENTRY_DISPATCH_TABLE, ENTRY_CALLBACK, ENTRY_EXPORTED
};
const char *entry_kind_name(enum entry_kind k);

/* One step of an evidence chain: in `function`, at file:line, `what`. */
struct evidence_step {
	uint32_t function, file, line;
	const char *what;
};

struct fn_analysis {
	uint8_t cls;                 /* enum fn_class */
	uint8_t entry;               /* enum entry_kind */
	effect_set direct, effects;  /* its own, and with everything it calls */
	uint32_t nsteps;
	struct evidence_step *steps; /* why it has its class; none for pure */
	uint32_t closure_functions, closure_lines; /* candidates only (the walk stops early for the others) */
};

enum resolution { RESOLVED_NONE, RESOLVED_TABLE, RESOLVED_TYPE };
const char *resolution_name(enum resolution r);

struct call_targets {
	uint8_t how;                 /* enum resolution; indirect calls only */
	uint32_t ntargets;
	uint32_t *targets;           /* function ids */
};

struct unknown_name {
	const char *name;
	uint32_t calls;
};

struct candidate {
	uint32_t function;
	int score;                   /* 0..100, higher is a better fit */
	bool fits;                   /* pure, stateless or config */
	int entry_order;             /* handlers and callbacks first, exported roots last */
	VEC(const char *) reasons;
	VEC(const char *) blockers;
};

struct analysis {
	struct arena arena;
	const struct model *m;
	struct fn_analysis *fns;     /* parallel to m->functions */
	struct call_targets *calls;  /* parallel to m->calls */
	bool *config;                /* parallel to m->globals: configuration */
	uint32_t indirect, by_table, by_type, unresolved;
	uint32_t class_counts[CLASS_COUNT];
	VEC(struct unknown_name) unknowns;
	VEC(struct candidate) candidates;
};

void analysis_run(struct analysis *a, const struct model *m, const struct catalog *c);
void analysis_release(struct analysis *a);

#endif
