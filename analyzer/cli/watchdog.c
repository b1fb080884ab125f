/* watchdog.c — giving up on a translation unit that never finishes */
#include "watchdog.h"
#include "clock.h"
#include "commands.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void *watch(void *arg)
{
	struct watchdog *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&w->wake, &w->lock, &until);
		if (w->stop || clock_seconds() - w->last < (double)w->timeout)
			continue;
		size_t i = w->begin + w->done;
		const char *file = i < w->db->entries.n ? w->db->entries.v[i].file : "?";
		fprintf(stderr, "seam: error: '%s' has not finished after %u seconds (does it include a FIFO, a "
			"device or a file on a hung mount?); giving up (raise --tu-timeout if it is only big)\n",
			file, w->timeout);
		_exit(SEAM_EXIT_INPUT); /* worker threads may be stuck in a read: nothing can join them */
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

void watchdog_start(struct watchdog *w, const struct compdb *db, size_t begin, unsigned timeout)
{
	*w = (struct watchdog){ .db = db, .begin = begin, .last = clock_seconds(), .timeout = timeout };
	if (!timeout)
		return;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	w->running = pthread_create(&w->thread, NULL, watch, w) == 0;
	if (!w->running) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
	}
}

void watchdog_tick(struct watchdog *w, size_t done)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->done = done;
	w->last = clock_seconds();
	pthread_mutex_unlock(&w->lock);
}

void watchdog_stop(struct watchdog *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	w->running = false;
}
