/* One function per effect a pack can give, through the built-in packs.
 * Library functions are declared here so the case needs no -dev package. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct sqlite3 sqlite3;
int sqlite3_exec(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *, char **);

int e_file(const char *p) { FILE *f = fopen(p, "r"); if (!f) return -1; return fclose(f); }
void e_console(void) { puts("hi"); }
int e_net(void) { return socket(AF_INET, SOCK_STREAM, 0); }
int e_db(sqlite3 *db) { return sqlite3_exec(db, "select 1", 0, 0, 0); }
void e_process(void) { signal(SIGPIPE, SIG_IGN); }
int e_thread(pthread_t t) { return pthread_join(t, NULL); }
long e_time(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec; }
int e_random(void) { return rand(); }
const char *e_env(void) { return getenv("PATH"); }
void e_blocking(void) { usleep(10); }
void *e_alloc(size_t n) { return calloc(1, n); }
char *e_nonreentrant(time_t t) { return ctime(&t); }
