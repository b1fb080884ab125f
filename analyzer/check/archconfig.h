/* archconfig.h — seam.json, the target architecture as code: services as
 * file globs with their public API, functions meant to run serverless,
 * clustering pins, and the severity and limits of each rule (rule_list.h).
 * Ownership: an arch_config owns its parsed JSON and every string in it;
 * arch_config_release() frees them all. */
#ifndef SEAM_ARCHCONFIG_H
#define SEAM_ARCHCONFIG_H
#include "rule_list.h"
#include "strbuf.h"
#include "xalloc.h"
#include <stdbool.h>

enum severity { SEVERITY_OFF, SEVERITY_WARNING, SEVERITY_ERROR };

enum rule_id {
#define X(id, name, sev, summary, fix) RULE_##id,
	RULE_LIST(X)
#undef X
	RULE_COUNT
};

const char *rule_name(enum rule_id r);
const char *rule_summary(enum rule_id r);
const char *rule_fix(enum rule_id r);
enum severity rule_default_severity(enum rule_id r);
int rule_from_name(const char *name);          /* -1 when unknown */
const char *severity_name(enum severity s);    /* "off", "warning", "error" */

struct arch_pos {
	unsigned line, col;                        /* 0:0 when not from the file */
};

typedef VEC(const char *) arch_strings;

struct arch_service {
	const char *name;
	arch_strings files;                        /* globs over report paths */
	arch_strings api;                          /* function-name globs */
	bool has_api;                              /* "api" given: calls in are checked */
	struct arch_pos pos;
};

struct arch_pin {
	const char *glob, *service;
};

struct arch_config {
	char *path;                                /* as given */
	void *json;                                /* the cJSON tree the strings point into */
	const char *root;                          /* "root" as written, or NULL */
	char *root_abs;                            /* root resolved against the file's folder */
	VEC(struct arch_service) services;
	arch_strings serverless;                   /* function-name globs */
	VEC(struct arch_pin) pins;
	arch_strings exclude;                      /* report paths no rule looks at */
	enum severity severity[RULE_COUNT];
	struct arch_pos rule_pos[RULE_COUNT];
	arch_strings state_free;                   /* new-mutable-global: "files" */
	bool allow_config_reads;                   /* cross-service-state: default true */
	double max_icp;                            /* coupling-threshold; < 0: no limit */
	int max_fan_out;                           /* coupling-threshold; < 0: no limit */
	struct arch_pos max_icp_pos, max_fan_out_pos;
};

/* Parses exactly one JSON value (then only blanks); on error NULL with
 * "NAME:LINE:COL: malformed JSON" in err. Returns a cJSON tree (as void *),
 * freed with cJSON_Delete(). Shared by the readers of seam's own JSON files. */
void *json_parse_located(const char *name, const char *text, size_t len, struct strbuf *err);

void arch_config_init(struct arch_config *c);
void arch_config_release(struct arch_config *c);
/* Reads and validates seam.json. On error returns -1 with
 * "PATH:LINE:COL: WHERE: what was expected" in err. */
int arch_config_load_file(struct arch_config *c, const char *path, struct strbuf *err);
int arch_config_load_text(struct arch_config *c, const char *path, const char *text, size_t len,
			  struct strbuf *err);

/* The index of the first service whose globs match a report path, or -1;
 * -1 too for excluded paths. */
int arch_config_service_of(const struct arch_config *c, const char *path);
bool arch_config_excluded(const struct arch_config *c, const char *path);
bool arch_service_exports(const struct arch_service *s, const char *function_name);
bool arch_config_is_serverless(const struct arch_config *c, const char *function_name);
bool arch_globs_match(const arch_strings *globs, const char *s);

#endif
