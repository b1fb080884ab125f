/* walk.c — one translation unit through libclang into a per-TU model.
 *
 * A single clang_visitChildren pass with CXChildVisit_Recurse; the
 * ancestry of the current cursor is kept in an explicit stack (popped
 * until its top is the visitor's parent), so nothing here recurses on the
 * depth of the analysed code. Top-level declarations from system headers
 * are skipped without being walked. */
#include "walk.h"
#include "compdb.h"
#include "fsutil.h"
#include <stdio.h>
#include <string.h>

enum { MAX_MESSAGES = 5 };

struct file_info {
	uint32_t file;   /* index in the TU model, MODEL_NONE when not a project file */
	const char *contents;
	size_t size;
};

struct decl_info {
	const char *key, *name, *usr; /* interned in the TU model */
	bool project;
	enum CXLinkageKind linkage;
};

struct frame {
	CXCursor cursor;
	enum CXCursorKind kind;
	uint32_t nchildren, index;
	bool flag_cond;  /* an if whose condition reads a global or field, or calls the project */
};

struct open_loop {
	size_t depth;                 /* its frame's depth in the stack */
	uint32_t loop;                /* index in the model's loops, MODEL_NONE for a switch */
	enum CXCursorKind kind;
	unsigned header_end;          /* for: file offset of the header's ')' */
};

struct walker {
	CXTranslationUnit tu;
	struct model *m;
	const struct walk_filter *filter;
	struct walk_stats *stats;
	struct hashmap files, decls;   /* by pointer: CXFile, canonical Decl* */
	VEC(struct file_info) finfo;
	VEC(struct decl_info) dinfo;
	VEC(struct frame) stack;
	VEC(struct open_loop) loops;  /* loops and switches enclosing the cursor */
	uint32_t fn, var;             /* current function / static-storage variable */
	size_t fn_depth, var_depth;
};

static void mark_controlled(struct walker *w, CXCursor at, bool guards);

/* ---- strings, files, locations ------------------------------------------ */

static const char *take_string(struct model *m, CXString s)
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

struct place {
	const struct file_info *fi;
	unsigned line, col, offset;
};

static struct place place_of(struct walker *w, CXSourceLocation loc)
{
	CXFile file;
	struct place p;
	clang_getExpansionLocation(loc, &file, &p.line, &p.col, &p.offset);
	p.fi = file_info(w, file, loc);
	return p;
}

static struct place cursor_place(struct walker *w, CXCursor c)
{
	return place_of(w, clang_getCursorLocation(c));
}

/* ---- declarations ---------------------------------------------------- */

static const struct decl_info *decl_info(struct walker *w, CXCursor decl)
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
	d.usr = take_string(w->m, clang_getCursorUSR(canon));
	d.name = take_string(w->m, clang_getCursorSpelling(canon));
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

