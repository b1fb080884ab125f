/* walk.c — one translation unit through libclang into a per-TU model.
 *
 * A single clang_visitChildren pass with CXChildVisit_Recurse; the
 * ancestry of the current cursor is kept in an explicit stack (popped
 * until its top is the visitor's parent), so nothing here recurses on the
 * depth of the analysed code. Top-level declarations from system headers
 * are skipped without being walked. */
#include "walk_internal.h"
#include "clock.h"
#include "compdb.h"
#include "fsutil.h"
#include <stdio.h>
#include <string.h>

enum { MAX_MESSAGES = 5 };

/* ---- strings, files, locations ------------------------------------------ */

const char *walk_take_string(struct model *m, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = model_intern(m, c ? c : "");
	clang_disposeString(s);
	return r;
}

static bool is_project_path(const struct walk_filter *flt, const char *abs)
{
	if (flt->root && !path_is_under(abs, flt->root))
		return false;
	for (size_t i = 0; i < flt->nexcludes; i++)
		if (compdb_glob_match(flt->excludes[i], abs))
			return false;
	return true;
}

static const struct file_info *file_info(struct walker *w, CXFile file, CXSourceLocation loc)
{
	static const struct file_info none = { MODEL_NONE, NULL, 0 };
	if (!file)
		return &none;
	uint32_t idx;
	if (hashmap_get(&w->files, file, &idx))
		return &w->finfo.v[idx];
	struct file_info fi = { MODEL_NONE, NULL, 0 };
	CXString name = clang_getFileName(file);
	const char *cname = clang_getCString(name);
	char *abs = path_absolute(cname ? cname : "", NULL);
	clang_disposeString(name);
	if (!clang_Location_isInSystemHeader(loc) && is_project_path(w->filter, abs)) {
		fi.file = model_add_file(w->m, abs);
		fi.contents = clang_getFileContents(w->tu, file, &fi.size);
	}
	free(abs);
	idx = (uint32_t)w->finfo.n;
	VEC_PUSH(w->finfo, fi);
	hashmap_put(&w->files, file, idx);
	return &w->finfo.v[idx];
}


struct place walk_place_of(struct walker *w, CXSourceLocation loc)
{
	CXFile file;
	struct place p;
	clang_getExpansionLocation(loc, &file, &p.line, &p.col, &p.offset);
	p.fi = file_info(w, file, loc);
	return p;
}

struct place walk_cursor_place(struct walker *w, CXCursor c)
{
	return walk_place_of(w, clang_getCursorLocation(c));
}

/* ---- declarations ---------------------------------------------------- */

const struct decl_info *walk_decl_info(struct walker *w, CXCursor decl)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	const void *id = canon.data[0]; /* the Decl*: stable for the TU's lifetime */
	uint32_t idx;
	if (hashmap_get(&w->decls, id, &idx))
		return &w->dinfo.v[idx];
	struct decl_info d;
	CXSourceLocation loc = clang_getCursorLocation(canon);
	CXFile file;
	clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
	const struct file_info *fi = file_info(w, file, loc);
	d.project = fi->file != MODEL_NONE;
	d.usr = walk_take_string(w->m, clang_getCursorUSR(canon));
	d.name = walk_take_string(w->m, clang_getCursorSpelling(canon));
	d.linkage = clang_getCursorLinkage(canon);
	if (d.linkage == CXLinkage_External || !file) {
		d.key = d.usr;
	} else {
		CXString fname = clang_getFileName(file);
		char *abs = path_absolute(clang_getCString(fname) ? clang_getCString(fname) : "", NULL);
		clang_disposeString(fname);
		size_t n = strlen(d.usr) + strlen(abs) + 2;
		char *key = xmalloc(n);
		snprintf(key, n, "%s@%s", d.usr, abs);
		d.key = model_intern(w->m, key);
		free(key);
		free(abs);
	}
	idx = (uint32_t)w->dinfo.n;
	VEC_PUSH(w->dinfo, d);
	hashmap_put(&w->decls, id, idx);
	return &w->dinfo.v[idx];
}

/* Where this declaration or definition stands decides, not where the first
 * declaration does: a project that defines its own getenv() (bash does)
 * defines a project function although <stdlib.h> declared it first. */
