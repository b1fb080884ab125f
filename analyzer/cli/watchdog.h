/* watchdog.h — a translation unit that never finishes (a header that is a
 * FIFO, a device, a network file system that hangs) must not hang seam in
 * CI: when no TU has finished for `timeout` seconds, the watchdog names the
 * one extraction waits for and ends seam with exit code 3. Nothing is half
 * written: reports are only written after extraction.
 * Ownership: the watchdog keeps a pointer to db until watchdog_stop(). */
#ifndef SEAM_WATCHDOG_H
#define SEAM_WATCHDOG_H
#include "compdb.h"
#include <pthread.h>
#include <stdbool.h>

#define WATCHDOG_DEFAULT_SECONDS 600

struct watchdog {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	const struct compdb *db;
	size_t begin, done;          /* entries [begin, begin + done) are finished */
	double last;                 /* when the last one finished (or extraction began) */
	unsigned timeout;
	bool stop, running;
};

/* timeout 0: no watchdog (watchdog_tick and _stop are then no-ops). */
void watchdog_start(struct watchdog *w, const struct compdb *db, size_t begin, unsigned timeout);
/* done: how many TUs are finished, in database order. */
void watchdog_tick(struct watchdog *w, size_t done);
void watchdog_stop(struct watchdog *w);

#endif
