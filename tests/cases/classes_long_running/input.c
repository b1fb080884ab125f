/* Long-running shapes: infinite loops with no exit, event loops. */
#include <poll.h>
#include <unistd.h>

int g_stop;

void spin(void) { for (;;) { sleep(1); } }                      /* no exit */
void forever(void) { while (1) { usleep(10); } }               /* no exit */
void later(void) { do { sleep(5); } while (1); }               /* no exit */
int bounded(void) { for (;;) { if (g_stop) return 1; } }       /* infinite but exits: not long-running */
int waits(struct pollfd *p) { while (!g_stop) { poll(p, 1, 100); } return 0; } /* event loop */
int retries(void) { for (int i = 0; i < 3; i++) { sleep(1); } return 0; }       /* bounded sleep: stateless */
void starter(void) { spin(); }                                 /* inherits */
void stop(void) { g_stop = 1; }                                /* g_stop changes: state */