uint32_t walk_add_function(struct walker *w, CXCursor c)
{
	const struct decl_info *d = walk_decl_info(w, c);
	struct place p = walk_cursor_place(w, c);
	if (p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	CXSourceRange ext = clang_getCursorExtent(c);
	unsigned end_line;
	clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, &end_line, NULL, NULL);
	CXType t = clang_getCursorType(c);
	struct model_function f = {
		.key = d->key, .usr = d->usr, .name = d->name,
		.signature = walk_take_string(w->m, clang_getTypeSpelling(t)),
		.type = walk_take_string(w->m, clang_getTypeSpelling(clang_getCanonicalType(t))),
		.file = p.fi->file, .line = p.line, .end_line = end_line < p.line ? p.line : end_line,
		.defined = clang_isCursorDefinition(c) != 0,
		.variadic = clang_isFunctionTypeVariadic(t) == 1,
		.inline_ = clang_Cursor_isFunctionInlined(c) != 0,
	};
	if (d->linkage != CXLinkage_External)
		f.linkage = LINKAGE_STATIC;
	else
		f.linkage = f.inline_ ? LINKAGE_INLINE : LINKAGE_EXTERN;
	return model_add_function(w->m, &f);
}

/* A const object: const at the top or, for arrays, on the array or its
 * elements (`const char *names[]` is a mutable array of pointers). */
static bool type_is_const_object(CXType t)
{
	t = clang_getCanonicalType(t);
	while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray) {
		if (clang_isConstQualifiedType(t))
			return true;
		t = clang_getCanonicalType(clang_getArrayElementType(t));
	}
	return clang_isConstQualifiedType(t) != 0;
}

bool walk_has_static_storage(CXCursor var)
{
	return clang_Cursor_hasVarDeclGlobalStorage(var) == 1;
}

uint32_t walk_add_global(struct walker *w, CXCursor c, bool in_function)
{
	const struct decl_info *d = walk_decl_info(w, c);
	struct place p = walk_cursor_place(w, c);
	if (p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	CXType t = clang_getCursorType(c);
	struct model_global g = {
		.key = d->key, .usr = d->usr, .name = d->name,
		.type = walk_take_string(w->m, clang_getTypeSpelling(t)),
		.file = p.fi->file, .line = p.line, .function = MODEL_NONE,
		.is_const = type_is_const_object(t),
	};
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	/* tentative definitions (`int g;`) count as definitions */
	g.defined = clang_isCursorDefinition(c) || sc != CX_SC_Extern;
	if (clang_getCursorTLSKind(c) != CXTLS_None) {
		g.kind = GLOBAL_THREAD_LOCAL;
	} else if (in_function && sc == CX_SC_Static) {
		g.kind = GLOBAL_STATIC_LOCAL;
		g.function = w->fn;
	} else if (d->linkage == CXLinkage_Internal) {
		g.kind = GLOBAL_FILE_STATIC;
	} else {
		g.kind = GLOBAL_EXTERN;
	}
	if (g.kind == GLOBAL_THREAD_LOCAL && in_function)
		g.function = w->fn;
	return model_add_global(w->m, &g);
}

/* The struct or union a type names, following typedefs; a null cursor if none. */
static CXCursor record_of_type(CXType t)
{
	t = clang_getCanonicalType(t);
	while (t.kind == CXType_Pointer || t.kind == CXType_ConstantArray ||
	       t.kind == CXType_IncompleteArray)
		t = clang_getCanonicalType(t.kind == CXType_Pointer ? clang_getPointeeType(t)
								  : clang_getArrayElementType(t));
	if (t.kind != CXType_Record)
		return clang_getNullCursor();
	return clang_getTypeDeclaration(t);
}

uint32_t walk_add_type(struct walker *w, CXCursor decl)
{
	if (clang_Cursor_isNull(decl))
		return MODEL_NONE;
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def))
		return MODEL_NONE;
	const struct decl_info *d = walk_decl_info(w, def);
	struct place p = walk_cursor_place(w, def);
	if (!d->project || p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	const char *name = d->name;
	if (!name[0] || strchr(name, '(')) /* anonymous: use the type's spelling */
		name = walk_take_string(w->m, clang_getTypeSpelling(clang_getCursorType(def)));
	struct model_type t = {
		.key = d->key, .usr = d->usr, .name = name, .file = p.fi->file, .line = p.line,
		.is_union = clang_getCursorKind(def) == CXCursor_UnionDecl,
	};
	return model_add_type(w->m, &t);
}

void walk_use_type(struct walker *w, CXCursor record)
{
	if (w->fn == MODEL_NONE)
		return;
	uint32_t t = walk_add_type(w, record);
	if (t != MODEL_NONE)
		model_add_type_use(w->m, w->fn, t);
}

