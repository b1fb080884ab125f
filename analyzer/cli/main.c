/* main.c — seam's entry point: find the command in the table and run it */
#include "commands.h"
#include "options.h"
#include "strbuf.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct command commands[] = {
	{ "analyze", cmd_analyze, "analyse a C codebase: program model, effects, classes, candidates -> report.json" },
	{ "explain", cmd_explain, "why a function has its class: the chain of calls to the deciding statement" },
	{ "compare", cmd_compare, "compare two decompositions (MoJo, MoJoFM); export one as RSF" },
	{ "graph", cmd_graph, "draw one view (services, service-map, callgraph, state, files) as DOT, SVG, PNG or PDF" },
	{ "check", cmd_check, "gate a change: check the code against seam.json's architecture and a baseline" },
	{ "init", cmd_init, "write a starter seam.json (the target architecture) from the proposal" },
	{ "diff", cmd_diff, "what got worse or better between two reports: classes, crossing calls, state, metrics" },
	{ "version", cmd_version, "print seam's version and the libclang it uses" },
	{ "extract", cmd_extract, "parse one shard of the compile database into facts files (for analyze --facts)" },
	{ NULL, NULL, NULL },
};

const struct command *command_table(void)
{
	return commands;
}

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "seam: %s: ", prefix);
	strbuf_vaddf(&sb, fmt, ap);
	strbuf_addch(&sb, '\n');
	fputs(strbuf_str(&sb), stderr);
	strbuf_release(&sb);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("error", fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("warning", fmt, ap);
	va_end(ap);
}

void cli_warning_lines(const char *text)
{
	for (const char *line = text, *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		cli_warning("%.*s", (int)(nl - line), line);
}

int cli_options(const struct option *opts, int argc, char **argv, const struct command_help *help,
		struct parsed_args *pa)
{
	struct strbuf err = STRBUF_INIT;
	int rc = -1;
	if (options_parse(opts, argc, argv, pa, &err) != 0) {
		cli_error("%s (see 'seam %s --help')", strbuf_str(&err), help->name);
		rc = SEAM_EXIT_USAGE;
	} else if (pa->help) {
		struct strbuf text = STRBUF_INIT;
		options_usage(opts, help->usage, help->summary, &text);
		fputs(strbuf_str(&text), stdout);
		strbuf_release(&text);
		rc = SEAM_EXIT_OK;
	}
	strbuf_release(&err);
	return rc;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: seam <command> [options]\n\ncommands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\n'seam <command> --help' describes a command's options.\n");
}

/* Ctrl-C or a kill mid-run: stop at once with the shell's code for it
 * (130, 143). Nothing is half-written: reports are written atomically, and
 * fs_write_atomic holds these signals back while its temporary exists. */
static void on_signal(int sig)
{
	_exit(128 + sig);
}

static void install_signal_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int main(int argc, char **argv)
{
	install_signal_handlers();
	if (argc < 2) {
		usage(stderr);
		return SEAM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return SEAM_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	const struct command *c = command_find(argv[1]);
	if (!c) {
		cli_error("unknown command '%s' (see 'seam --help')", argv[1]);
		return SEAM_EXIT_USAGE;
	}
	return c->run(argc - 2, argv + 2);
}
