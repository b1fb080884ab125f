/* check.h — seam check: the rules of rule_list.h applied to a report and a
 * seam.json, giving violations with a location, a message that says how to
 * fix them, and a fingerprint made of the rule and the symbols involved (not
 * line numbers), which baselines match on.
 * Ownership: a check_result owns its violations and strings (one arena);
 * check_result_release() frees them. It does not point into the report or
 * the configuration, which may be released first. */
#ifndef SEAM_CHECK_H
#define SEAM_CHECK_H
#include "arena.h"
#include "archconfig.h"
#include "reportview.h"

struct related_location {
	const char *file;              /* report path */
	unsigned line;
	const char *message;
};

struct violation {
	enum rule_id rule;
	enum severity severity;
	const char *message;
	const char *fingerprint;
	const char *file;              /* a report path, or the seam.json path when in_config */
	unsigned line, column;
	bool in_config;                /* located in seam.json (thresholds) */
	bool known;                    /* matched by the baseline */
	size_t nrelated;
	struct related_location *related; /* serverless-stateful: the evidence chain */
};

struct stale_entry {
	const char *rule, *fingerprint, *message;
};

struct check_result {
	struct arena arena;
	VEC(struct violation) violations;     /* sorted by file, line, column, rule */
	VEC(struct stale_entry) stale;        /* baseline entries that no longer occur */
	VEC(const char *) notes;              /* configuration oddities worth a warning */
	const char *config_path, *root;
	unsigned files_unassigned;            /* project files in no service */
	double icp;                           /* over the declared services */
	bool baseline_used;
	enum severity severity[RULE_COUNT];   /* as configured */
};

void check_run(struct check_result *res, const struct arch_config *c, const struct report_view *v);
void check_result_release(struct check_result *res);

/* Counts of violations not known to the baseline, by severity. */
unsigned check_count(const struct check_result *res, enum severity s, bool known);

#endif
