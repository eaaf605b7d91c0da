/*
 * synthetic.c - the words that say data was made by `peel generate` (see
 * synthetic.h).
 */
#include "model/synthetic.h"

const char *synthetic_banner(void)
{
    return "Synthetic demonstration data: the crimes, places and figures here were generated to "
           "show how Peel works. None of them is real.";
}
