/* Which loops serve forever, and which only look like it. */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

int g_stop;
int g_debug_delay;
struct loop { int stop; struct pollfd pfd; };

static int wait_ready(struct pollfd *p) { return poll(p, 1, 1000); }         /* waits itself */
static void nap(void) { usleep(1000); }                                       /* sleeps itself */

int accept_retry(int fd)                       /* EINTR retry: not a server loop */
{
	int c;
	do {
		c = accept(fd, NULL, NULL);
	} while (c == -1 && errno == EINTR);
	return c;
}

void run_loop(struct loop *l)                  /* event loop: a field stops it, a wrapper waits */
{
	while (!l->stop)
		wait_ready(&l->pfd);
}

void follow(int fd)                            /* polling until a flag stops it */
{
	char buf[64];
	for (;;) {
		if (g_stop)
			break;
		if (read(fd, buf, sizeof buf) <= 0)
			nap();
		nap();
	}
}

int load_all(int fd)                           /* reads to the end; the sleep is a debug throttle */
{
	char buf[64];
	for (;;) {
		if (read(fd, buf, sizeof buf) <= 0)
			return 0;
		if (g_debug_delay)
			nap();
	}
}

int write_all(int fd, const char *p, int n)    /* waits between writes, but ends when written */
{
	while (1) {
		int k = (int)write(fd, p, (size_t)n);
		if (k == n)
			return 0;
		wait_ready(&(struct pollfd){ fd, POLLOUT, 0 });
	}
}

void set_stop(void) { g_stop = 1; g_debug_delay = 0; }
