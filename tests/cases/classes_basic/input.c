/* One function per class, and the effects that decide them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int g_hits;                                   /* written after start-up: state */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

int add(int a, int b) { return a + b; }                       /* pure */
size_t name_len(const char *s) { return strlen(s) + 1; }      /* pure: strlen is pure */
char *dup_name(const char *s) { char *p = malloc(strlen(s) + 1); if (p) strcpy(p, s); return p; } /* stateless: alloc */
void greet(const char *who) { printf("hello %s\n", who); }    /* stateless: io-console */
long stamp(void) { return (long)time(NULL); }                  /* stateless: time */
int hit(void) { return ++g_hits; }                            /* stateful: global-write */
int hits(void) { return g_hits; }                             /* stateful: global-read */
int next_ticket(void) { static int t; return t++; }           /* stateful: static-local */
char *first_word(char *s) { return strtok(s, " "); }          /* stateful: non-reentrant */
void locked(void) { pthread_mutex_lock(&g_lock); pthread_mutex_unlock(&g_lock); } /* stateful */
int mystery(int);                                             /* declared, defined nowhere */
int ask(int x) { return mystery(x); }                         /* unknown */
int report(void) { greet("x"); return hit(); }                /* stateful through hit() */
