/* effect_list.h — every effect kind, once (X-macro): id, name, the class it
 * makes a function, and whether rule packs may assign it to functions. */
#ifndef SEAM_EFFECT_LIST_H
#define SEAM_EFFECT_LIST_H

#define EFFECT_LIST(X)                                               \
	X(GLOBAL_WRITE, "global-write", CLASS_STATEFUL, 0)           \
	X(GLOBAL_READ, "global-read", CLASS_STATEFUL, 0)             \
	X(STATIC_LOCAL, "static-local", CLASS_STATEFUL, 0)           \
	X(NON_REENTRANT, "non-reentrant", CLASS_STATEFUL, 1)         \
	X(THREAD, "thread", CLASS_STATEFUL, 1)                       \
	X(PROCESS, "process", CLASS_STATEFUL, 1)                     \
	X(CONFIG_READ, "config-read", CLASS_CONFIG, 0)               \
	X(ENV, "env", CLASS_CONFIG, 1)                               \
	X(IO_FILE, "io-file", CLASS_STATELESS, 1)                    \
	X(IO_CONSOLE, "io-console", CLASS_STATELESS, 1)              \
	X(IO_NET, "io-net", CLASS_STATELESS, 1)                      \
	X(IO_DB, "io-db", CLASS_STATELESS, 1)                        \
	X(TIME, "time", CLASS_STATELESS, 1)                          \
	X(RANDOM, "random", CLASS_STATELESS, 1)                      \
	X(BLOCKING, "blocking", CLASS_STATELESS, 1)                  \
	X(ALLOC, "alloc", CLASS_STATELESS, 1)                        \
	X(LONG_RUNNING, "long-running", CLASS_LONG_RUNNING, 0)       \
	X(UNKNOWN, "unknown", CLASS_UNKNOWN, 0)

/* Classes from best to worst fit for a short-lived function. */
#define CLASS_LIST(X)                       \
	X(CLASS_PURE, "pure")               \
	X(CLASS_STATELESS, "stateless")     \
	X(CLASS_CONFIG, "config")           \
	X(CLASS_UNKNOWN, "unknown")         \
	X(CLASS_STATEFUL, "stateful")       \
	X(CLASS_LONG_RUNNING, "long-running")

#endif
