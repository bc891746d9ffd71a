/*
 * json_write.h — compact JSON text from a jansson tree, fast.
 *
 * jansson's json_dumps checks every object for reference loops (a
 * printf of the pointer and a hash insert per object), which was a third
 * of the cost of a large API answer.  Our trees are built fresh per
 * request and never loop, so this writer walks them directly.  Output is
 * byte-for-byte what json_dumps(JSON_COMPACT | JSON_ENCODE_ANY) gives:
 * insertion order, UTF-8 passed through, control characters escaped.
 */
#ifndef CJ_JSON_WRITE_H
#define CJ_JSON_WRITE_H

#include "core/util.h"

/* Append the compact text of j to b. */
void json_write(buf_t *b, json_t *j);

#endif
