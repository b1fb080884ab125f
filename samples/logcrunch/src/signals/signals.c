/*
 * signals.c - sigaction-based handlers that only set flags.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "signals/signals.h"

#include <stddef.h>
#include <string.h>

volatile sig_atomic_t g_stop = 0;
volatile sig_atomic_t g_reload = 0;

static void on_terminate(int signo)
{
    (void)signo;
    g_stop = 1;
}

static void on_hangup(int signo)
{
    (void)signo;
    g_reload = 1;
}

static int install_one(int signo, void (*handler)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(signo, &sa, NULL);
}

int signals_install(void)
{
    g_stop = 0;
    g_reload = 0;
    /*
     * No SA_RESTART for the stop signals: a blocking read or sleep in the
     * follow loop should return early so the flag is seen promptly.
     */
    if (install_one(SIGINT, on_terminate, 0) != 0 ||
        install_one(SIGTERM, on_terminate, 0) != 0 ||
        install_one(SIGHUP, on_hangup, SA_RESTART) != 0 ||
        install_one(SIGPIPE, SIG_IGN, 0) != 0)
        return -1;
    return 0;
}

int signals_stop_requested(void)
{
    return g_stop != 0;
}

/* Consume a pending reload request. */
int signals_take_reload(void)
{
    if (!g_reload)
        return 0;
    g_reload = 0;
    return 1;
}
