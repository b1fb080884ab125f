/* report.c — the table of output formats */
#include "report.h"
#include <string.h>

static const struct report_writer writers[] = {
	{ "json", "report.json", report_json_write },
};

const struct report_writer *report_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}