static uint32_t add_function(struct walker *w, CXCursor c)
{
	const struct decl_info *d = decl_info(w, c);
	struct place p = cursor_place(w, c);
	if (!d->project || p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	CXSourceRange ext = clang_getCursorExtent(c);
	unsigned end_line;
	clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, &end_line, NULL, NULL);
	CXType t = clang_getCursorType(c);
	struct model_function f = {
		.key = d->key, .usr = d->usr, .name = d->name,
		.signature = take_string(w->m, clang_getTypeSpelling(t)),
		.type = take_string(w->m, clang_getTypeSpelling(clang_getCanonicalType(t))),
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

static bool has_static_storage(CXCursor var)
{
	return clang_Cursor_hasVarDeclGlobalStorage(var) == 1;
}

static uint32_t add_global(struct walker *w, CXCursor c, bool in_function)
{
	const struct decl_info *d = decl_info(w, c);
	struct place p = cursor_place(w, c);
	if (!d->project || p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	CXType t = clang_getCursorType(c);
	struct model_global g = {
		.key = d->key, .usr = d->usr, .name = d->name,
		.type = take_string(w->m, clang_getTypeSpelling(t)),
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

static uint32_t add_type(struct walker *w, CXCursor decl)
{
	if (clang_Cursor_isNull(decl))
		return MODEL_NONE;
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def))
		return MODEL_NONE;
	const struct decl_info *d = decl_info(w, def);
	struct place p = cursor_place(w, def);
	if (!d->project || p.fi->file == MODEL_NONE)
		return MODEL_NONE;
	const char *name = d->name;
	if (!name[0] || strchr(name, '(')) /* anonymous: use the type's spelling */
		name = take_string(w->m, clang_getTypeSpelling(clang_getCursorType(def)));
	struct model_type t = {
		.key = d->key, .usr = d->usr, .name = name, .file = p.fi->file, .line = p.line,
		.is_union = clang_getCursorKind(def) == CXCursor_UnionDecl,
	};
	return model_add_type(w->m, &t);
}

static void use_type(struct walker *w, CXCursor record)
{
	if (w->fn == MODEL_NONE)
		return;
	uint32_t t = add_type(w, record);
	if (t != MODEL_NONE)
		model_add_type_use(w->m, w->fn, t);
}

/* ---- calls --------------------------------------------------------------- */

static const char *pointee_spelling(struct walker *w, CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind == CXType_Pointer)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	return take_string(w->m, clang_getTypeSpelling(t));
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

static void fill_place(struct walker *w, const struct place *p, uint32_t *file, uint32_t *line, uint32_t *col)
{
	*file = p->fi->file != MODEL_NONE ? p->fi->file : w->m->functions.v[w->fn].file;
	*line = p->line;
	*col = p->col;
}

static CXCursor child0(CXCursor c)
{
	CXCursor r = clang_getNullCursor();
	clang_visitChildren(c, first_child, &r);
	return r;
}

/* The callee expression of a call, seen through parentheses, implicit
 * casts, `*` and `&`: (*fp)(x) calls through fp, (&f)(x) calls f. */
static CXCursor callee_of(CXCursor call)
{
	CXCursor c = child0(call);
	for (int i = 0; i < 32 && !clang_Cursor_isNull(c); i++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_UnaryOperator)
			break;
		c = child0(c);
	}
	return c;
}

static bool is_branching(enum CXCursorKind k)
{
	return k == CXCursor_IfStmt || k == CXCursor_SwitchStmt || k == CXCursor_ForStmt ||
	       k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_ConditionalOperator;
}

/* How many branches and loops of the current function enclose the cursor
 * on top of the stack (the cursor itself not counted). */
static uint16_t nesting(const struct walker *w)
{
	unsigned n = 0;
	for (size_t i = w->fn_depth + 1; i + 1 < w->stack.n; i++)
		n += is_branching(w->stack.v[i].kind);
	return n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
}

static void handle_call(struct walker *w, CXCursor call)
{
	CXCursor callee = callee_of(call);
	enum CXCursorKind ck = clang_getCursorKind(callee);
	CXCursor ref = clang_getNullCursor();
	if (ck == CXCursor_DeclRefExpr || ck == CXCursor_MemberRefExpr)
		ref = clang_getCursorReferenced(callee);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	struct place p = cursor_place(w, call);
	struct model_call c = { .caller = w->fn, .nest = nesting(w) };
	fill_place(w, &p, &c.file, &c.line, &c.col);
	if (rk == CXCursor_FunctionDecl) {
		const struct decl_info *d = decl_info(w, ref);
		c.callee_key = d->key;
		c.callee_name = d->name;
		model_add_call(w->m, &c);
		if (d->project && w->loops.n)
			mark_controlled(w, call, false); /* while (running()); an if (check()) break is an error path */
		return;
	}
	c.indirect = true;
	if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl || rk == CXCursor_FieldDecl) {
		c.via = rk == CXCursor_VarDecl ? VIA_VARIABLE : rk == CXCursor_ParmDecl ? VIA_PARAMETER : VIA_FIELD;
		c.via_name = take_string(w->m, clang_getCursorSpelling(ref));
		if (rk == CXCursor_FieldDecl) {
			CXCursor rec = clang_getCursorSemanticParent(ref);
			c.via_struct = take_string(w->m, clang_getTypeSpelling(clang_getCursorType(rec)));
		}
		c.fptr_type = pointee_spelling(w, clang_getCursorType(ref));
	} else {
		CXCursor expr = child0(call);
		c.via = VIA_EXPRESSION;
		if (!clang_Cursor_isNull(expr))
			c.fptr_type = pointee_spelling(w, clang_getCursorType(expr));
	}
	model_add_call(w->m, &c);
}

/* ---- references and accesses ------------------------------------------- */

static bool is_transparent(enum CXCursorKind k)
{
	return k == CXCursor_UnexposedExpr || k == CXCursor_ParenExpr || k == CXCursor_UnaryOperator;
}

/* Whether the DeclRefExpr on top of the stack is the callee of a call. */
static bool is_callee(const struct walker *w)
{
	size_t i = w->stack.n - 1;
	while (i > 1 && is_transparent(w->stack.v[i - 1].kind))
		i--;
	return i > 0 && w->stack.v[i - 1].kind == CXCursor_CallExpr && w->stack.v[i].index == 0;
}

/* What the function reference on top of the stack is handed to: an
 * argument of a call (pthread_create(&t, NULL, worker, NULL)) or the value
 * stored into a struct field (sa.sa_handler = on_signal). */
static void ref_context(struct walker *w, struct model_ref *r)
{
	size_t i = w->stack.n - 1;
	while (i > 1 && (w->stack.v[i - 1].kind == CXCursor_UnexposedExpr ||
			 w->stack.v[i - 1].kind == CXCursor_ParenExpr ||
			 w->stack.v[i - 1].kind == CXCursor_CStyleCastExpr ||
			 w->stack.v[i - 1].kind == CXCursor_UnaryOperator))
		i--;
	if (i == 0)
		return;
	const struct frame *parent = &w->stack.v[i - 1];
	if (parent->kind == CXCursor_CallExpr && w->stack.v[i].index > 0) {
		CXCursor callee = callee_of(parent->cursor);
		if (clang_getCursorKind(callee) == CXCursor_DeclRefExpr)
			r->call = take_string(w->m, clang_getCursorSpelling(clang_getCursorReferenced(callee)));
	} else if (parent->kind == CXCursor_BinaryOperator && w->stack.v[i].index == 1) {
		CXCursor lhs = child0(parent->cursor);
		if (clang_getCursorKind(lhs) == CXCursor_MemberRefExpr)
			r->field = take_string(w->m, clang_getCursorSpelling(lhs));
	}
}

static void handle_function_ref(struct walker *w, CXCursor ref, CXCursor at)
{
	if (is_callee(w))
		return;
	uint32_t target = model_find_function(w->m, decl_info(w, ref)->key);
	if (target == MODEL_NONE)
		target = add_function(w, ref);
	if (target == MODEL_NONE)
		return; /* a library function passed as a callback */
	struct model_ref r = { .function = target };
	if (w->fn != MODEL_NONE) {
		r.from_kind = REF_FUNCTION;
		r.from = w->fn;
	} else if (w->var != MODEL_NONE) {
		r.from_kind = REF_GLOBAL;
		r.from = w->var;
	} else {
		return;
	}
	struct place p = cursor_place(w, at);
	if (p.fi->file == MODEL_NONE)
		return;
	r.file = p.fi->file;
	r.line = p.line;
	r.col = p.col;
	ref_context(w, &r);
	model_add_ref(w->m, &r);
	w->m->functions.v[target].address_taken = true;
}

/* The source text at a cursor's extent start or end (expansion locations). */
static const char *text_at(struct walker *w, CXSourceLocation loc, size_t *avail)
{
	struct place p = place_of(w, loc);
	if (!p.fi->contents || p.offset > p.fi->size)
		return NULL;
	*avail = p.fi->size - p.offset;
	return p.fi->contents + p.offset;
}

static bool is_macro_location(CXSourceLocation loc)
{
	CXFile f1, f2;
	unsigned o1, o2;
	clang_getExpansionLocation(loc, &f1, NULL, NULL, &o1);
	clang_getSpellingLocation(loc, &f2, NULL, NULL, &o2);
	return f1 != f2 || o1 != o2;
}

/* Skips blanks and comments. */
static const char *skip_space(const char *s, const char *end)
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

/* Plain '=' right after the left operand of a BinaryOperator? */
static int binary_is_assignment(struct walker *w, CXCursor lhs)
{
	CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(lhs));
	size_t avail;
	const char *s = text_at(w, end, &avail);
	if (!s || is_macro_location(end))
		return -1;
	const char *e = s + avail;
	s = skip_space(s, e);
	if (s >= e)
		return -1;
	return s[0] == '=' && (s + 1 >= e || s[1] != '=');
}

