/* walk_internal.h — shared by the files of the libclang walk (walk.c,
 * walk_refs.c, walk_loops.c); nothing outside analyzer/extract includes it. */
#ifndef SEAM_WALK_INTERNAL_H
#define SEAM_WALK_INTERNAL_H
#include "walk.h"
#include <stdbool.h>

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

struct inclusion {
	CXFile file;             /* the included file */
	CXSourceLocation at;     /* its #include directive, in the includer */
};

struct walker {
	CXTranslationUnit tu;
	struct model *m;
	const struct walk_filter *filter;
	struct walk_stats *stats;
	struct hashmap files, decls;   /* by pointer: CXFile, canonical Decl* */
	struct hashmap read;           /* by pointer: CXFile already in stats->files */
	VEC(struct file_info) finfo;
	VEC(struct decl_info) dinfo;
	VEC(struct frame) stack;
	VEC(struct open_loop) loops;  /* loops and switches enclosing the cursor */
	VEC(struct inclusion) inclusions;
	uint32_t fn, var;             /* current function / static-storage variable */
	size_t fn_depth, var_depth;
};

struct place {
	const struct file_info *fi;
	unsigned line, col, offset;
};

const char *walk_take_string(struct model *m, CXString s);
struct place walk_place_of(struct walker *w, CXSourceLocation loc);
struct place walk_cursor_place(struct walker *w, CXCursor c);
const struct decl_info *walk_decl_info(struct walker *w, CXCursor decl);
uint32_t walk_add_function(struct walker *w, CXCursor c);
bool walk_has_static_storage(CXCursor var);
uint32_t walk_add_global(struct walker *w, CXCursor c, bool in_function);
uint32_t walk_add_type(struct walker *w, CXCursor decl);
void walk_use_type(struct walker *w, CXCursor record);
const char *walk_text_at(struct walker *w, CXSourceLocation loc, size_t *avail);
bool walk_is_macro_location(CXSourceLocation loc);
const char *walk_skip_space(const char *s, const char *end);
uint16_t walk_nesting(const struct walker *w);
enum CXChildVisitResult walk_first_child(CXCursor c, CXCursor parent, CXClientData data);
CXCursor walk_child0(CXCursor c);
void walk_fill_place(struct walker *w, const struct place *p, uint32_t *file, uint32_t *line, uint32_t *col);
CXCursor walk_callee_of(CXCursor call);
void walk_handle_call(struct walker *w, CXCursor call);
void walk_handle_function_ref(struct walker *w, CXCursor ref, CXCursor at);
void walk_handle_var_ref(struct walker *w, CXCursor ref, CXCursor at);
void walk_mark_controlled(struct walker *w, CXCursor at, bool guards);
void walk_open_loop(struct walker *w, CXCursor c, enum CXCursorKind kind, size_t depth);
void walk_leave_loops(struct walker *w, enum CXCursorKind kind);

#endif