/* The source text at a cursor's extent start or end (expansion locations). */
const char *walk_text_at(struct walker *w, CXSourceLocation loc, size_t *avail)
{
	struct place p = walk_place_of(w, loc);
	if (!p.fi->contents || p.offset > p.fi->size)
		return NULL;
	*avail = p.fi->size - p.offset;
	return p.fi->contents + p.offset;
}

bool walk_is_macro_location(CXSourceLocation loc)
{
	CXFile f1, f2;
	unsigned o1, o2;
	clang_getExpansionLocation(loc, &f1, NULL, NULL, &o1);
	clang_getSpellingLocation(loc, &f2, NULL, NULL, &o2);
	return f1 != f2 || o1 != o2;
}

/* Skips blanks and comments. */
const char *walk_skip_space(const char *s, const char *end)
{
	while (s < end) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') {
			s++;
		} else if (s + 1 < end && s[0] == '/' && s[1] == '*') {
			const char *e = s + 2;
			while (e + 1 < end && !(e[0] == '*' && e[1] == '/'))
				e++;
			s = e + 2;
		} else if (s + 1 < end && s[0] == '/' && s[1] == '/') {
			while (s < end && *s != '\n')
				s++;
		} else if (s + 1 < end && s[0] == '\\' && s[1] == '\n') {
			s += 2;
		} else {
			break;
		}
	}
	return s;
}


static bool is_branching(enum CXCursorKind k)
{
	return k == CXCursor_IfStmt || k == CXCursor_SwitchStmt || k == CXCursor_ForStmt ||
	       k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_ConditionalOperator;
}

/* How many branches and loops of the current function enclose the cursor
 * on top of the stack (the cursor itself not counted). */
uint16_t walk_nesting(const struct walker *w)
{
	unsigned n = 0;
	for (size_t i = w->fn_depth + 1; i + 1 < w->stack.n; i++)
		n += is_branching(w->stack.v[i].kind);
	return n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
}


enum CXChildVisitResult walk_first_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}


CXCursor walk_child0(CXCursor c)
{
	CXCursor r = clang_getNullCursor();
	clang_visitChildren(c, walk_first_child, &r);
	return r;
}


/* ---- the walk ------------------------------------------------------------ */

static void pop_frame(struct walker *w)
{
	w->stack.n--;
	while (w->loops.n && w->loops.v[w->loops.n - 1].depth >= w->stack.n)
		w->loops.n--;
	if (w->fn != MODEL_NONE && w->stack.n <= w->fn_depth)
		w->fn = MODEL_NONE;
	if (w->var != MODEL_NONE && w->stack.n <= w->var_depth)
		w->var = MODEL_NONE;
}