enum unop { UNOP_UNKNOWN, UNOP_ADDRESS, UNOP_DEREF, UNOP_INCDEC, UNOP_OTHER };

static enum unop unary_kind(struct walker *w, CXCursor op)
{
	CXSourceRange ext = clang_getCursorExtent(op);
	CXSourceLocation start = clang_getRangeStart(ext), end = clang_getRangeEnd(ext);
	size_t avail;
	const char *s = text_at(w, start, &avail);
	if (!s || !avail || is_macro_location(start))
		return UNOP_UNKNOWN;
	if (avail >= 2 && (memcmp(s, "++", 2) == 0 || memcmp(s, "--", 2) == 0))
		return UNOP_INCDEC;
	if (s[0] == '&')
		return UNOP_ADDRESS;
	if (s[0] == '*')
		return UNOP_DEREF;
	if (strchr("-+!~", s[0]))
		return UNOP_OTHER;
	/* postfix: the operator ends the extent */
	CXFile f;
	unsigned off;
	clang_getExpansionLocation(end, &f, NULL, NULL, &off);
	const struct file_info *fi = place_of(w, end).fi;
	if (!fi->contents || off < 2 || off > fi->size)
		return UNOP_UNKNOWN;
	if (memcmp(fi->contents + off - 2, "++", 2) == 0 || memcmp(fi->contents + off - 2, "--", 2) == 0)
		return UNOP_INCDEC;
	return UNOP_OTHER;
}

