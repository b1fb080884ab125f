/* a translation unit with a syntax error: unparsed-file */
int broken(void)
{
	return 1 +;
}
