/* modelfx.h — building small program models by hand for the unit tests of
 * the analyses and the report writers: one file (/p/src/a.c, "src/a.c"
 * after finalize with root /p), functions keyed by name, and one-line adders
 * for calls, accesses, references and loops; then finalize, load a catalogue
 * from text and run the analysis.
 * Ownership: a struct mfx owns its model, catalogue and analysis;
 * mfx_release() frees all three. */
#ifndef SEAM_UNIT_MODELFX_H
#define SEAM_UNIT_MODELFX_H
#include "unit.h"
#include "analysis.h"
#include "model.h"

#define MFX_PATH "/p/src/a.c"
#define MFX_REL "src/a.c"
#define MFX_TYPE "int (int)"

struct mfx {
	struct model m;
	struct catalog cat;
	struct analysis a;
	uint32_t file;
	bool analysed;
};

static inline void mfx_init(struct mfx *x)
{
	memset(x, 0, sizeof(*x));
	model_init(&x->m);
	catalog_init(&x->cat);
	x->file = model_add_file(&x->m, MFX_PATH);
	x->m.files.v[x->file].tu = true;
}

static inline void mfx_release(struct mfx *x)
{
	if (x->analysed)
		analysis_release(&x->a);
	catalog_release(&x->cat);
	model_release(&x->m);
}

/* "c:@F@name", or the static spelling "c:a.c@F@name". */
static inline const char *mfx_key(struct mfx *x, const char *name, bool is_static)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "c:%s@F@%s", is_static ? "a.c" : "", name);
	const char *k = model_intern(&x->m, strbuf_str(&sb));
	strbuf_release(&sb);
	return k;
}

/* A function of type `type` (MFX_TYPE when NULL) at lines line..end. */
static inline uint32_t mfx_fn_full(struct mfx *x, const char *name, uint32_t line, uint32_t end,
				   const char *type, uint8_t linkage, bool defined)
{
	struct model_function f = {
		.key = mfx_key(x, name, linkage == LINKAGE_STATIC), .name = name,
		.signature = type ? type : MFX_TYPE, .type = type ? type : MFX_TYPE, .file = x->file,
		.line = line, .end_line = defined ? end : line, .statements = defined ? 1 : 0,
		.linkage = linkage, .defined = defined,
	};
	f.usr = f.key;
	return model_add_function(&x->m, &f);
}

static inline uint32_t mfx_fn(struct mfx *x, const char *name, uint32_t line, uint32_t end)
{
	return mfx_fn_full(x, name, line, end, NULL, LINKAGE_EXTERN, true);
}

static inline uint32_t mfx_static_fn(struct mfx *x, const char *name, uint32_t line, uint32_t end)
{
	return mfx_fn_full(x, name, line, end, NULL, LINKAGE_STATIC, true);
}

static inline uint32_t mfx_typed_fn(struct mfx *x, const char *name, uint32_t line, uint32_t end,
				    const char *type)
{
	return mfx_fn_full(x, name, line, end, type, LINKAGE_EXTERN, true);
}

/* A direct call at line (column 5) to `callee`: the key of a function of
 * that name already in the model, else the external spelling (so a static
 * callee must be added before its callers; an extern one may come later,
 * and a name no function has becomes an external call at finalize). */
static inline void mfx_call_nest(struct mfx *x, uint32_t caller, const char *callee, uint32_t line,
				 uint16_t nest)
{
	const char *key = NULL;
	for (size_t i = 0; i < x->m.functions.n; i++)
		if (strcmp(x->m.functions.v[i].name, callee) == 0)
			key = x->m.functions.v[i].key;
	struct model_call c = {
		.caller = caller, .callee_key = key ? key : mfx_key(x, callee, false), .callee_name = callee,
		.file = x->file, .line = line, .col = 5, .nest = nest,
	};
	model_add_call(&x->m, &c);
}

static inline void mfx_call(struct mfx *x, uint32_t caller, const char *callee, uint32_t line)
{
	mfx_call_nest(x, caller, callee, line, 0);
}

