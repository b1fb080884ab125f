/* Configuration: globals written only during start-up. */
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

struct config { int port; int verbose; };
struct config g_config;        /* written by main before the loop: configuration */
static int g_level;            /* written by log_init (an init pattern): configuration */
static long g_served;          /* written while serving: state */

void log_init(int level) { g_level = level; }
int log_enabled(int level) { return level <= g_level; }        /* config */
int port_of(void) { return g_config.port; }                    /* config */
const char *home(void) { return getenv("HOME"); }              /* config: env */
static void load_defaults(void) { g_config.verbose = 1; }      /* called only before the loop */

static void handle(int fd) { g_served++; if (log_enabled(1)) (void)write(fd, "ok", 2); }

static void serve(int lfd)
{
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		if (fd >= 0)
			handle(fd);
	}
}

int main(int argc, char **argv)
{
	(void)argv;
	g_config.port = 8080 + argc;
	load_defaults();
	log_init(2);
	serve(3);
	return 0;
}
