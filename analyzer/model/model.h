/* model.h — the program model: functions, static-storage variables, calls,
 * accesses, files, includes and types, as plain C data keyed by stable keys.
 *
 * A model is built per translation unit by the extractor, merged into the
 * program model in a fixed order (model_merge), then frozen by
 * model_finalize, which sorts everything and assigns ids; after that, ids
 * are indexes into the arrays and the arrays are in report order.
 * Ownership: a model owns every string and array it holds (strings live in
 * its arena); model_release() frees all of it, nothing is freed piecemeal. */
#ifndef SEAM_MODEL_H
#define SEAM_MODEL_H
#include "arena.h"
#include "hashmap.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdint.h>

#define MODEL_NONE UINT32_MAX

enum model_linkage { LINKAGE_EXTERN, LINKAGE_STATIC, LINKAGE_INLINE };
enum model_global_kind { GLOBAL_EXTERN, GLOBAL_FILE_STATIC, GLOBAL_STATIC_LOCAL, GLOBAL_THREAD_LOCAL };
enum model_access_kind { ACCESS_READ, ACCESS_WRITE, ACCESS_ADDRESS };
enum model_via_kind { VIA_VARIABLE, VIA_PARAMETER, VIA_FIELD, VIA_EXPRESSION };
enum model_ref_kind { REF_FUNCTION, REF_GLOBAL };

struct model_file {
	const char *path;     /* absolute while extracting; relative to root after finalize */
	bool tu;              /* a translation unit's main file */
	bool parsed;          /* TU: parsed without errors */
	bool failed;          /* TU: libclang produced no AST at all */
	uint32_t errors, warnings;
	uint32_t nmessages;
	const char **messages; /* first few diagnostics, formatted */
};

struct model_function {
	const char *key;       /* USR, qualified by file for internal linkage */
	const char *usr, *name, *signature;
	const char *type;      /* canonical function type, to match function pointers */
	uint32_t file;         /* index into files */
	uint32_t line, end_line, statements;
	uint8_t linkage;       /* enum model_linkage */
	bool defined, address_taken, variadic, inline_;
};

struct model_global {
	const char *key, *usr, *name, *type;
	uint32_t file, line;
	uint32_t function;     /* static locals: the enclosing function, else MODEL_NONE */
	uint8_t kind;          /* enum model_global_kind */
	bool is_const, defined;
};

struct model_type {
	const char *key, *usr, *name;
	uint32_t file, line;
	bool is_union;
};

/* A call site. Direct calls name the callee by key; until finalize the
 * callee may be unknown to this model (defined in another TU or outside
 * the project). After finalize, `callee` is set for calls to defined
 * project functions; the rest are in external_calls. */
struct model_call {
	uint32_t caller;
	const char *callee_key;  /* direct calls */
	const char *callee_name;
	uint32_t callee;         /* after finalize; MODEL_NONE for indirect */
	uint32_t file, line, col;
	uint16_t nest;           /* enclosing if/switch/loop/?: inside the caller */
	bool indirect;
	uint8_t via;             /* indirect: enum model_via_kind */
	const char *via_name;    /* variable, parameter or field name; NULL for expressions */
	const char *via_struct;  /* fields: the struct's name */
	const char *fptr_type;   /* indirect: canonical type of the called function */
};

struct model_external_call {
	uint32_t caller;
	const char *name;
	uint32_t file, line, col;
	uint16_t nest;           /* as in model_call */
};

struct model_access {
	uint32_t function, global;
	uint8_t kind;            /* enum model_access_kind */
	uint32_t file, line, col;
};

/* A function whose address is taken: where, and from which function or
 * static-storage variable initializer (dispatch tables). */
struct model_ref {
	uint32_t function;       /* the function referenced */
	uint8_t from_kind;       /* enum model_ref_kind */
	uint32_t from;           /* function or global index */
	uint32_t file, line, col;
	const char *call;        /* passed as an argument of a call to this function (pthread_create) */
	const char *field;       /* stored into this struct field (sa_handler) */
};

/* A loop statement: infinite when it has no condition or a constant true
 * one; exits when a break, return or goto can leave it; controlled when
 * something outside the loop can stop it (while (!g_stop), while (running())). */
struct model_loop {
	uint32_t function, file, line, end_line;
	uint16_t nest;           /* enclosing if/switch/loop/?:; its body is at nest + 1 */
	bool infinite, exits;
	bool controlled;         /* its condition reads a global or calls a project function */
};

struct model_include { uint32_t from, to; };
struct model_type_use { uint32_t function, type; };

struct model {
	struct arena arena;
	struct hashmap strings, file_index, function_index, global_index, type_index;
	VEC(struct model_file) files;
	VEC(struct model_function) functions;
	VEC(struct model_global) globals;
	VEC(struct model_type) types;
	VEC(struct model_call) calls;
	VEC(struct model_external_call) external_calls;
	VEC(struct model_access) accesses;
	VEC(struct model_ref) refs;
	VEC(struct model_loop) loops;
	VEC(struct model_include) includes;
	VEC(struct model_type_use) type_uses;
	const char *root;        /* set by finalize */
	bool finalized;
};

void model_init(struct model *m);
void model_release(struct model *m);
void model_free(struct model *m);

/* Interns a string in the model's arena (NULL stays NULL). */
const char *model_intern(struct model *m, const char *s);

/* Adders return the entity's index. Entities with the same key are one
 * entity: a definition replaces a declaration's location. */
uint32_t model_add_file(struct model *m, const char *abs_path);
uint32_t model_add_function(struct model *m, const struct model_function *f);
uint32_t model_add_global(struct model *m, const struct model_global *g);
uint32_t model_add_type(struct model *m, const struct model_type *t);
uint32_t model_find_function(const struct model *m, const char *key);
void model_add_call(struct model *m, const struct model_call *c);
void model_add_access(struct model *m, const struct model_access *a);
void model_add_ref(struct model *m, const struct model_ref *r);
void model_add_loop(struct model *m, const struct model_loop *l);
void model_add_include(struct model *m, uint32_t from, uint32_t to);
void model_add_type_use(struct model *m, uint32_t function, uint32_t type);

/* Appends everything in src to dst (src is left unchanged). */
void model_merge(struct model *dst, const struct model *src);

/* Freezes the model: resolves calls, makes paths relative to root (or to
 * the common directory of all files when root is NULL), sorts every array
 * into a deterministic order, assigns ids, removes duplicate facts. */
void model_finalize(struct model *m, const char *root);

const char *model_linkage_name(enum model_linkage l);
const char *model_global_kind_name(enum model_global_kind k);
const char *model_access_kind_name(enum model_access_kind k);
const char *model_via_name(enum model_via_kind v);

#endif
