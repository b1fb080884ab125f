/*
 * plugins.h - callbacks of the built-in plugins (see registry.c).
 */
#ifndef LC_PLUGINS_H
#define LC_PLUGINS_H

#include <stdio.h>

struct options;
struct record;

int status_init(const struct options *opts);
void status_on_record(const struct record *rec);
void status_finish(FILE *out);

int top_urls_init(const struct options *opts);
void top_urls_on_record(const struct record *rec);
void top_urls_finish(FILE *out);

int bytes_hour_init(const struct options *opts);
void bytes_hour_on_record(const struct record *rec);
void bytes_hour_finish(FILE *out);

int visitors_init(const struct options *opts);
void visitors_on_record(const struct record *rec);
void visitors_finish(FILE *out);

int slow_init(const struct options *opts);
void slow_on_record(const struct record *rec);
void slow_finish(FILE *out);

int geo_init(const struct options *opts);
void geo_on_record(const struct record *rec);
void geo_finish(FILE *out);

#endif /* LC_PLUGINS_H */