static bool is_array_type(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray;
}

/* A pointer to const: what a read-only view of an object looks like. */
static bool is_const_pointer(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(t));
}

/* Is the address taken at frame j converted to a pointer to const by the
 * conversions and casts around it (passed to a `const T *` parameter,
 * `(const char *)&g`)? Then the object is only read through it. */
static bool const_view_above(const struct walker *w, size_t j)
{
	for (; j > 0; j--) {
		enum CXCursorKind k = w->stack.v[j - 1].kind;
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr)
			return false;
		if (is_const_pointer(clang_getCursorType(w->stack.v[j - 1].cursor)))
			return true;
	}
	return false;
}

/* How the variable referenced by the DeclRefExpr on top of the stack is
 * used: climb through member, element, dereference, parentheses and casts
 * to the operator that consumes it. An address that is only ever seen
 * through a pointer to const is a read. Returns -1 for unevaluated uses. */
static int classify_access(struct walker *w)
{
	size_t j = w->stack.n - 1;
	bool decayed = false, const_view = false;
	for (; j > 0; j--) {
		const struct frame *child = &w->stack.v[j];
		const struct frame *parent = &w->stack.v[j - 1];
		switch (parent->kind) {
		case CXCursor_ParenExpr:
			continue;
		case CXCursor_CStyleCastExpr:
		case CXCursor_UnexposedExpr:
			if (parent->kind == CXCursor_UnexposedExpr && is_array_type(clang_getCursorType(child->cursor)))
				decayed = true;
			if (decayed && is_const_pointer(clang_getCursorType(parent->cursor)))
				const_view = true;
			continue;
		case CXCursor_MemberRefExpr:
			decayed = const_view = false;
			continue;
		case CXCursor_ArraySubscriptExpr:
			if (child->index != 0)
				return ACCESS_READ; /* the index, not the array */
			decayed = const_view = false;
			continue;
		case CXCursor_UnaryOperator:
			switch (unary_kind(w, parent->cursor)) {
			case UNOP_ADDRESS:
				return const_view_above(w, j - 1) ? ACCESS_READ : ACCESS_ADDRESS;
			case UNOP_DEREF:
				decayed = const_view = false;
				continue;
			case UNOP_INCDEC:
				return ACCESS_WRITE;
			case UNOP_UNKNOWN:
				w->stats->unclassified_writes++;
				return ACCESS_READ;
			default:
				return ACCESS_READ;
			}
		case CXCursor_CompoundAssignOperator:
			return child->index == 0 ? ACCESS_WRITE : ACCESS_READ;
		case CXCursor_BinaryOperator:
			if (child->index == 0) {
				int a = binary_is_assignment(w, child->cursor);
				if (a < 0)
					w->stats->unclassified_writes++;
				if (a == 1)
					return ACCESS_WRITE;
			}
			return decayed && !const_view ? ACCESS_ADDRESS : ACCESS_READ;
		case CXCursor_UnaryExpr: /* sizeof, _Alignof: not evaluated */
			return -1;
		default:
			return decayed && !const_view ? ACCESS_ADDRESS : ACCESS_READ;
		}
	}
	return ACCESS_READ;
}

