/* rule_list.h — every architecture rule `seam check` knows, in one X-macro
 * list: X(ID, "rule-id", default severity, summary, how to fix it).
 * docs/rules.md documents each; seam.json refers to them by rule-id. */
#ifndef SEAM_RULE_LIST_H
#define SEAM_RULE_LIST_H

#define RULE_LIST(X)                                                                               \
	X(CROSS_SERVICE_STATE, "cross-service-state", SEVERITY_ERROR,                                   \
	  "a function accesses a mutable global owned by another service",                              \
	  "call an API function of the owning service instead, or move the global (or the function) "   \
	  "into one service")                                                                           \
	X(UNDECLARED_API_CALL, "undeclared-api-call", SEVERITY_ERROR,                                   \
	  "a call into another service outside its declared API",                                       \
	  "call one of the service's declared API functions, or add the function to its \"api\" in "    \
	  "seam.json if it is meant to be public")                                                      \
	X(SERVERLESS_STATEFUL, "serverless-stateful", SEVERITY_ERROR,                                   \
	  "a function designated serverless is no longer pure, stateless or config",                    \
	  "remove the state or I/O at the end of the evidence chain (pass it in as a parameter, or "    \
	  "move it behind a service call), or take the function off the \"serverless\" list")           \
	X(NEW_MUTABLE_GLOBAL, "new-mutable-global", SEVERITY_ERROR,                                     \
	  "a mutable global in files where none are allowed",                                           \
	  "make it const, pass the state in a context parameter, or move it to the service that owns "  \
	  "state")                                                                                      \
	X(SERVICE_CYCLE, "service-cycle", SEVERITY_ERROR,                                               \
	  "services that depend on each other in a cycle",                                              \
	  "break the cycle: move the functions or state that one side needs to the other, or invert "   \
	  "the dependency with a callback or an event")                                                 \
	X(COUPLING_THRESHOLD, "coupling-threshold", SEVERITY_WARNING,                                   \
	  "inter-service call percentage (ICP) or a service's fan-out above its limit",                 \
	  "move the functions that call across most often into the service they call, or raise the "    \
	  "limit in seam.json if the coupling is intended")                                             \
	X(UNPARSED_FILE, "unparsed-file", SEVERITY_ERROR,                                               \
	  "a translation unit seam could not parse completely, so the gate did not see all of it",      \
	  "fix the compile command (include paths, defines) or the syntax error libclang reports")

#endif