static enum CXChildVisitResult visit_function(struct walker *w, CXCursor c, size_t depth)
{
	if (w->fn != MODEL_NONE) { /* a block-scope prototype */
		walk_add_function(w, c);
		return CXChildVisit_Continue;
	}
	uint32_t idx = walk_add_function(w, c);
	if (idx == MODEL_NONE || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	w->fn = idx;
	w->fn_depth = depth;
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_var(struct walker *w, CXCursor c, size_t depth)
{
	if (!walk_has_static_storage(c))
		return CXChildVisit_Recurse;
	uint32_t g = walk_add_global(w, c, w->fn != MODEL_NONE);
	if (g != MODEL_NONE && w->var == MODEL_NONE) {
		w->var = g;
		w->var_depth = depth;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_ref(struct walker *w, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	switch (clang_getCursorKind(ref)) {
	case CXCursor_FunctionDecl:
		walk_handle_function_ref(w, ref, c);
		break;
	case CXCursor_VarDecl:
		walk_handle_var_ref(w, ref, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* Is the expression a non-zero constant (while (1), do ... while (true))? */
static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct walker *w = data;
	while (w->stack.n > 1 && !clang_equalCursors(w->stack.v[w->stack.n - 1].cursor, parent))
		pop_frame(w);
	struct frame *top = &w->stack.v[w->stack.n - 1];
	enum CXCursorKind kind = clang_getCursorKind(c), parent_kind = top->kind;
	struct frame f = { c, kind, 0, top->nchildren++, false };
	VEC_PUSH(w->stack, f); /* may move the stack: `top` is stale from here */
	size_t depth = w->stack.n - 1;

	if (depth == 1) {
		CXSourceLocation loc = clang_getCursorLocation(c);
		if (clang_Location_isInSystemHeader(loc))
			return CXChildVisit_Continue;
		if (walk_place_of(w, loc).fi->file == MODEL_NONE)
			return CXChildVisit_Continue;
	}
	/* statements: whatever stands directly in a block, plus nested
	 * control statements (an if's unbraced return) */
	if (w->fn != MODEL_NONE && kind != CXCursor_CompoundStmt && kind != CXCursor_NullStmt &&
	    (parent_kind == CXCursor_CompoundStmt || clang_isStatement(kind)))
		w->m->functions.v[w->fn].statements++;

	switch (kind) {
	case CXCursor_ForStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_SwitchStmt:
		if (w->fn != MODEL_NONE)
			walk_open_loop(w, c, kind, depth);
		return CXChildVisit_Recurse;
	case CXCursor_BreakStmt:
	case CXCursor_ReturnStmt:
	case CXCursor_GotoStmt:
	case CXCursor_IndirectGotoStmt:
		if (w->fn != MODEL_NONE)
			walk_leave_loops(w, kind);
		return CXChildVisit_Recurse;
	case CXCursor_FunctionDecl:
		return visit_function(w, c, depth);
	case CXCursor_VarDecl:
		return visit_var(w, c, depth);
	case CXCursor_CallExpr:
		if (w->fn != MODEL_NONE)
			walk_handle_call(w, c);
		return CXChildVisit_Recurse;
	case CXCursor_DeclRefExpr:
		return visit_ref(w, c);
	case CXCursor_MemberRefExpr:
		walk_use_type(w, clang_getCursorSemanticParent(clang_getCursorReferenced(c)));
		if (w->fn != MODEL_NONE && w->loops.n)
			walk_mark_controlled(w, c, true); /* while (!loop->stop): a field someone else may set */
		return CXChildVisit_Recurse;
	case CXCursor_TypeRef:
		walk_use_type(w, record_of_type(clang_getCursorType(clang_getCursorReferenced(c))));
		return CXChildVisit_Continue;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c))
			walk_add_type(w, c);
		return CXChildVisit_Recurse;
	case CXCursor_FieldDecl:
	case CXCursor_EnumDecl:
	case CXCursor_MacroDefinition:
	case CXCursor_MacroExpansion:
	case CXCursor_InclusionDirective:
		return CXChildVisit_Continue;
	default:
		return CXChildVisit_Recurse;
	}
}

/* Every file the TU read, once, for the cache's dependency list. */
static void note_read(struct walker *w, CXFile file)
{
	uint32_t seen;
	if (hashmap_get(&w->read, file, &seen))
		return;
	hashmap_put(&w->read, file, 0);
	CXString name = clang_getFileName(file);
	const char *cname = clang_getCString(name);
	VEC_PUSH(w->stats->files, path_absolute(cname ? cname : "", NULL));
	clang_disposeString(name);
}

/* clang_getInclusions' visitor: note the edge (and every file read). */
static void visit_inclusion(CXFile included, CXSourceLocation *stack, unsigned len, CXClientData data)
{
	struct walker *w = data;
	note_read(w, included);
	if (len == 0)
		return; /* the main file */
	struct inclusion inc = { included, stack[0] };
	VEC_PUSH(w->inclusions, inc);
}

/* Include edges between project files. Every includer is met through the
 * location of its #include first, so only a file that includes nothing and
 * declares nothing needs clang_getLocationForOffset, which scans the TU's
 * source-location table on every call (half the walk's time on PostgreSQL). */
static void add_inclusions(struct walker *w)
{
	uint32_t *from = xcalloc(w->inclusions.n + 1, sizeof(*from));
	for (size_t i = 0; i < w->inclusions.n; i++)
		from[i] = walk_place_of(w, w->inclusions.v[i].at).fi->file;
	for (size_t i = 0; i < w->inclusions.n; i++) {
		CXFile included = w->inclusions.v[i].file;
		uint32_t idx;
		const struct file_info *to = hashmap_get(&w->files, included, &idx)
			? &w->finfo.v[idx]
			: file_info(w, included, clang_getLocationForOffset(w->tu, included, 0));
		if (to->file != MODEL_NONE && from[i] != MODEL_NONE)
			model_add_include(w->m, from[i], to->file);
	}
	free(from);
}

static void record_diagnostics(struct walker *w, struct model_file *mf)
{
	unsigned n = clang_getNumDiagnostics(w->tu);
	VEC(const char *) msgs = { 0 };
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error)
			mf->errors++;
		else if (sev == CXDiagnostic_Warning)
			mf->warnings++;
		if (sev >= CXDiagnostic_Warning && msgs.n < MAX_MESSAGES) {
			CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
								CXDiagnostic_DisplayColumn |
								CXDiagnostic_DisplayOption);
			VEC_PUSH(msgs, walk_take_string(w->m, s));
		}
		clang_disposeDiagnostic(d);
	}
	mf->parsed = mf->errors == 0;
	mf->nmessages = (uint32_t)msgs.n;
	mf->messages = arena_alloc(&w->m->arena, sizeof(char *) * (msgs.n + 1));
	for (size_t i = 0; i < msgs.n; i++)
		mf->messages[i] = msgs.v[i];
	VEC_FREE(msgs);
}

void walk_stats_release(struct walk_stats *s)
{
	for (size_t i = 0; i < s->files.n; i++)
		free(s->files.v[i]);
	VEC_FREE(s->files);
}

static void walker_release(struct walker *w)
{
	hashmap_release(&w->read);
	VEC_FREE(w->inclusions);
	hashmap_release(&w->files);
	hashmap_release(&w->decls);
	VEC_FREE(w->finfo);
	VEC_FREE(w->dinfo);
	VEC_FREE(w->stack);
	VEC_FREE(w->loops);
}

/* Files that never end or block when read, given to libclang as empty: an
 * `#include "/dev/zero"` then neither eats all memory nor hangs. (A FIFO or
 * a hung mount elsewhere is the CLI's watchdog's business.) */
static const struct CXUnsavedFile endless_files[] = {
	{ "/dev/zero", "", 0 },    { "/dev/urandom", "", 0 }, { "/dev/random", "", 0 },
	{ "/dev/stdin", "", 0 },   { "/dev/fd/0", "", 0 },    { "/proc/self/fd/0", "", 0 },
	{ "/dev/tty", "", 0 },     { "/dev/console", "", 0 }, { "/dev/full", "", 0 },
	{ "/dev/ptmx", "", 0 },    { "/dev/kmsg", "", 0 },    { "/proc/kmsg", "", 0 },
};

int walk_tu(CXIndex index, const char *file, const char *const *argv, int argc,
	    const struct walk_filter *filter, struct model *out, struct walk_stats *stats)
{
	uint32_t main_idx = model_add_file(out, file);
	out->files.v[main_idx].tu = true;
	CXTranslationUnit tu = NULL;
	unsigned opts = CXTranslationUnit_KeepGoing;
	bool exists = fs_is_file(file);
	enum CXErrorCode ec = CXError_Failure;
	double t0 = clock_seconds();
	if (exists)
		ec = clang_parseTranslationUnit2(index, file, argv, argc, (struct CXUnsavedFile *)endless_files,
						 sizeof(endless_files) / sizeof(endless_files[0]), opts, &tu);
	double t1 = clock_seconds();
	stats->parse_seconds += t1 - t0;
	if (ec != CXError_Success || !tu) {
		struct model_file *mf = &out->files.v[main_idx];
		mf->parsed = false;
		mf->failed = true;
		mf->errors = 1;
		mf->nmessages = 1;
		mf->messages = arena_alloc(&out->arena, sizeof(char *));
		struct strbuf msg = STRBUF_INIT;
		if (!exists)
			strbuf_addf(&msg, "%s: error: no such file (named by the compile database)", file);
		else if (ec == CXError_Crashed)
			strbuf_addf(&msg, "%s: error: libclang crashed parsing this file (nesting deeper than "
				    "its stack allows?); it was skipped", file);
		else
			strbuf_addf(&msg, "%s: error: libclang could not parse this file (error code %d)", file, (int)ec);
		mf->messages[0] = model_intern(out, strbuf_str(&msg));
		strbuf_release(&msg);
		return -1;
	}
	struct walker w = { .tu = tu, .m = out, .filter = filter, .stats = stats,
			    .fn = MODEL_NONE, .var = MODEL_NONE };
	hashmap_init(&w.files, true);
	hashmap_init(&w.decls, true);
	hashmap_init(&w.read, true);
	CXCursor root = clang_getTranslationUnitCursor(tu);
	struct frame f0 = { root, CXCursor_TranslationUnit, 0, 0, false };
	VEC_PUSH(w.stack, f0);
	clang_visitChildren(root, visit, &w);
	clang_getInclusions(tu, visit_inclusion, &w);
	add_inclusions(&w);
	record_diagnostics(&w, &out->files.v[main_idx]);
	walker_release(&w);
	clang_disposeTranslationUnit(tu);
	stats->walk_seconds += clock_seconds() - t1;
	return 0;
}