static void handle_var_ref(struct walker *w, CXCursor ref, CXCursor at)
{
	if (w->fn == MODEL_NONE || !has_static_storage(ref))
		return;
	const struct decl_info *d = decl_info(w, ref);
	if (!d->project)
		return;
	uint32_t g;
	if (!hashmap_get(&w->m->global_index, d->key, &g))
		g = add_global(w, ref, clang_getCursorKind(clang_getCursorSemanticParent(ref)) ==
					   CXCursor_FunctionDecl);
	if (g == MODEL_NONE)
		return;
	int kind = classify_access(w);
	if (kind < 0)
		return;
	if (w->loops.n)
		mark_controlled(w, at, true);
	struct place p = cursor_place(w, at);
	struct model_access a = { .function = w->fn, .global = g, .kind = (uint8_t)kind };
	fill_place(w, &p, &a.file, &a.line, &a.col);
	model_add_access(w->m, &a);
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
		add_function(w, c);
		return CXChildVisit_Continue;
	}
	uint32_t idx = add_function(w, c);
	if (idx == MODEL_NONE || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	w->fn = idx;
	w->fn_depth = depth;
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_var(struct walker *w, CXCursor c, size_t depth)
{
	if (!has_static_storage(c))
		return CXChildVisit_Recurse;
	uint32_t g = add_global(w, c, w->fn != MODEL_NONE);
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
		handle_function_ref(w, ref, c);
		break;
	case CXCursor_VarDecl:
		handle_var_ref(w, ref, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* Is the expression a non-zero constant (while (1), do ... while (true))? */
static bool constant_true(CXCursor expr)
{
	if (clang_Cursor_isNull(expr))
		return false;
	CXEvalResult ev = clang_Cursor_Evaluate(expr);
	if (!ev)
		return false;
	bool t = clang_EvalResult_getKind(ev) == CXEval_Int && clang_EvalResult_getAsLongLong(ev) != 0;
	clang_EvalResult_dispose(ev);
	return t;
}

static enum CXChildVisitResult nth_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct { CXCursor found; int left; } *st = data;
	if (st->left-- == 0) {
		st->found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* A for statement's header from the source text: whether its condition is
 * empty (for (;;)), and the offset of the ')' that closes it. */
static bool for_header(struct walker *w, CXCursor loop, unsigned *header_end)
{
	size_t avail;
	CXSourceLocation at = clang_getCursorLocation(loop);
	const char *s = text_at(w, at, &avail);
	*header_end = 0;
	if (!s || is_macro_location(at))
		return false;
	const char *e = s + avail, *p = s;
	while (p < e && *p != '(')
		p++;
	int depth = 0, semis = 0;
	bool empty = false;
	const char *cond = NULL;
	for (; p < e; p++) {
		if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			unsigned base;
			clang_getExpansionLocation(at, NULL, NULL, NULL, &base);
			*header_end = base + (unsigned)(p - s);
			return empty;
		} else if (*p == ';' && depth == 1 && ++semis == 1) {
			cond = p + 1;
		} else if (*p == ';' && depth == 1 && semis == 2) {
			empty = skip_space(cond, p) == p;
		}
	}
	return false;
}

/* Is the cursor on top of the stack in the condition of the open loop? */
static bool in_condition(const struct walker *w, const struct open_loop *ol, unsigned offset)
{
	if (ol->kind == CXCursor_ForStmt)
		return ol->header_end && offset < ol->header_end;
	const struct frame *child = &w->stack.v[ol->depth + 1];
	return ol->kind == CXCursor_WhileStmt ? child->index == 0 : child->index == 1;
}

/* A read of a global or a field (or, in a loop's own condition, a call of
 * a project function): something outside the loop can stop it. With
 * `guards`, the ifs whose condition this is in are marked too, so that a
 * break or return under them makes their loop controlled. */
static void mark_controlled(struct walker *w, CXCursor at, bool guards)
{
	unsigned offset;
	clang_getExpansionLocation(clang_getCursorLocation(at), NULL, NULL, NULL, &offset);
	/* the ifs whose condition this is in: a break or return under them is
	 * an exit something outside the loop decides (if (g_stop) break;) */
	for (size_t i = w->stack.n - 1; guards && i > 0; i--)
		if (w->stack.v[i - 1].kind == CXCursor_IfStmt && w->stack.v[i].index == 0)
			w->stack.v[i - 1].flag_cond = true;
	for (size_t i = w->loops.n; i-- > 0;) {
		const struct open_loop *ol = &w->loops.v[i];
		if (ol->loop != MODEL_NONE && ol->depth + 1 < w->stack.n && in_condition(w, ol, offset))
			w->m->loops.v[ol->loop].controlled = true;
	}
}

static void open_loop(struct walker *w, CXCursor c, enum CXCursorKind kind, size_t depth)
{
	struct open_loop ol = { depth, MODEL_NONE, kind, 0 };
	if (kind != CXCursor_SwitchStmt) {
		struct place p = cursor_place(w, c);
		unsigned end_line;
		clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, &end_line, NULL, NULL);
		struct model_loop l = { .function = w->fn, .line = p.line, .end_line = end_line, .nest = nesting(w) };
		l.file = p.fi->file != MODEL_NONE ? p.fi->file : w->m->functions.v[w->fn].file;
		if (kind == CXCursor_ForStmt) {
			l.infinite = for_header(w, c, &ol.header_end);
		} else {
			struct { CXCursor found; int left; } st = { clang_getNullCursor(), kind == CXCursor_DoStmt };
			clang_visitChildren(c, nth_child, &st);
			l.infinite = constant_true(st.found);
		}
		ol.loop = (uint32_t)w->m->loops.n;
		model_add_loop(w->m, &l);
	}
	VEC_PUSH(w->loops, ol);
}

/* break leaves the innermost loop or switch; return and goto leave every loop */
/* Is the statement on top of the stack under an if whose condition reads
 * a flag, inside the loop whose frame is at `depth`? */
static bool flag_guarded(const struct walker *w, size_t depth)
{
	for (size_t i = w->stack.n - 1; i > depth; i--)
		if (w->stack.v[i].kind == CXCursor_IfStmt && w->stack.v[i].flag_cond)
			return true;
	return false;
}

/* break leaves the innermost loop or switch; return and goto leave every
 * loop. An exit guarded by a flag makes the loop controlled. */
static void leave_loops(struct walker *w, enum CXCursorKind kind)
{
	for (size_t i = w->loops.n; i-- > 0;) {
		uint32_t l = w->loops.v[i].loop;
		if (l != MODEL_NONE) {
			w->m->loops.v[l].exits = true;
			if (flag_guarded(w, w->loops.v[i].depth))
				w->m->loops.v[l].controlled = true;
		}
		if (kind == CXCursor_BreakStmt)
			return;
	}
}

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
		if (place_of(w, loc).fi->file == MODEL_NONE)
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
			open_loop(w, c, kind, depth);
		return CXChildVisit_Recurse;
	case CXCursor_BreakStmt:
	case CXCursor_ReturnStmt:
	case CXCursor_GotoStmt:
	case CXCursor_IndirectGotoStmt:
		if (w->fn != MODEL_NONE)
			leave_loops(w, kind);
		return CXChildVisit_Recurse;
	case CXCursor_FunctionDecl:
		return visit_function(w, c, depth);
	case CXCursor_VarDecl:
		return visit_var(w, c, depth);
	case CXCursor_CallExpr:
		if (w->fn != MODEL_NONE)
			handle_call(w, c);
		return CXChildVisit_Recurse;
	case CXCursor_DeclRefExpr:
		return visit_ref(w, c);
	case CXCursor_MemberRefExpr:
		use_type(w, clang_getCursorSemanticParent(clang_getCursorReferenced(c)));
		if (w->fn != MODEL_NONE && w->loops.n)
			mark_controlled(w, c, true); /* while (!loop->stop): a field someone else may set */
		return CXChildVisit_Recurse;
	case CXCursor_TypeRef:
		use_type(w, record_of_type(clang_getCursorType(clang_getCursorReferenced(c))));
		return CXChildVisit_Continue;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c))
			add_type(w, c);
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

