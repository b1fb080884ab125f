/* stackguard.h — libclang parses on seam's own worker threads, with a large
 * stack, and a stack overflow inside clang's recursive parser becomes a
 * failed translation unit instead of killing seam.
 *
 * libclang 14 parses each translation unit on a thread of its own with an
 * 8 MiB stack and catches crashes there with a signal handler that runs on
 * the crashing stack; a stack overflow (10,000 nested unary operators or
 * unbraced ifs, which -fbracket-depth does not limit) then kills the
 * process. stackguard_prepare() makes libclang parse on the calling thread
 * (LIBCLANG_NOTHREADS) and stackguard_thread_enter() gives that thread an
 * alternate signal stack and lets libclang's crash handler run on it, so
 * clang_parseTranslationUnit2() returns CXError_Crashed.
 * Ownership: stackguard_thread_leave() frees what stackguard_thread_enter()
 * allocated. */
#ifndef SEAM_STACKGUARD_H
#define SEAM_STACKGUARD_H
#include <stddef.h>

/* Stack size for threads that call libclang (virtual: pages are only
 * committed when touched). */
#define STACKGUARD_THREAD_STACK ((size_t)256 << 20)

/* Call once, before any thread that parses starts. */
void stackguard_prepare(void);
/* Call on a parsing thread after clang_createIndex() (which installs
 * libclang's crash handlers); returns the alternate stack to pass to
 * stackguard_thread_leave(). */
void *stackguard_thread_enter(void);
void stackguard_thread_leave(void *altstack);

#endif
