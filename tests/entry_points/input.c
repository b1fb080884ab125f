/* Entry points besides main: signal handlers, thread start routines,
 * registered callbacks, and exported functions nobody calls. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

static volatile sig_atomic_t g_stop;
static void on_term(int sig) { (void)sig; g_stop = 1; }
static void on_hup(int sig) { (void)sig; }
static void *worker(void *arg) { return arg; }
static void at_end(void) { }
static int by_value(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

void install(void)
{
	struct sigaction sa;
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGTERM, on_term);
	atexit(at_end);
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
}

void sort_ints(int *v, size_t n) { qsort(v, n, sizeof *v, by_value); }
