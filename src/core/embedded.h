/*
 * embedded.h — files compiled into the binary by scripts/embed.cmake:
 * schema migrations, demo fixtures and the OpenAPI description, so the
 * single `chanjiao` binary needs nothing beside it at run time.
 */
#ifndef CJ_EMBEDDED_H
#define CJ_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
    const char *name; /* path relative to the repository root */
    const char *data; /* NUL-terminated */
    size_t len;
};
extern const struct embedded_file embedded_files[];

/* The file whose name is `name`, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
