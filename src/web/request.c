/*
 * request.c - a response's headers and memory (see request.h).
 */
#include "web/request.h"
#include "web/stream.h"

#include <strings.h>

const char *web_response_header(const struct web_response *r, const char *name)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, name) == 0)
            return r->headers[i].value;
    return NULL;
}

void web_response_free(struct web_response *r)
{
    web_stream_close(r->stream);
    r->stream = NULL;
    buf_free(&r->body);
}
