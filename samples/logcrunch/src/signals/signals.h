/*
 * signals.h - asynchronous stop and reload requests.
 *
 * SIGINT and SIGTERM set g_stop; SIGHUP sets g_reload.  The handlers do
 * nothing else; the batch loop and the --follow loop poll the flags.
 */
#ifndef LC_SIGNALS_H
#define LC_SIGNALS_H

#include <signal.h>

extern volatile sig_atomic_t g_stop;
extern volatile sig_atomic_t g_reload;

int signals_install(void);
int signals_stop_requested(void);
int signals_take_reload(void);

#endif /* LC_SIGNALS_H */
