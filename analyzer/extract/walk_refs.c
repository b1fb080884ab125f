/* walk_refs.c — call sites, function references and accesses to globals,
 * classified from the walker's ancestry stack. */
#include "walk_internal.h"
#include "compdb.h"
#include "fsutil.h"
#include <stdio.h>
#include <string.h>

/* ---- calls --------------------------------------------------------------- */

static const char *pointee_spelling(struct walker *w, CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind == CXType_Pointer)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	return walk_take_string(w->m, clang_getTypeSpelling(t));
}

void walk_fill_place(struct walker *w, const struct place *p, uint32_t *file, uint32_t *line, uint32_t *col)
{
	*file = p->fi->file != MODEL_NONE ? p->fi->file : w->m->functions.v[w->fn].file;
	*line = p->line;
	*col = p->col;
}

/* The callee expression of a call, seen through parentheses, implicit
 * casts, `*` and `&`: (*fp)(x) calls through fp, (&f)(x) calls f. */
CXCursor walk_callee_of(CXCursor call)
{
	CXCursor c = walk_child0(call);
	for (int i = 0; i < 32 && !clang_Cursor_isNull(c); i++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_UnaryOperator)
			break;
		c = walk_child0(c);
	}
	return c;
}

void walk_handle_call(struct walker *w, CXCursor call)
{
	CXCursor callee = walk_callee_of(call);
	enum CXCursorKind ck = clang_getCursorKind(callee);
	CXCursor ref = clang_getNullCursor();
	if (ck == CXCursor_DeclRefExpr || ck == CXCursor_MemberRefExpr)
		ref = clang_getCursorReferenced(callee);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	struct place p = walk_cursor_place(w, call);
	struct model_call c = { .caller = w->fn, .nest = walk_nesting(w) };
	walk_fill_place(w, &p, &c.file, &c.line, &c.col);
	if (rk == CXCursor_FunctionDecl) {
		const struct decl_info *d = walk_decl_info(w, ref);
		c.callee_key = d->key;
		c.callee_name = d->name;
		model_add_call(w->m, &c);
		if (d->project && w->loops.n)
			walk_mark_controlled(w, call, false); /* while (running()); an if (check()) break is an error path */
		return;
	}
	c.indirect = true;
	if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl || rk == CXCursor_FieldDecl) {
		c.via = rk == CXCursor_VarDecl ? VIA_VARIABLE : rk == CXCursor_ParmDecl ? VIA_PARAMETER : VIA_FIELD;
		c.via_name = walk_take_string(w->m, clang_getCursorSpelling(ref));
		if (rk == CXCursor_FieldDecl) {
			CXCursor rec = clang_getCursorSemanticParent(ref);
			c.via_struct = walk_take_string(w->m, clang_getTypeSpelling(clang_getCursorType(rec)));
		}
		c.fptr_type = pointee_spelling(w, clang_getCursorType(ref));
	} else {
		CXCursor expr = walk_child0(call);
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
		CXCursor callee = walk_callee_of(parent->cursor);
		if (clang_getCursorKind(callee) == CXCursor_DeclRefExpr)
			r->call = walk_take_string(w->m, clang_getCursorSpelling(clang_getCursorReferenced(callee)));
	} else if (parent->kind == CXCursor_BinaryOperator && w->stack.v[i].index == 1) {
		CXCursor lhs = walk_child0(parent->cursor);
		if (clang_getCursorKind(lhs) == CXCursor_MemberRefExpr)
			r->field = walk_take_string(w->m, clang_getCursorSpelling(lhs));
	}
}

void walk_handle_function_ref(struct walker *w, CXCursor ref, CXCursor at)
{
	if (is_callee(w))
		return;
	uint32_t target = model_find_function(w->m, walk_decl_info(w, ref)->key);
	if (target == MODEL_NONE)
		target = walk_add_function(w, ref);
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
	struct place p = walk_cursor_place(w, at);
	if (p.fi->file == MODEL_NONE)
		return;
	r.file = p.fi->file;
	r.line = p.line;
	r.col = p.col;
	ref_context(w, &r);
	model_add_ref(w->m, &r);
	w->m->functions.v[target].address_taken = true;
}

/* Plain '=' right after the left operand of a BinaryOperator? */
static int binary_is_assignment(struct walker *w, CXCursor lhs)
{
	CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(lhs));
	size_t avail;
	const char *s = walk_text_at(w, end, &avail);
	if (!s || walk_is_macro_location(end))
		return -1;
	const char *e = s + avail;
	s = walk_skip_space(s, e);
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
	const char *s = walk_text_at(w, start, &avail);
	if (!s || !avail || walk_is_macro_location(start))
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
	const struct file_info *fi = walk_place_of(w, end).fi;
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

void walk_handle_var_ref(struct walker *w, CXCursor ref, CXCursor at)
{
	if (w->fn == MODEL_NONE || !walk_has_static_storage(ref))
		return;
	const struct decl_info *d = walk_decl_info(w, ref);
	if (!d->project)
		return;
	uint32_t g;
	if (!hashmap_get(&w->m->global_index, d->key, &g))
		g = walk_add_global(w, ref, clang_getCursorKind(clang_getCursorSemanticParent(ref)) ==
					   CXCursor_FunctionDecl);
	if (g == MODEL_NONE)
		return;
	int kind = classify_access(w);
	if (kind < 0)
		return;
	if (w->loops.n)
		walk_mark_controlled(w, at, true);
	struct place p = walk_cursor_place(w, at);
	struct model_access a = { .function = w->fn, .global = g, .kind = (uint8_t)kind };
	walk_fill_place(w, &p, &a.file, &a.line, &a.col);
	model_add_access(w->m, &a);
}

