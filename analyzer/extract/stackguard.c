/* stackguard.c — stack overflows in libclang become failed translation units */
#include "stackguard.h"
#include "xalloc.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>

void stackguard_prepare(void)
{
	/* read by libclang at every parse: run it on the calling thread */
	setenv("LIBCLANG_NOTHREADS", "1", 1);
}

/* libclang's crash-recovery handlers are installed without SA_ONSTACK, so
 * an overflowing stack has no room to run them; the same handlers,
 * re-registered to run on the thread's alternate stack, can. */
static void handler_on_altstack(int sig)
{
	struct sigaction sa;
	if (sigaction(sig, NULL, &sa) != 0 || (sa.sa_flags & SA_ONSTACK))
		return;
	if (sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN)
		return;
	sa.sa_flags |= SA_ONSTACK;
	sigaction(sig, &sa, NULL);
}

void *stackguard_thread_enter(void)
{
	size_t size = 256u << 10; /* room for the handler and its longjmp */
	stack_t ss = { .ss_sp = xmalloc(size), .ss_size = size, .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0) {
		free(ss.ss_sp);
		return NULL;
	}
	handler_on_altstack(SIGSEGV);
	handler_on_altstack(SIGBUS);
	return ss.ss_sp;
}

void stackguard_thread_leave(void *altstack)
{
	if (!altstack)
		return;
	stack_t ss = { .ss_flags = SS_DISABLE };
	sigaltstack(&ss, NULL);
	free(altstack);
}
