/* cmd_version.c — seam version */
#include "commands.h"
#include "seam_config.h"
#include <clang-c/Index.h>
#include <stdio.h>

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	CXString v = clang_getClangVersion();
	printf("seam %s (%s)\n", SEAM_VERSION, clang_getCString(v));
	clang_disposeString(v);
	return SEAM_EXIT_OK;
}
