/* bookstore.h - process-wide facts set by main() at start-up. */
#ifndef BOOKSTORE_BOOKSTORE_H
#define BOOKSTORE_BOOKSTORE_H

#include <time.h>

#define BOOKSTORE_NAME "bookstore"

/* Wall-clock start time, written once in main() before the server loop starts. */
extern time_t g_started_at;

#endif