static void visit_inclusion(CXFile included, CXSourceLocation *stack, unsigned len, CXClientData data)
{
	struct walker *w = data;
	if (len == 0)
		return; /* the main file */
	CXSourceLocation inc_loc = clang_getLocation(w->tu, included, 1, 1);
	const struct file_info *to = file_info(w, included, inc_loc);
	struct place from = place_of(w, stack[0]);
	if (to->file != MODEL_NONE && from.fi->file != MODEL_NONE)
		model_add_include(w->m, from.fi->file, to->file);
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
			VEC_PUSH(msgs, take_string(w->m, s));
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

static void walker_release(struct walker *w)
{
	hashmap_release(&w->files);
	hashmap_release(&w->decls);
	VEC_FREE(w->finfo);
	VEC_FREE(w->dinfo);
	VEC_FREE(w->stack);
	VEC_FREE(w->loops);
}

int walk_tu(CXIndex index, const char *file, const char *const *argv, int argc,
	    const struct walk_filter *filter, struct model *out, struct walk_stats *stats)
{
	uint32_t main_idx = model_add_file(out, file);
	out->files.v[main_idx].tu = true;
	CXTranslationUnit tu = NULL;
	unsigned opts = CXTranslationUnit_KeepGoing;
	bool exists = fs_is_file(file);
	enum CXErrorCode ec = CXError_Failure;
	if (exists)
		ec = clang_parseTranslationUnit2(index, file, argv, argc, NULL, 0, opts, &tu);
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
	CXCursor root = clang_getTranslationUnitCursor(tu);
	struct frame f0 = { root, CXCursor_TranslationUnit, 0, 0, false };
	VEC_PUSH(w.stack, f0);
	clang_visitChildren(root, visit, &w);
	clang_getInclusions(tu, visit_inclusion, &w);
	record_diagnostics(&w, &out->files.v[main_idx]);
	walker_release(&w);
	clang_disposeTranslationUnit(tu);
	return 0;
}
