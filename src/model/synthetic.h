/*
 * synthetic.h - how data made by `peel generate` is known for what it is.
 *
 * The generator gives its LSOAs codes that ONS has never issued: E01 or W01
 * followed by a number from SYNTH_LSOA_FIRST up (real ones run to about
 * E01035700 and W01002000). The codes travel with every generated street
 * row into the store's LSOAs, so a store holding one holds generated data,
 * and every public page and report says so (store/updated.h,
 * store_holds_generated).
 */
#ifndef PEEL_SYNTHETIC_H
#define PEEL_SYNTHETIC_H

#define SYNTH_LSOA_FIRST 900001
/* The codes as text bounds, for a range query on the LSOA codes. */
#define SYNTH_LSOA_LOW_E  "E01900001"
#define SYNTH_LSOA_HIGH_E "E01999999"
#define SYNTH_LSOA_LOW_W  "W01900001"
#define SYNTH_LSOA_HIGH_W "W01999999"

/* Community safety partnerships get codes of the same shape as ONS's
 * (E22 or W22 and six digits; real ones run to about E22000300) from
 * SYNTH_CSP_FIRST up, so that the lookup's csp_code column carries a code
 * beside the csp column's name (people read the name; 360Giving's geoCode
 * takes the code), and no generated code is mistaken for a real one. Leicester, Leicestershire
 * and Rutland have the first three; any other force a block of 1000 of
 * its own, as its LSOAs do. */
#define SYNTH_CSP_FIRST       900001
#define SYNTH_CSP_LLR_CITY    "E22900001" /* Leicester */
#define SYNTH_CSP_LLR_COUNTY  "E22900002" /* Leicestershire */
#define SYNTH_CSP_LLR_RUTLAND "E22900003" /* Rutland */

/* The banner's words, for the site and every report in every format
 * (HTML, PDF, XLSX): one sentence, so that they cannot drift apart. */
const char *synthetic_banner(void);

#endif
