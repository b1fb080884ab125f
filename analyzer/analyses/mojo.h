/* mojo.h — how far apart two decompositions are: MoJo distance (Tzerpos &
 * Holt 1999), computed exactly (Wen & Tzerpos 2003), and MoJoFM (Wen &
 * Tzerpos 2004). Formulas and references: mojo.c and docs/compare.md.
 * Ownership: nothing returned here needs freeing; the functions only read
 * their arguments. */
#ifndef SEAM_MOJO_H
#define SEAM_MOJO_H
#include "decomposition.h"
#include <stddef.h>
#include <stdint.h>

/* A comparison of A (the proposal) with B (the reference), made on the
 * entities that both list. */
struct mojo_result {
	size_t n;                        /* entities in both A and B */
	size_t clusters_a, clusters_b;   /* clusters with at least one of those entities */
	size_t dropped_a, dropped_b;     /* entities only in A, only in B */
	size_t mojo_a_to_b, mojo_b_to_a; /* mno(A, B), mno(B, A) */
	size_t max_to_b;                 /* max over every partition A' of mno(A', B) */
	double mojofm;                   /* MoJoFM(A, B), in percent */
};

/* mno(A, B): the fewest Move and Join operations that turn partition A into
 * partition B, for n objects where object i is in cluster a[i] of A and
 * b[i] of B. Cluster numbers are below n; a cluster is a number that occurs. */
size_t mojo_mno(size_t n, const uint32_t *a, const uint32_t *b);
/* max(mno(∀A', B)): the largest mno(A', B) over every partition A' of the
 * same n objects (b as in mojo_mno()). */
size_t mojo_max_mno(size_t n, const uint32_t *b);
/* (1 - mno / max) * 100; 100 when max is 0 (n <= 1: only one partition). */
double mojo_fm(size_t mno, size_t max);

/* Restricts A and B to their common entities, then fills r. */
void mojo_compare(const struct decomposition *a, const struct decomposition *b, struct mojo_result *r);
/* mno(A, B) and MoJoFM(A, B) on the common entities (see mojo_compare()). */
size_t mojo_distance(const struct decomposition *a, const struct decomposition *b);
double mojofm(const struct decomposition *a, const struct decomposition *b);

#endif
