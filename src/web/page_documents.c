/*
 * page_documents.c - /documents/SHA256: a decision's supporting paper the
 * public may read (store/uploads.h: attached as public to a decision
 * published or rescinded, not withheld), as stored: its one media type,
 * an attachment, immutable, named by the SHA-256 of its bytes so that
 * anyone can check what they were given.
 */
#include "store/uploads.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/staff.h"

#include <string.h>

static void public_file(void *arg, const struct upload *u)
{
    upload_response(arg, u);
}

void page_document(const struct web_request *rq, struct web_response *rs)
{
    const char *sha = rq->match->args[0];
    struct buf err = BUF_INIT;
    int rc = strlen(sha) == 64 && strspn(sha, "0123456789abcdef") == 64
                 ? store_upload_public(rq->store, sha, public_file, rs, &err)
                 : UPLOAD_NONE;
    if (rc < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (rc == UPLOAD_NONE)
        page_error(rq, rs, 404, "There is no published document with this SHA-256.");
    buf_free(&err);
}
