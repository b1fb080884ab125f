/* commands.h — the subcommand table (git's commands[]): every command has
 * the same signature and returns seam's exit code. */
#ifndef SEAM_COMMANDS_H
#define SEAM_COMMANDS_H
#include <stddef.h>

/* Exit codes, documented in docs/cli.md. */
enum seam_exit {
	SEAM_EXIT_OK = 0,
	SEAM_EXIT_VIOLATIONS = 1,
	SEAM_EXIT_USAGE = 2,     /* bad usage, configuration, input files or output folder */
	SEAM_EXIT_INPUT = 3,     /* the input could not be analysed */
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_analyze(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_extract(int argc, char **argv);

/* Loads the built-in effect packs and then each of files (cmd_analyze.c). */
struct catalog;
int load_catalog(struct catalog *cat, char *const *files, size_t nfiles);

const struct command *command_find(const char *name);
const struct command *command_table(void);

struct option;
struct parsed_args;
struct command_help {
	const char *name, *usage, *summary;
};
/* Parses a command's options; prints the error or the help itself.
 * Returns -1 when the command should run, else the exit code to return. */
int cli_options(const struct option *opts, int argc, char **argv, const struct command_help *help,
		struct parsed_args *pa);

/* "seam: error: ..." / "seam: warning: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One warning per line of text (each line ends in '\n'). */
void cli_warning_lines(const char *text);

#endif
