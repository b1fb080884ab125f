/* walk_loops.c — loops: infinite or not, how they can be left, and
 * whether something outside them decides when they end. */
#include "walk_internal.h"
#include "compdb.h"
#include "fsutil.h"
#include <stdio.h>
#include <string.h>

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
	const char *s = walk_text_at(w, at, &avail);
	*header_end = 0;
	if (!s || walk_is_macro_location(at))
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
			empty = walk_skip_space(cond, p) == p;
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
void walk_mark_controlled(struct walker *w, CXCursor at, bool guards)
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

void walk_open_loop(struct walker *w, CXCursor c, enum CXCursorKind kind, size_t depth)
{
	struct open_loop ol = { depth, MODEL_NONE, kind, 0 };
	if (kind != CXCursor_SwitchStmt) {
		struct place p = walk_cursor_place(w, c);
		unsigned end_line;
		clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, &end_line, NULL, NULL);
		struct model_loop l = { .function = w->fn, .line = p.line, .end_line = end_line, .nest = walk_nesting(w) };
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
void walk_leave_loops(struct walker *w, enum CXCursorKind kind)
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

