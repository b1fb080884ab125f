/*
 * useragent.h - coarse user-agent classification.
 */
#ifndef LC_USERAGENT_H
#define LC_USERAGENT_H

enum ua_class {
    UA_UNKNOWN = 0,
    UA_BROWSER,
    UA_MOBILE,
    UA_BOT,
    UA_CLI,
    UA_LIBRARY,
    UA_CLASS_COUNT
};

enum ua_class ua_classify(const char *agent);
const char *ua_class_name(enum ua_class cls);
int ua_class_from_name(const char *name);

#endif /* LC_USERAGENT_H */
