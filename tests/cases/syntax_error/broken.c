/* A syntax error in one function: the TU is reported, the rest analysed. */
extern int counter;
int before(void) { return counter; }
int oops(void) { return 1 + ; }
int after(void) { return before() + 1; }