/* A call through a function pointer. */
static inline void mfx_indirect(struct mfx *x, uint32_t caller, uint32_t line, uint8_t via,
				const char *via_name, const char *via_struct, const char *fptr_type)
{
	struct model_call c = {
		.caller = caller, .file = x->file, .line = line, .col = 9, .indirect = true, .via = via,
		.via_name = via_name, .via_struct = via_struct, .fptr_type = fptr_type,
	};
	model_add_call(&x->m, &c);
}

static inline uint32_t mfx_global_full(struct mfx *x, const char *name, const char *type, uint32_t line,
				       uint8_t kind, uint32_t function, bool is_const)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "c:@%s", name);
	struct model_global g = {
		.key = strbuf_str(&sb), .usr = strbuf_str(&sb), .name = name, .type = type, .file = x->file,
		.line = line, .function = function, .kind = kind, .is_const = is_const, .defined = true,
	};
	uint32_t id = model_add_global(&x->m, &g);
	strbuf_release(&sb);
	return id;
}

static inline uint32_t mfx_global(struct mfx *x, const char *name, uint32_t line)
{
	return mfx_global_full(x, name, "int", line, GLOBAL_EXTERN, MODEL_NONE, false);
}

static inline void mfx_access(struct mfx *x, uint32_t function, uint32_t global, uint8_t kind, uint32_t line)
{
	struct model_access a = { .function = function, .global = global, .kind = kind, .file = x->file,
				  .line = line, .col = 3 };
	model_add_access(&x->m, &a);
}

/* The address of `function` in the initializer of `global`. */
static inline void mfx_ref_global(struct mfx *x, uint32_t function, uint32_t global, uint32_t line)
{
	struct model_ref r = { .function = function, .from_kind = REF_GLOBAL, .from = global,
			       .file = x->file, .line = line, .col = 20 };
	model_add_ref(&x->m, &r);
}

/* The address of `function` taken in `from`, maybe passed to `call` or
 * stored into `field`. */
static inline void mfx_ref_fn(struct mfx *x, uint32_t function, uint32_t from, uint32_t line, const char *call,
			      const char *field)
{
	struct model_ref r = { .function = function, .from_kind = REF_FUNCTION, .from = from,
			       .file = x->file, .line = line, .col = 20, .call = call, .field = field };
	model_add_ref(&x->m, &r);
}

static inline void mfx_loop(struct mfx *x, uint32_t function, uint32_t line, uint32_t end, bool infinite,
			    bool exits, bool controlled, uint16_t nest)
{
	struct model_loop l = { .function = function, .file = x->file, .line = line, .end_line = end,
				.nest = nest, .infinite = infinite, .exits = exits, .controlled = controlled };
	model_add_loop(&x->m, &l);
}

/* Finalizes the model with root /p, loads the pack and runs the analysis. */
static inline void mfx_run(struct mfx *x, const char *pack)
{
	model_finalize(&x->m, "/p");
	struct strbuf err = STRBUF_INIT;
	if (catalog_load_text(&x->cat, "test.json", pack, &err) != 0)
		fail_msg("pack: %s", strbuf_str(&err));
	strbuf_release(&err);
	analysis_run(&x->a, &x->m, &x->cat);
	x->analysed = true;
}

/* After finalize: ids by name. */
static inline uint32_t mfx_id(const struct mfx *x, const char *name)
{
	for (size_t i = 0; i < x->m.functions.n; i++)
		if (strcmp(x->m.functions.v[i].name, name) == 0)
			return (uint32_t)i;
	fail_msg("no function '%s'", name);
	return MODEL_NONE;
}

static inline uint32_t mfx_gid(const struct mfx *x, const char *name)
{
	for (size_t i = 0; i < x->m.globals.n; i++)
		if (strcmp(x->m.globals.v[i].name, name) == 0)
			return (uint32_t)i;
	fail_msg("no global '%s'", name);
	return MODEL_NONE;
}

/* The call site of `caller` at `line` (after finalize). */
static inline uint32_t mfx_call_at(const struct mfx *x, const char *caller, uint32_t line)
{
	uint32_t f = mfx_id(x, caller);
	for (size_t i = 0; i < x->m.calls.n; i++)
		if (x->m.calls.v[i].caller == f && x->m.calls.v[i].line == line)
			return (uint32_t)i;
	fail_msg("no call in %s at line %u", caller, line);
	return MODEL_NONE;
}

#endif
