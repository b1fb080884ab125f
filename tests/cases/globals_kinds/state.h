#ifndef STATE_H
#define STATE_H
extern int shared_total;          /* declared here, defined in input.c */
extern int never_defined;         /* declared only: defined nowhere in the project */
#endif
