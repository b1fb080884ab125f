/* cmd_compare.c — seam compare A B: how far a proposed decomposition is from
 * a reference one (MoJo, MoJoFM); seam compare --rsf FILE: one as RSF. */
#include "commands.h"
#include "decomposition.h"
#include "mojo.h"
#include "options.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

struct compare_args {
	const char *rsf;
	bool json;
};

static const char usage_line[] = "seam compare A B [--json] | seam compare --rsf FILE";
static const char summary[] =
	"Compares two decompositions of a project's files into services: A, the\n"
	"proposal, with B, the reference. Prints MoJo(A -> B), the fewest Move and\n"
	"Join operations that turn A into B, MoJoFM(A, B) = (1 - MoJo(A -> B) / the\n"
	"largest MoJo any decomposition can have to B) x 100%, MoJo(B -> A) and their\n"
	"minimum. Files listed by only one side are left out and counted. A and B are\n"
	"each a seam report.json, an EXPECTED.json answer key or an RSF file\n"
	"('contain SERVICE FILE' lines); see docs/compare.md.";

/* Exit code: 0, or 2 after printing why path cannot be read. */
static int load(struct decomposition *d, const char *path)
{
	struct strbuf err = STRBUF_INIT;
	int rc = decomposition_load_file(d, path, &err) == 0 ? SEAM_EXIT_OK : SEAM_EXIT_USAGE;
	if (rc != SEAM_EXIT_OK)
		cli_error("%s", strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}

enum { LIST_SHOWN = 5 };

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* "only in A, not compared: 2 files: x.c, y.c" (the first few) */
static void print_only_in(const char *side, size_t count, const struct decomposition *x,
			  const struct decomposition *y)
{
	if (count == 0)
		return;
	printf("only in %s, not compared: %zu file%s: ", side, count, plural(count));
	size_t shown = 0;
	for (size_t i = 0; i < x->entries.n && shown < LIST_SHOWN; i++)
		if (!decomposition_cluster_of(y, x->entries.v[i].entity))
			printf("%s%s", shown++ ? ", " : "", x->entries.v[i].entity);
	printf("%s\n", count > LIST_SHOWN ? ", ..." : "");
}

static void print_text(const struct mojo_result *r, const char *pa, const char *pb,
		       const struct decomposition *a, const struct decomposition *b)
{
	size_t sym = r->mojo_a_to_b < r->mojo_b_to_a ? r->mojo_a_to_b : r->mojo_b_to_a;
	printf("A = '%s' (proposal), B = '%s' (reference)\n", pa, pb);
	printf("MoJo(A -> B) = %zu, MoJoFM(A, B) = %.1f%%  (n = %zu file%s, A: %zu cluster%s, B: %zu cluster%s)\n",
	       r->mojo_a_to_b, r->mojofm, r->n, plural(r->n), r->clusters_a, plural(r->clusters_a), r->clusters_b,
	       plural(r->clusters_b));
	printf("MoJo(B -> A) = %zu, MoJo = min(MoJo(A -> B), MoJo(B -> A)) = %zu\n", r->mojo_b_to_a, sym);
	print_only_in("A", r->dropped_a, a, b);
	print_only_in("B", r->dropped_b, b, a);
}

static cJSON *only_in_json(const struct decomposition *x, const struct decomposition *y)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < x->entries.n; i++)
		if (!decomposition_cluster_of(y, x->entries.v[i].entity))
			cJSON_AddItemToArray(arr, cJSON_CreateString(x->entries.v[i].entity));
	return arr;
}

static void print_json(const struct mojo_result *r, const char *pa, const char *pb,
		       const struct decomposition *a, const struct decomposition *b)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "a", pa);
	cJSON_AddStringToObject(o, "b", pb);
	cJSON_AddNumberToObject(o, "mojo_a_to_b", (double)r->mojo_a_to_b);
	cJSON_AddNumberToObject(o, "mojo_b_to_a", (double)r->mojo_b_to_a);
	cJSON_AddNumberToObject(o, "mojo", (double)(r->mojo_a_to_b < r->mojo_b_to_a ? r->mojo_a_to_b : r->mojo_b_to_a));
	cJSON_AddNumberToObject(o, "max_mojo_to_b", (double)r->max_to_b);
	cJSON_AddNumberToObject(o, "mojofm", round(r->mojofm * 100.0) / 100.0);
	cJSON_AddNumberToObject(o, "n", (double)r->n);
	cJSON_AddNumberToObject(o, "clusters_a", (double)r->clusters_a);
	cJSON_AddNumberToObject(o, "clusters_b", (double)r->clusters_b);
	cJSON_AddNumberToObject(o, "dropped_a", (double)r->dropped_a);
	cJSON_AddNumberToObject(o, "dropped_b", (double)r->dropped_b);
	cJSON_AddItemToObject(o, "only_in_a", only_in_json(a, b));
	cJSON_AddItemToObject(o, "only_in_b", only_in_json(b, a));
	char *s = cJSON_Print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

static int compare(const char *pa, const char *pb, bool json)
{
	struct decomposition a, b;
	decomposition_init(&a);
	decomposition_init(&b);
	int rc = load(&a, pa);
	if (rc == SEAM_EXIT_OK)
		rc = load(&b, pb);
	struct mojo_result r;
	if (rc == SEAM_EXIT_OK) {
		mojo_compare(&a, &b, &r);
		if (r.n == 0) {
			cli_error("'%s' and '%s' have no file in common", pa, pb);
			rc = SEAM_EXIT_USAGE;
		} else if (json) {
			print_json(&r, pa, pb, &a, &b);
		} else {
			print_text(&r, pa, pb, &a, &b);
		}
	}
	decomposition_release(&a);
	decomposition_release(&b);
	return rc;
}

static int export_rsf(const char *path)
{
	struct decomposition d;
	decomposition_init(&d);
	int rc = load(&d, path);
	if (rc == SEAM_EXIT_OK) {
		struct strbuf out = STRBUF_INIT;
		decomposition_write_rsf(&d, &out);
		fputs(strbuf_str(&out), stdout);
		strbuf_release(&out);
	}
	decomposition_release(&d);
	return rc;
}

static int run(const struct compare_args *a, const struct parsed_args *pa)
{
	if (a->rsf && (pa->positional.n || a->json)) {
		cli_error("--rsf FILE takes no other argument (see 'seam compare --help')");
		return SEAM_EXIT_USAGE;
	}
	if (a->rsf)
		return export_rsf(a->rsf);
	if (pa->positional.n != 2) {
		cli_error("compare needs two decompositions, A and B (see 'seam compare --help')");
		return SEAM_EXIT_USAGE;
	}
	return compare(pa->positional.v[0], pa->positional.v[1], a->json);
}

int cmd_compare(int argc, char **argv)
{
	struct compare_args a = { 0 };
	const struct option opts[] = {
		{ 0, "json", OPT_FLAG, &a.json, NULL, "print the comparison as a JSON object (fields: docs/compare.md)" },
		{ 0, "rsf", OPT_STRING, &a.rsf, "FILE", "print FILE's decomposition as RSF (contain SERVICE FILE)" },
		{ 0 },
	};
	static const struct command_help help = { "compare", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
