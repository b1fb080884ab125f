/* clock.h — monotonic wall-clock seconds, for phase times and progress rates.
 * Ownership: nothing allocated. */
#ifndef SEAM_CLOCK_H
#define SEAM_CLOCK_H

double clock_seconds(void);

#endif
