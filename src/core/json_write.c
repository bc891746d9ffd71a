/* json_write.c — see json_write.h. */
#include "core/json_write.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_string(buf_t *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF"; /* upper case, as jansson writes them */
    size_t run = 0;
    buf_append(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        buf_append(b, s + run, i - run);
        run = i + 1;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t k = 2;
        switch (ch) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 15];
            k = 6;
        }
        buf_append(b, esc, k);
    }
    buf_append(b, s + run, n - run);
    buf_append(b, "\"", 1);
}

void json_write(buf_t *b, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *v;
        bool first = true;
        buf_append(b, "{", 1);
        json_object_foreach (j, key, v) {
            if (!first)
                buf_append(b, ",", 1);
            first = false;
            write_string(b, key, strlen(key));
            buf_append(b, ":", 1);
            json_write(b, v);
        }
        buf_append(b, "}", 1);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *v;
        buf_append(b, "[", 1);
        json_array_foreach (j, i, v) {
            if (i)
                buf_append(b, ",", 1);
            json_write(b, v);
        }
        buf_append(b, "]", 1);
        break;
    }
    case JSON_STRING:
        write_string(b, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER: {
        char num[32];
        int n = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
        buf_append(b, num, (size_t)n);
        break;
    }
    case JSON_REAL: {
        /* jansson's formatting with 15 significant digits: a figure
         * rounded to the cent (gap analysis) prints as 12.3, not as
         * 12.300000000000001. */
        char *t = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
        buf_puts(b, t);
        free(t);
        break;
    }
    case JSON_TRUE:
        buf_append(b, "true", 4);
        break;
    case JSON_FALSE:
        buf_append(b, "false", 5);
        break;
    default:
        buf_append(b, "null", 4);
        break;
    }
}
