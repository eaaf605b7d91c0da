/*
 * generate.c - synthetic data.police.uk archives (see generate.h).
 *
 * One pass, force by force and month by month. For each force-month the
 * number of crimes of each type in each LSOA is a Poisson draw around a mean
 * shaped by LSOA weight, type share, season and (for Leicestershire only)
 * the deliberate shifts; the crimes are drawn shuffled, written as street rows
 * in police.uk's order (by LSOA name, then crime type) and
 * their final outcomes parked in a six-month window until the month the
 * outcome is given. Every random stream is keyed by (seed, force, month,
 * purpose), so a force's files do not depend on which other forces or kinds
 * were asked for.
 */
#include "synth/generate.h"
#include "model/synthetic.h"

#include "model/forces.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define MONTH(y, m)   ((y)*12 + (m)-1)
#define BASE_ROWS     9000.0 /* --rows that gives Leicestershire-like volumes */
#define BASE_SEARCHES 300.0  /* stop-and-search rows per force-month at BASE_ROWS */
#define LAG_WINDOW    6      /* outcomes come 0..5 months after the crime */
#define MAX_ROWS      1000000L
#define PI            3.14159265358979323846
#define IO_BUFFER     (1 << 20)
#define NO_LOCATION   0.005          /* share of street rows with no location */
#define TRICKY_ROWS   (1.0 / 2000.0) /* share of rows whose location needs quoting */

/* ---------------------------------------------------------------- PRNG -- */

/* xoshiro256** seeded through splitmix64: fast, good, and identical on every
 * platform, unlike rand(). */
struct rng {
    uint64_t s[4];
};

enum stream { STREAM_GEO = 1, STREAM_STREET, STREAM_SEARCH };

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t force, uint64_t month, uint64_t stream)
{
    uint64_t x = seed;
    x = splitmix64(&x) ^ force;
    x = splitmix64(&x) ^ month;
    x = splitmix64(&x) ^ stream;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static size_t rng_below(struct rng *r, size_t n)
{
    return (size_t)(rng_unit(r) * (double)n);
}

static double rng_normal(struct rng *r, double mean, double sd)
{
    double u = 1.0 - rng_unit(r); /* (0, 1]: log must not see 0 */
    double v = rng_unit(r);
    return mean + sd * sqrt(-2.0 * log(u)) * cos(2.0 * PI * v);
}

/* Hormann's PTRS (as in numpy): exact, and constant time for large means
 * where Knuth's method would need one uniform per event. */
static long poisson_ptrs(struct rng *r, double lam)
{
    double slam = sqrt(lam), loglam = log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        double u = rng_unit(r) - 0.5;
        double v = rng_unit(r);
        double us = 0.5 - fabs(u);
        long k = (long)floor((2 * a / us + b) * u + lam + 0.43);
        if (us >= 0.07 && v <= vr)
            return k;
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
            -lam + (double)k * loglam - lgamma((double)k + 1))
            return k;
    }
}

static long poisson(struct rng *r, double lam)
{
    if (lam <= 0)
        return 0;
    if (lam >= 10)
        return poisson_ptrs(r, lam);
    double limit = exp(-lam), p = rng_unit(r);
    long k = 0;
    while (p > limit) {
        p *= rng_unit(r);
        k++;
    }
    return k;
}

/* Index drawn in proportion to w[0..n-1]. */
static size_t pick(struct rng *r, const double *w, size_t n)
{
    double total = 0;
    size_t last = 0;
    for (size_t i = 0; i < n; i++) {
        total += w[i];
        if (w[i] > 0)
            last = i;
    }
    double x = rng_unit(r) * total;
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return last; /* rounding */
}

struct choice {
    const char *text;
    double weight;
};

static const char *pick_text(struct rng *r, const struct choice *c, size_t n)
{
    double w[32];
    for (size_t i = 0; i < n && i < 32; i++)
        w[i] = c[i].weight;
    return c[pick(r, w, n < 32 ? n : 32)].text;
}

#define PICK(r, table) pick_text((r), (table), sizeof(table) / sizeof((table)[0]))
#define COUNT(a)       (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------------------- tables -- */

enum crime_type {
    CT_VIOLENCE,
    CT_ASB,
    CT_PUBLIC_ORDER,
    CT_DAMAGE,
    CT_OTHER_THEFT,
    CT_SHOPLIFTING,
    CT_VEHICLE,
    CT_BURGLARY,
    CT_DRUGS,
    CT_OTHER_CRIME,
    CT_BICYCLE,
    CT_THEFT_PERSON,
    CT_WEAPONS,
    CT_ROBBERY,
    CT_COUNT
};

/* The police.uk vocabulary; "final" outcomes get an outcomes-file row. */
enum outcome {
    OC_NO_SUSPECT,
    OC_UNABLE,
    OC_UNDER_INVESTIGATION,
    OC_UNAVAILABLE,
    OC_AWAITING_COURT,
    OC_LOCAL_RESOLUTION,
    OC_OTHER_ORG,
    OC_COURT_UNAVAILABLE,
    OC_FURTHER_INVESTIGATION_NPI,
    OC_CAUTION,
    OC_FURTHER_ACTION_NPI,
    OC_FORMAL_ACTION_NPI,
    OC_DRUGS_WARNING,
    OC_PENALTY_NOTICE,
    OC_CHARGED_OTHER_CASE,
    OC_COUNT
};

static const char *const outcome_names[OC_COUNT] = {
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Awaiting court outcome",
    "Local resolution",
    "Action to be taken by another organisation",
    "Court result unavailable",
    "Further investigation is not in the public interest",
    "Offender given a caution",
    "Further action is not in the public interest",
    "Formal action is not in the public interest",
    "Offender given a drugs possession warning",
    "Offender given penalty notice",
    "Suspect charged as part of another case",
};

enum season { SEASON_NONE, SEASON_SUMMER, SEASON_WINTER };

/* Shares are percentages of street rows (they sum to SHARE_TOTAL). None of
 * the names needs CSV quoting. place: the type's place in police.uk's
 * files, by name but "Other crime" last (the real files: after each of the
 * other thirteen, never before; row_key). */
static const struct crime_spec {
    const char *name;
    double share;
    enum season season;
    uint8_t place;
} crimes[CT_COUNT] = {
    [CT_VIOLENCE] = {"Violence and sexual offences", 35, SEASON_SUMMER, 12},
    [CT_ASB] = {"Anti-social behaviour", 11, SEASON_SUMMER, 0},
    [CT_PUBLIC_ORDER] = {"Public order", 10, SEASON_SUMMER, 7},
    [CT_DAMAGE] = {"Criminal damage and arson", 9, SEASON_NONE, 3},
    [CT_OTHER_THEFT] = {"Other theft", 8, SEASON_NONE, 5},
    [CT_SHOPLIFTING] = {"Shoplifting", 7, SEASON_NONE, 9},
    [CT_VEHICLE] = {"Vehicle crime", 6, SEASON_NONE, 11},
    [CT_BURGLARY] = {"Burglary", 5, SEASON_WINTER, 2},
    [CT_DRUGS] = {"Drugs", 3, SEASON_NONE, 4},
    [CT_OTHER_CRIME] = {"Other crime", 2.5, SEASON_NONE, 13},
    [CT_BICYCLE] = {"Bicycle theft", 1.5, SEASON_NONE, 1},
    [CT_THEFT_PERSON] = {"Theft from the person", 1, SEASON_NONE, 10},
    [CT_WEAPONS] = {"Possession of weapons", 1, SEASON_NONE, 6},
    [CT_ROBBERY] = {"Robbery", 0.8, SEASON_NONE, 8},
};
#define SHARE_TOTAL 100.8

/* Outcome weights, in enum outcome order, tuned so that about 14% of non-ASB
 * crimes end positively: drugs and weapons mostly, thefts rarely, violence
 * mostly "Unable to prosecute suspect", a quarter of shoplifting charged.
 * Anti-social behaviour has no outcome. */
static const double outcome_weights[CT_COUNT][OC_COUNT] = {
    /*                NSI UPS UI SUU ACO LR ATO CRU FINPI CAU FANPI FORM DPW PND SCAOC */
    [CT_VIOLENCE] = {12, 62, 3, 1, 4, 3, 1, 1.5, 3, 2, 1.5, 1, 0, 0.2, 0.5},
    [CT_PUBLIC_ORDER] = {20, 50, 3, 1, 5, 3, 1, 1.5, 4, 2, 1, 1, 0, 1, 0.5},
    [CT_DAMAGE] = {60, 21, 3, 1, 2.5, 4, 1, 1, 3, 1, 1, 0.5, 0, 0.2, 0.3},
    [CT_OTHER_THEFT] = {66, 18, 3, 1, 2.5, 2, 1, 1, 3, 1, 1, 0.5, 0, 0.2, 0.5},
    [CT_SHOPLIFTING] = {30, 22, 3, 1, 18, 4, 0.5, 6, 3, 3, 2, 1, 0, 1, 2},
    [CT_VEHICLE] = {82, 6, 3, 1, 2, 0.5, 0.5, 0.5, 3, 0.3, 0.5, 0.2, 0, 0, 0.5},
    [CT_BURGLARY] = {75, 10, 4, 1, 3, 1, 0.5, 1, 3, 0.5, 0.5, 0.2, 0, 0, 1},
    [CT_DRUGS] = {4, 12, 6, 1, 20, 12, 0.5, 6, 4, 6, 4, 2, 14, 3, 2},
    [CT_OTHER_CRIME] = {25, 40, 6, 1, 10, 2, 3, 3, 4, 2, 2, 1, 0, 0.5, 1},
    [CT_BICYCLE] = {85, 5, 3, 1, 1.5, 0.5, 0.3, 0.5, 3, 0.3, 0.3, 0, 0, 0, 0.3},
    [CT_THEFT_PERSON] = {75, 12, 3, 1, 3, 1, 0.5, 1, 3, 0.5, 0.5, 0, 0, 0, 0.5},
    [CT_WEAPONS] = {3, 22, 6, 1, 35, 6, 1, 8, 3, 8, 3, 2, 0, 0, 2},
    [CT_ROBBERY] = {50, 30, 4, 1, 8, 0.5, 0.3, 2, 2, 0.3, 0.5, 0, 0, 0, 1.5},
};

/* Months from crime to outcome; most outcomes come quickly, so the last few
 * generated months are left with many crimes still under investigation. */
static const double lag_weights[LAG_WINDOW] = {45, 30, 13, 6, 4, 2};

/* Leicester, Leicestershire and Rutland, with the real LSOA counts. */
enum llr_district {
    LLR_LEICESTER,
    LLR_BLABY,
    LLR_CHARNWOOD,
    LLR_HARBOROUGH,
    LLR_HINCKLEY,
    LLR_MELTON,
    LLR_NWL,
    LLR_OADBY,
    LLR_RUTLAND,
    LLR_COUNT
};

struct district_spec {
    const char *name;
    int lsoas;
    double lat, lon, spread;    /* centroid and LSOA scatter, degrees of latitude */
    double crime;               /* relative crime per LSOA */
    double rural;               /* probability an LSOA is rural */
    const char *csp, *csp_name; /* the partnership's code and name */
    const char *areas;          /* neighbourhood policing areas, '|'-separated */
};

static const struct district_spec llr_districts[LLR_COUNT] = {
    {"Leicester", 192, 52.636, -1.133, 0.020, 1.1, 0.0, SYNTH_CSP_LLR_CITY, "Leicester",
     "City Centre|Belgrave|Beaumont Leys|Braunstone|Evington|Highfields|New Parks|Aylestone|"
     "Humberstone|Knighton|Rushey Mead|Westcotes|Eyres Monsell|Saffron|Spinney Hills|Stoneygate|"
     "Abbey|Fosse|Castle"},
    {"Blaby", 60, 52.57, -1.17, 0.030, 0.85, 0.15, SYNTH_CSP_LLR_COUNTY, "Leicestershire",
     "Blaby|Braunstone Town|Enderby|Glenfield|Narborough|Whetstone"},
    {"Charnwood", 99, 52.77, -1.20, 0.045, 0.9, 0.30, SYNTH_CSP_LLR_COUNTY, "Leicestershire",
     "Loughborough Central|Loughborough East|Loughborough West|Shepshed|Syston|Birstall|Anstey|"
     "Thurmaston|Mountsorrel|Quorn"},
    {"Harborough", 47, 52.48, -0.92, 0.060, 0.8, 0.70, SYNTH_CSP_LLR_COUNTY, "Leicestershire",
     "Market Harborough|Lutterworth|Broughton Astley|Kibworth|Harborough Villages"},
    {"Hinckley and Bosworth", 66, 52.58, -1.38, 0.045, 0.8, 0.35, SYNTH_CSP_LLR_COUNTY,
     "Leicestershire", "Hinckley|Burbage|Earl Shilton|Barwell|Market Bosworth|Groby|Desford"},
    {"Melton", 30, 52.77, -0.89, 0.050, 0.85, 0.70, SYNTH_CSP_LLR_COUNTY, "Leicestershire",
     "Melton Mowbray|Asfordby|Melton Villages"},
    {"North West Leicestershire", 58, 52.75, -1.40, 0.045, 0.9, 0.40, SYNTH_CSP_LLR_COUNTY,
     "Leicestershire", "Coalville|Ashby-de-la-Zouch|Castle Donington|Ibstock|Measham|Whitwick"},
    {"Oadby and Wigston", 36, 52.59, -1.09, 0.012, 0.8, 0.0, SYNTH_CSP_LLR_COUNTY, "Leicestershire",
     "Oadby|Wigston|South Wigston"},
    {"Rutland", 23, 52.65, -0.64, 0.045, 0.7, 0.75, SYNTH_CSP_LLR_RUTLAND, "Rutland",
     "Oakham|Uppingham|Rutland Villages"},
};

/* The deliberate shifts that reports and exception tests should find. */
static const struct shift {
    enum crime_type type;
    int district; /* enum llr_district, or -1 for force-wide */
    int from, to; /* months, inclusive */
    double factor;
    const char *text;
} llr_shifts[] = {
    {CT_BURGLARY, LLR_CHARNWOOD, MONTH(2021, 10), MONTH(2999, 12), 0.70,
     "Burglary in Charnwood falls by 30% from 2021-10 onwards"},
    {CT_WEAPONS, -1, MONTH(2021, 4), MONTH(2999, 12), 1.26,
     "Possession of weapons rises by 26% force-wide from 2021-04 onwards (as 735 -> 927)"},
    {CT_SHOPLIFTING, -1, MONTH(2022, 4), MONTH(2999, 12), 1.20,
     "Shoplifting rises by 20% force-wide from 2022-04 onwards"},
    {CT_DAMAGE, LLR_LEICESTER, MONTH(2020, 11), MONTH(2020, 11), 2.0,
     "Criminal damage and arson in Leicester doubles in 2020-11 only (a one-month spike)"},
};

/* Rough centre and radius (degrees of latitude) of each force's area. */
static const struct force_place {
    const char *slug;
    double lat, lon, radius;
} force_places[] = {
    {"avon-and-somerset", 51.35, -2.75, 0.30},
    {"bedfordshire", 52.07, -0.45, 0.15},
    {"btp", 51.52, -0.12, 0.60},
    {"cambridgeshire", 52.35, 0.05, 0.25},
    {"cheshire", 53.20, -2.55, 0.20},
    {"city-of-london", 51.515, -0.09, 0.008},
    {"cleveland", 54.57, -1.20, 0.08},
    {"cumbria", 54.55, -2.95, 0.35},
    {"derbyshire", 53.05, -1.55, 0.25},
    {"devon-and-cornwall", 50.55, -4.20, 0.45},
    {"dorset", 50.75, -2.30, 0.20},
    {"durham", 54.70, -1.70, 0.15},
    {"dyfed-powys", 52.20, -3.90, 0.45},
    {"essex", 51.80, 0.55, 0.20},
    {"gloucestershire", 51.85, -2.20, 0.20},
    {"greater-manchester", 53.48, -2.25, 0.12},
    {"gwent", 51.70, -3.00, 0.12},
    {"hampshire", 51.00, -1.25, 0.30},
    {"hertfordshire", 51.80, -0.25, 0.15},
    {"humberside", 53.75, -0.45, 0.25},
    {"kent", 51.20, 0.75, 0.25},
    {"lancashire", 53.80, -2.60, 0.25},
    {"leicestershire", 52.65, -1.10, 0.20},
    {"lincolnshire", 53.10, -0.30, 0.35},
    {"merseyside", 53.42, -2.95, 0.08},
    {"metropolitan", 51.50, -0.12, 0.15},
    {"norfolk", 52.65, 1.00, 0.30},
    {"north-wales", 53.05, -3.60, 0.30},
    {"north-yorkshire", 54.10, -1.30, 0.40},
    {"northamptonshire", 52.30, -0.90, 0.20},
    {"northern-ireland", 54.60, -6.70, 0.40},
    {"northumbria", 55.10, -1.70, 0.30},
    {"nottinghamshire", 53.10, -1.05, 0.20},
    {"south-wales", 51.60, -3.50, 0.15},
    {"south-yorkshire", 53.45, -1.35, 0.15},
    {"staffordshire", 52.85, -2.05, 0.25},
    {"suffolk", 52.20, 1.00, 0.25},
    {"surrey", 51.25, -0.45, 0.15},
    {"sussex", 50.93, -0.30, 0.20},
    {"thames-valley", 51.65, -1.00, 0.35},
    {"warwickshire", 52.30, -1.55, 0.20},
    {"west-mercia", 52.35, -2.50, 0.40},
    {"west-midlands", 52.48, -1.90, 0.10},
    {"west-yorkshire", 53.75, -1.60, 0.15},
    {"wiltshire", 51.35, -1.95, 0.25},
};

#define SYNTH_DISTRICTS 8
static const struct {
    const char *suffix;
    double dlat, dlon; /* offset from the force centre, in radii */
} synth_districts[SYNTH_DISTRICTS] = {
    {"Central", 0, 0}, {"North", 0.7, 0},        {"South", -0.7, 0},         {"East", 0, 0.7},
    {"West", 0, -0.7}, {"North East", 0.5, 0.5}, {"South West", -0.5, -0.5}, {"Vale", -0.35, 0.55},
};

static const char *const place_names[] = {
    "Parking Area",
    "Supermarket",
    "Petrol Station",
    "Shopping Area",
    "Sports/Recreation Area",
    "Nightclub",
    "Further/Higher Educational Building",
    "Hospital",
    "Police Station",
    "Park/Open Space",
    "Bus/Coach Station",
    "Conference/Exhibition Centre",
    "Theatre/Concert Hall",
    "Pedestrian Subway",
    "Hotel/Motel",
};

static const char *const street_stems[] = {
    "Hobill",       "Station",    "Church",   "Mill",     "Park",        "Victoria",   "Albert",
    "Queens",       "Kings",      "Manor",    "Grange",   "Meadow",      "Oak",        "Ash",
    "Elm",          "Willow",     "Beech",    "Chestnut", "Forest",      "Brook",      "Hill",
    "Spring",       "Orchard",    "Granby",   "Belvoir",  "Humberstone", "Welford",    "Ashby",
    "Aylestone",    "Abbey",      "Canal",    "Bridge",   "Windsor",     "York",       "Cavendish",
    "Tennyson",     "Wordsworth", "Milton",   "Byron",    "Chaucer",     "Rosemary",   "Holly",
    "Heather",      "Hawthorn",   "Juniper",  "Saxby",    "Gipsy",       "Narborough", "Uppingham",
    "Loughborough", "Melton",     "Hinckley", "London",   "Fosse",       "Glenfield",  "Braunstone",
};

static const char *const street_kinds[] = {
    "Road",  "Street", "Lane", "Close", "Avenue", "Drive",   "Way",  "Crescent", "Gardens",
    "Court", "Place",  "Walk", "Grove", "Rise",   "Terrace", "View", "Mews",
};

/* Real locations sometimes contain commas and quotes; these make sure every
 * CSV reader that meets our files has to cope. */
static const char *const tricky_locations[] = {
    "On or near \"The Crescent\", East",
    "On or near Bell's Yard, Rear Of",
    "On or near \"Top Shop\" Car Park",
    "On or near Church Street, \"The Old Mill\"",
};

/* ------------------------------------------------------------ geography -- */

struct loc {
    char lat[16], lon[16]; /* formatted once: printf per row would dominate */
    char *text;            /* "On or near ...", ready for CSV */
};

struct lsoa {
    char code[12];
    char *name;
    size_t district, nbhd;
    double lat, lon, weight;
    int population;
    bool rural;
    size_t nlocs;
    struct loc *locs;
};

struct district {
    char *name, *csp, *csp_name; /* csp: the partnership's code */
};

struct geo {
    struct district *d;
    size_t nd;
    char **nbhd;
    size_t nnbhd, capnbhd;
    struct lsoa *l;
    size_t nl, capl;
    double *cum; /* cumulative weights, for picking an LSOA */
};

/* Appends s as one CSV field, quoted only when it has to be. */
static void csv_field(struct buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static char *csv_strdup(const char *s)
{
    struct buf b = BUF_INIT;
    csv_field(&b, s);
    return buf_detach(&b);
}

static void make_location(struct rng *r, const struct lsoa *l, struct loc *p)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "On or near ");
    if (rng_unit(r) < 0.25)
        buf_puts(&b, place_names[rng_below(r, COUNT(place_names))]);
    else
        buf_printf(&b, "%s %s", street_stems[rng_below(r, COUNT(street_stems))],
                   street_kinds[rng_below(r, COUNT(street_kinds))]);
    p->text = csv_strdup(b.p);
    buf_free(&b);
    double lat = l->lat + (rng_unit(r) - 0.5) * 0.01;
    double lon = l->lon + (rng_unit(r) - 0.5) * 0.01;
    snprintf(p->lat, sizeof p->lat, "%.6f", lat);
    snprintf(p->lon, sizeof p->lon, "%.6f", lon);
}

static size_t add_nbhd(struct geo *g, const char *name)
{
    if (g->nnbhd == g->capnbhd) {
        g->capnbhd = g->capnbhd ? g->capnbhd * 2 : 32;
        g->nbhd = xrealloc(g->nbhd, g->capnbhd * sizeof *g->nbhd);
    }
    g->nbhd[g->nnbhd] = xstrdup(name);
    return g->nnbhd++;
}

/* Splits "A|B|C" into neighbourhoods; returns the index of the first. */
static size_t add_areas(struct geo *g, const char *areas, size_t *count)
{
    size_t first = g->nnbhd;
    *count = 0;
    for (const char *s = areas; *s;) {
        size_t n = strcspn(s, "|");
        char *name = xstrndup(s, n);
        add_nbhd(g, name);
        free(name);
        (*count)++;
        s += n + (s[n] == '|');
    }
    return first;
}

static struct lsoa *add_lsoa(struct geo *g)
{
    if (g->nl == g->capl) {
        g->capl = g->capl ? g->capl * 2 : 1024;
        g->l = xrealloc(g->l, g->capl * sizeof *g->l);
    }
    struct lsoa *l = &g->l[g->nl++];
    memset(l, 0, sizeof *l);
    return l;
}

/* What a district looks like: enough to lay out its LSOAs. */
struct district_plan {
    const char *name;
    size_t index;
    int lsoas;
    double lat, lon, spread, crime, rural;
    size_t nbhd_first, nbhd_count;
    bool hotspot; /* its first neighbourhood is a town centre */
};

/* Normal, but kept within two standard deviations so that no LSOA lands
 * far outside its district. */
static double scatter(struct rng *r, double centre, double sd)
{
    double x = rng_normal(r, 0, 1);
    return centre + sd * (x < -2 ? -2 : x > 2 ? 2 : x);
}

/* The LSOA's place: a town-centre LSOA gets packed near the centre and much
 * more crime, the way a night-time economy skews every real force. */
static void place_lsoa(struct rng *r, const struct district_plan *p, struct lsoa *l, bool centre)
{
    double spread = centre ? 0.004 : p->spread;
    double lonscale = 1.0 / cos(p->lat * PI / 180.0);
    l->lat = scatter(r, p->lat, spread);
    l->lon = scatter(r, p->lon, spread * lonscale);
    l->rural = !centre && rng_unit(r) < p->rural;
    double w = p->crime * exp(rng_normal(r, 0, 0.45));
    if (l->rural)
        w *= 0.7;
    if (centre)
        w *= 5;
    l->weight = w;
    double pop = rng_normal(r, 1800, 300);
    l->population = (int)(pop < 1000 ? 1000 : pop > 3000 ? 3000 : pop);
    l->nlocs = 6 + rng_below(r, 15);
    l->locs = xmalloc(l->nlocs * sizeof *l->locs);
    for (size_t i = 0; i < l->nlocs; i++)
        make_location(r, l, &l->locs[i]);
}

/* ONS-style names: a three-digit MSOA number shared by 3-6 LSOAs, then a
 * letter. Codes are code-shaped but from a range ONS does not use. */
static void add_district(struct geo *g, struct rng *r, const struct district_plan *p,
                         const char *prefix, int *next_code)
{
    int msoa = 0, in_msoa = 0, msoa_size = 0;
    for (int i = 0; i < p->lsoas; i++) {
        if (in_msoa == msoa_size) {
            msoa++;
            in_msoa = 0;
            msoa_size = 3 + (int)rng_below(r, 4);
        }
        struct lsoa *l = add_lsoa(g);
        snprintf(l->code, sizeof l->code, "%s%06d", prefix, (*next_code)++);
        struct buf name = BUF_INIT;
        buf_printf(&name, "%s %03d%c", p->name, msoa, 'A' + in_msoa++);
        l->name = buf_detach(&name);
        l->district = p->index;
        size_t k = (size_t)i * p->nbhd_count / (size_t)p->lsoas;
        l->nbhd = p->nbhd_first + k;
        place_lsoa(r, p, l, p->hotspot && k == 0);
    }
}

static void geo_new_districts(struct geo *g, size_t n)
{
    g->nd = n;
    g->d = xcalloc(n, sizeof *g->d);
}

static void build_llr(struct geo *g, struct rng *r)
{
    int code = SYNTH_LSOA_FIRST;
    geo_new_districts(g, LLR_COUNT);
    for (size_t i = 0; i < LLR_COUNT; i++) {
        const struct district_spec *s = &llr_districts[i];
        g->d[i].name = xstrdup(s->name);
        g->d[i].csp = xstrdup(s->csp);
        g->d[i].csp_name = xstrdup(s->csp_name);
        struct district_plan p = {s->name, i,         s->lsoas,          s->lat,
                                  s->lon,  s->spread, s->crime,          s->rural,
                                  0,       0,         i == LLR_LEICESTER};
        p.nbhd_first = add_areas(g, s->areas, &p.nbhd_count);
        add_district(g, r, &p, "E01", &code);
    }
}

/* "Kent Police" -> "Kent": district names read like real ones. */
static char *short_force_name(const char *name)
{
    static const char *const prefixes[] = {"Police Service of "};
    static const char *const suffixes[] = {" Police Service", " Constabulary", " Police"};
    for (size_t i = 0; i < COUNT(prefixes); i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            name += strlen(prefixes[i]);
    size_t n = strlen(name);
    for (size_t i = 0; i < COUNT(suffixes); i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && strcmp(name + n - k, suffixes[i]) == 0) {
            n -= k;
            break;
        }
    }
    return xstrndup(name, n);
}

static const struct force_place *find_place(const char *slug)
{
    static const struct force_place fallback = {"", 52.5, -1.5, 0.25};
    for (size_t i = 0; i < COUNT(force_places); i++)
        if (strcmp(force_places[i].slug, slug) == 0)
            return &force_places[i];
    return &fallback;
}

static bool is_welsh(const char *slug)
{
    return strcmp(slug, "dyfed-powys") == 0 || strcmp(slug, "gwent") == 0 ||
           strcmp(slug, "north-wales") == 0 || strcmp(slug, "south-wales") == 0;
}

static void synth_district_plan(struct geo *g, struct rng *r, const struct force_place *fp,
                                size_t i, int lsoas, struct district_plan *p)
{
    double lonscale = 1.0 / cos(fp->lat * PI / 180.0);
    p->name = g->d[i].name;
    p->index = i;
    p->lsoas = lsoas;
    p->lat = fp->lat + synth_districts[i].dlat * fp->radius;
    p->lon = fp->lon + synth_districts[i].dlon * fp->radius * lonscale;
    p->spread = fp->radius * 0.25;
    p->crime = i == 0 ? 1.5 : 0.7 + 0.4 * rng_unit(r);
    p->rural = i == 0 ? 0.0 : 0.35;
    p->hotspot = i == 0;
    p->nbhd_first = g->nnbhd;
    p->nbhd_count = (size_t)(lsoas + 5) / 10 ? (size_t)(lsoas + 5) / 10 : 1;
    for (size_t k = 0; k < p->nbhd_count; k++) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s Neighbourhood %zu", p->name, k + 1);
        add_nbhd(g, b.p);
        buf_free(&b);
    }
}

/* Any other force: about 600 LSOAs in eight districts named after it, with
 * codes from a block of its own so no two forces share one. */
static void build_synthetic(struct geo *g, struct rng *r, size_t force)
{
    const struct police_force *f = &police_forces[force];
    const struct force_place *fp = find_place(f->slug);
    char *base = short_force_name(f->name);
    int total = 560 + (int)rng_below(r, 81), code = SYNTH_LSOA_FIRST + 1000 + (int)force * 1000;
    double share[SYNTH_DISTRICTS], sum = 0;
    for (size_t i = 0; i < SYNTH_DISTRICTS; i++)
        sum += share[i] = 0.6 + 0.8 * rng_unit(r);
    geo_new_districts(g, SYNTH_DISTRICTS);
    int left = total;
    for (size_t i = 0; i < SYNTH_DISTRICTS; i++) {
        struct buf name = BUF_INIT;
        buf_printf(&name, "%s %s", base, synth_districts[i].suffix);
        g->d[i].name = buf_detach(&name);
        struct buf csp = BUF_INIT; /* a code-shaped one of the force's block */
        buf_printf(&csp, "%s%06d", is_welsh(f->slug) ? "W22" : "E22",
                   SYNTH_CSP_FIRST + 1000 + (int)force * 1000 + (int)i);
        g->d[i].csp = buf_detach(&csp);
        g->d[i].csp_name = xstrdup(g->d[i].name); /* the district its own partnership */
        int n = i + 1 == SYNTH_DISTRICTS ? left : (int)(total * share[i] / sum);
        left -= n;
        struct district_plan p;
        synth_district_plan(g, r, fp, i, n, &p);
        add_district(g, r, &p, is_welsh(f->slug) ? "W01" : "E01", &code);
    }
    free(base);
}

static void geo_finish(struct geo *g)
{
    double total = 0;
    for (size_t i = 0; i < g->nl; i++)
        total += g->l[i].weight;
    g->cum = xmalloc(g->nl * sizeof *g->cum);
    double run = 0;
    for (size_t i = 0; i < g->nl; i++) {
        g->l[i].weight /= total;
        run += g->l[i].weight;
        g->cum[i] = run;
    }
}

static void geo_build(struct geo *g, uint64_t seed, size_t force)
{
    struct rng r;
    memset(g, 0, sizeof *g);
    rng_seed(&r, seed, force, 0, STREAM_GEO);
    if (strcmp(police_forces[force].slug, "leicestershire") == 0)
        build_llr(g, &r);
    else
        build_synthetic(g, &r, force);
    geo_finish(g);
}

static void geo_free(struct geo *g)
{
    for (size_t i = 0; i < g->nl; i++) {
        for (size_t k = 0; k < g->l[i].nlocs; k++)
            free(g->l[i].locs[k].text);
        free(g->l[i].locs);
        free(g->l[i].name);
    }
    for (size_t i = 0; i < g->nd; i++) {
        free(g->d[i].name);
        free(g->d[i].csp);
        free(g->d[i].csp_name);
    }
    for (size_t i = 0; i < g->nnbhd; i++)
        free(g->nbhd[i]);
    free(g->l);
    free(g->d);
    free(g->nbhd);
    free(g->cum);
    memset(g, 0, sizeof *g);
}

static size_t geo_pick(const struct geo *g, struct rng *r)
{
    double x = rng_unit(r);
    size_t lo = 0, hi = g->nl - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->cum[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---------------------------------------------------------- generation -- */

/* A crime whose outcome is yet to be written. */
struct pending_row {
    char id[64];
    int32_t lsoa; /* -1: no location */
    uint16_t loc;
    int8_t tricky; /* index into tricky_locations, or -1 */
    uint8_t outcome;
};

struct pending {
    struct pending_row *rows;
    size_t len, cap;
};

struct csv {
    FILE *f;
    char *path;
};

/* A crime held for its street file (street_month), with the key police.uk
 * orders rows by (row_key). */
struct held_row {
    uint64_t key;
    struct pending_row crime;
    uint8_t type, shown; /* enum crime_type, enum outcome */
};

struct gen {
    const struct synth_options *o;
    struct synth_summary *sum;
    FILE *err;
    size_t force; /* index into police_forces */
    char *force_name;
    bool llr;
    struct geo geo;
    struct pending window[LAG_WINDOW]; /* by outcome month % LAG_WINDOW */
    uint32_t *cells;                   /* one month's crimes: lsoa * CT_COUNT + type */
    size_t ncells, capcells;
    /* one month's crimes, for its street file in police.uk's order
     * (street_month) */
    struct held_row *held;
    size_t capheld;
    uint32_t *lsoa_place; /* by LSOA index: its place in name order (place_lsoas) */
    size_t capplace;
    int *times;
    size_t captimes;
    struct buf row;
    struct csv areas, population, ethnic;
};

static void report(const struct gen *g, const char *what, const char *path, int e)
{
    if (g->err)
        fprintf(g->err, "peel generate: %s %s: %s\n", what, path, strerror(e));
}

static int csv_open(struct gen *g, struct csv *c, const char *path, const char *header)
{
    c->path = xstrdup(path);
    c->f = fopen(path, "wb");
    if (!c->f) {
        report(g, "cannot write", path, errno);
        free(c->path);
        c->path = NULL;
        return -1;
    }
    setvbuf(c->f, NULL, _IOFBF, IO_BUFFER);
    if (fputs(header, c->f) == EOF || fputs("\r\n", c->f) == EOF) {
        report(g, "cannot write", path, errno);
        return -1;
    }
    return 0;
}

static int csv_emit(struct gen *g, struct csv *c, const struct buf *row)
{
    if (fwrite(row->p, 1, row->len, c->f) != row->len) {
        report(g, "cannot write", c->path, errno);
        return -1;
    }
    return 0;
}

/* Closes even after an error, so the caller can always call it once. */
static int csv_close(struct gen *g, struct csv *c, int status)
{
    if (!c->f)
        return status;
    bool bad = ferror(c->f) != 0;
    int e = errno;
    if (fclose(c->f) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (bad && status == 0)
        report(g, "cannot write", c->path, e ? e : EIO);
    else if (!bad && status == 0)
        g->sum->files++;
    free(c->path);
    c->f = NULL;
    c->path = NULL;
    return bad ? -1 : status;
}

static char *data_path(const struct gen *g, int month, const char *kind)
{
    char m[MONTH_TEXT_SIZE];
    month_format(month, m);
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s/police-uk/%s/%s-%s-%s.csv", g->o->out_dir, m, m,
               police_forces[g->force].slug, kind);
    return buf_detach(&b);
}

static double seasonal(enum crime_type t, int month)
{
    int m = month_of_year(month);
    if (crimes[t].season == SEASON_SUMMER && m >= 6 && m <= 8)
        return 1.15;
    if (crimes[t].season == SEASON_WINTER && (m >= 11 || m == 1))
        return 1.15;
    return 1.0;
}

static double shifted(const struct gen *g, const struct lsoa *l, enum crime_type t, int month)
{
    double f = 1.0;
    if (!g->llr)
        return f;
    for (size_t i = 0; i < COUNT(llr_shifts); i++) {
        const struct shift *s = &llr_shifts[i];
        if (s->type == t && month >= s->from && month <= s->to &&
            (s->district < 0 || (size_t)s->district == l->district))
            f *= s->factor;
    }
    return f;
}

static void add_cell(struct gen *g, uint32_t cell)
{
    if (g->ncells == g->capcells) {
        g->capcells = g->capcells ? g->capcells * 2 : 16384;
        g->cells = xrealloc(g->cells, g->capcells * sizeof *g->cells);
    }
    g->cells[g->ncells++] = cell;
}

/* This month's crimes, in random order: each draws its own random values
 * (make_crime), and street_month writes them in police.uk's order, or as
 * drawn (--shuffled). */
static void draw_crimes(struct gen *g, struct rng *r, int month)
{
    double scale = (double)g->o->rows;
    g->ncells = 0;
    for (size_t i = 0; i < g->geo.nl; i++) {
        const struct lsoa *l = &g->geo.l[i];
        for (int t = 0; t < CT_COUNT; t++) {
            double mean = scale * l->weight * crimes[t].share / SHARE_TOTAL * seasonal(t, month) *
                          shifted(g, l, t, month);
            for (long k = poisson(r, mean); k > 0; k--)
                add_cell(g, (uint32_t)(i * CT_COUNT + (size_t)t));
        }
    }
    for (size_t i = g->ncells; i > 1; i--) {
        size_t j = rng_below(r, i);
        uint32_t tmp = g->cells[i - 1];
        g->cells[i - 1] = g->cells[j];
        g->cells[j] = tmp;
    }
}

static void put_hex_id(struct rng *r, char id[64])
{
    static const char hex[] = "0123456789abcdef";
    for (int w = 0; w < 4; w++) {
        uint64_t x = rng_next(r);
        for (int i = 0; i < 16; i++, x >>= 4)
            id[w * 16 + i] = hex[x & 15];
    }
}

/* Longitude through LSOA name: the five columns street and outcome rows
 * share. */
static void put_place(struct buf *b, const struct geo *geo, const struct pending_row *c)
{
    if (c->lsoa < 0) {
        buf_puts(b, ",,No Location,,");
        return;
    }
    const struct lsoa *l = &geo->l[c->lsoa];
    const struct loc *p = &l->locs[c->loc];
    buf_puts(b, p->lon);
    buf_putc(b, ',');
    buf_puts(b, p->lat);
    buf_putc(b, ',');
    if (c->tricky >= 0)
        csv_field(b, tricky_locations[c->tricky]);
    else
        buf_puts(b, p->text);
    buf_putc(b, ',');
    buf_puts(b, l->code);
    buf_putc(b, ',');
    buf_puts(b, l->name);
}

static void put_head(struct buf *b, const struct gen *g, const char *id, const char *month)
{
    buf_reset(b);
    buf_append(b, id, id ? 64 : 0);
    buf_putc(b, ',');
    buf_puts(b, month);
    buf_putc(b, ',');
    buf_puts(b, g->force_name);
    buf_putc(b, ',');
    buf_puts(b, g->force_name);
    buf_putc(b, ',');
}

static void park_outcome(struct gen *g, int outcome_month, const struct pending_row *c)
{
    struct pending *p = &g->window[outcome_month % LAG_WINDOW];
    if (p->len == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4096;
        p->rows = xrealloc(p->rows, p->cap * sizeof *p->rows);
    }
    p->rows[p->len++] = *c;
}

static bool is_final(enum outcome o)
{
    return o != OC_UNDER_INVESTIGATION && o != OC_UNAVAILABLE;
}

/* Draws one crime (always the same number of draws, whatever is written,
 * so the street files do not depend on --kinds) and returns the outcome
 * its street row shows. */
static enum outcome make_crime(struct gen *g, struct rng *r, uint32_t cell, int month,
                               struct pending_row *c)
{
    enum crime_type t = cell % CT_COUNT;
    const struct lsoa *l = &g->geo.l[cell / CT_COUNT];
    put_hex_id(r, c->id);
    c->lsoa = rng_unit(r) < NO_LOCATION ? -1 : (int32_t)(cell / CT_COUNT);
    double u = rng_unit(r);
    c->loc = (uint16_t)(u * u * (double)l->nlocs); /* a few points get most crime */
    c->tricky = rng_unit(r) < TRICKY_ROWS ? (int8_t)rng_below(r, COUNT(tricky_locations)) : -1;
    enum outcome o = (enum outcome)pick(r, outcome_weights[t], OC_COUNT);
    int lag = (int)pick(r, lag_weights, LAG_WINDOW);
    c->outcome = (uint8_t)o;
    if (t == CT_ASB || !is_final(o))
        return o;
    if (month + lag > g->o->to)
        return OC_UNDER_INVESTIGATION; /* not decided by the last month */
    if (g->o->kinds & SYNTH_OUTCOMES)
        park_outcome(g, month + lag, c);
    return o;
}

static void street_row(struct gen *g, const struct pending_row *c, enum crime_type t,
                       enum outcome shown, const char *month)
{
    struct buf *b = &g->row;
    put_head(b, g, t == CT_ASB ? NULL : c->id, month);
    put_place(b, &g->geo, c);
    buf_putc(b, ',');
    buf_puts(b, crimes[t].name);
    buf_putc(b, ',');
    if (t != CT_ASB)
        buf_puts(b, outcome_names[shown]);
    buf_puts(b, ",\r\n");
}

static const char street_header[] = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,"
                                    "Location,LSOA code,LSOA name,Crime type,"
                                    "Last outcome category,Context";
static const char outcome_header[] = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,"
                                     "Location,LSOA code,LSOA name,Outcome type";
static const char search_header[] =
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,"
    "Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
    "Outcome,Outcome linked to object of search,Removal of more than just outer clothing";

/* police.uk writes a force's street file ordered by LSOA name, then crime
 * type, rows with no location last: every one of the 57 real street files
 * in ../shared/data/real, each LSOA one run of rows (bench/README.md, stop
 * 39). Interning and counting a real file find each row's LSOA the same as
 * the last row's nine times in ten, and the generated files were shuffled,
 * so they found it almost never. The crimes are still drawn shuffled, each
 * with its own random values; only the street rows' order changes.
 *
 * A row's key: 28 bits of its LSOA's place in name order (PLACE_NONE for
 * no location), 4 of its type's place in police.uk's order, 32 of the
 * order it was drawn in. police.uk sorts names without regard to case or
 * punctuation ("St Albans" after "Stafford"); for the generator's names
 * ("Kent Central 001A", the districts of Leicester, Leicestershire and
 * Rutland) that is strcmp's order. */
enum { PLACE_NONE = (1 << 28) - 1 };
static_assert(CT_COUNT <= 16, "row_key keeps a crime type in 4 bits");

static uint64_t row_key(const struct gen *g, const struct pending_row *c, enum crime_type t,
                        size_t drawn)
{
    assert(drawn <= UINT32_MAX && g->geo.nl < PLACE_NONE);
    uint64_t place = c->lsoa < 0 ? PLACE_NONE : g->lsoa_place[c->lsoa];
    return place << 36 | (uint64_t)crimes[t].place << 32 | (uint64_t)drawn;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = ((const struct held_row *)a)->key, y = ((const struct held_row *)b)->key;
    return (x > y) - (x < y);
}

struct named {
    const char *name;
    uint32_t i;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* g->lsoa_place: each of the force's LSOAs' place in name order. */
static void place_lsoas(struct gen *g)
{
    size_t n = g->geo.nl;
    struct named *v = xmalloc((n ? n : 1) * sizeof *v);
    if (g->capplace < n) {
        g->capplace = n;
        g->lsoa_place = xrealloc(g->lsoa_place, n * sizeof *g->lsoa_place);
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (struct named){g->geo.l[i].name, (uint32_t)i};
    qsort(v, n, sizeof *v, by_name);
    for (size_t k = 0; k < n; k++)
        g->lsoa_place[v[k].i] = (uint32_t)k;
    free(v);
}

/* Writes the n crimes held as street rows, in key order. */
static int write_held(struct gen *g, struct csv *c, size_t n, const char *month)
{
    qsort(g->held, n, sizeof *g->held, by_key);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        street_row(g, &g->held[i].crime, g->held[i].type, g->held[i].shown, month);
        rc = csv_emit(g, c, &g->row);
    }
    return rc;
}

static int street_month(struct gen *g, int month)
{
    struct rng r;
    struct csv c = {0};
    char m[MONTH_TEXT_SIZE];
    bool write = g->o->kinds & SYNTH_STREET, hold = write && !g->o->shuffled;
    month_format(month, m);
    rng_seed(&r, g->o->seed, g->force, (uint64_t)month, STREAM_STREET);
    draw_crimes(g, &r, month);
    if (write) {
        char *path = data_path(g, month, "street");
        int rc = csv_open(g, &c, path, street_header);
        free(path);
        if (rc)
            return csv_close(g, &c, rc);
    }
    if (hold && g->capheld < g->ncells) { /* a crime a cell: 88 bytes, its text 3 times that */
        g->capheld = g->ncells;
        g->held = xrealloc(g->held, g->capheld * sizeof *g->held);
    }
    int rc = 0;
    for (size_t i = 0; i < g->ncells && rc == 0; i++) {
        struct held_row h = {.type = (uint8_t)(g->cells[i] % CT_COUNT)};
        h.shown = (uint8_t)make_crime(g, &r, g->cells[i], month, &h.crime);
        if (!write)
            continue;
        g->sum->street_rows++;
        if (hold) {
            h.key = row_key(g, &h.crime, h.type, i);
            g->held[i] = h;
        } else {
            street_row(g, &h.crime, h.type, h.shown, m);
            rc = csv_emit(g, &c, &g->row);
        }
    }
    if (rc == 0 && hold) /* every crime of the month is held */
        rc = write_held(g, &c, g->ncells, m);
    return csv_close(g, &c, rc);
}

static int outcomes_month(struct gen *g, int month)
{
    struct pending *p = &g->window[month % LAG_WINDOW];
    struct csv c = {0};
    char m[MONTH_TEXT_SIZE];
    month_format(month, m);
    char *path = data_path(g, month, "outcomes");
    int rc = csv_open(g, &c, path, outcome_header);
    free(path);
    for (size_t i = 0; i < p->len && rc == 0; i++) {
        put_head(&g->row, g, p->rows[i].id, m);
        put_place(&g->row, &g->geo, &p->rows[i]);
        buf_putc(&g->row, ',');
        buf_puts(&g->row, outcome_names[p->rows[i].outcome]);
        buf_puts(&g->row, "\r\n");
        rc = csv_emit(g, &c, &g->row);
        g->sum->outcome_rows++;
    }
    p->len = 0;
    return csv_close(g, &c, rc);
}

/* ------------------------------------------------------ stop and search -- */

static const struct choice search_types[] = {
    {"Person search", 74}, {"Person and Vehicle search", 22}, {"Vehicle search", 4}};
static const struct choice operation_flags[] = {{"False", 72}, {"True", 3}, {"", 25}};
static const struct choice operations[] = {
    {"Operation Sceptre", 1}, {"Operation Lightning", 1}, {"Operation Nightjar", 1}};
static const struct choice genders[] = {{"Male", 88}, {"Female", 11}, {"Other", 0.5}, {"", 0.5}};
static const struct choice ages[] = {{"under 10", 0.2}, {"10-17", 16},   {"18-24", 35},
                                     {"25-34", 26},     {"over 34", 20}, {"", 2.8}};
static const struct choice self_ethnicities[] = {
    {"White - English/Welsh/Scottish/Northern Irish/British", 45},
    {"White - Any other White background", 8},
    {"White - Irish", 1},
    {"Asian/Asian British - Indian", 9},
    {"Asian/Asian British - Pakistani", 4},
    {"Asian/Asian British - Bangladeshi", 2},
    {"Asian/Asian British - Any other Asian background", 4},
    {"Black/African/Caribbean/Black British - African", 5},
    {"Black/African/Caribbean/Black British - Caribbean", 3},
    {"Black/African/Caribbean/Black British - Any other Black/African/Caribbean background", 2},
    {"Mixed/Multiple ethnic groups - White and Black Caribbean", 2},
    {"Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", 2},
    {"Other ethnic group - Any other ethnic group", 3},
    {"Other ethnic group - Not stated", 7},
    {"", 3},
};
static const struct choice officer_ethnicities[] = {
    {"White", 60}, {"Asian", 18}, {"Black", 12}, {"Other", 4}, {"", 6}};
static const struct choice pace_objects[] = {{"Offensive weapons", 35},
                                             {"Stolen goods", 30},
                                             {"Article for use in theft", 20},
                                             {"Articles for use in criminal damage", 10},
                                             {"Anything to threaten or harm anyone", 5}};
static const struct choice search_outcomes[] = {
    {"A no further action disposal", 70}, {"Arrest", 14},
    {"Summons / charged by post", 2},     {"Caution (simple or conditional)", 1},
    {"Khat or Cannabis warning", 6},      {"Penalty Notice for Disorder", 1},
    {"Community resolution", 6}};
static const struct choice removals[] = {{"False", 90}, {"True", 2}, {"", 8}};
static const double hour_weights[24] = {5, 4, 3, 2, 1, 1,  1,  2,  3,  4, 5, 6,
                                        6, 6, 7, 8, 9, 10, 10, 10, 10, 9, 8, 6};

enum legislation { LEG_DRUGS, LEG_PACE, LEG_S60, LEG_FIREARMS };
static const struct {
    const char *name, *object; /* object NULL: draw from pace_objects */
    double weight;
} legislations[] = {
    [LEG_DRUGS] = {"Misuse of Drugs Act 1971 (section 23)", "Controlled drugs", 62},
    [LEG_PACE] = {"Police and Criminal Evidence Act 1984 (section 1)", NULL, 33},
    [LEG_S60] = {"Criminal Justice and Public Order Act 1994 (section 60)", "Offensive weapons", 3},
    [LEG_FIREARMS] = {"Firearms Act 1968 (section 47)", "Firearms", 2},
};

static int days_in_month(int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = month_year(month), m = month_of_year(month);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* 0 = Sunday (Sakamoto). */
static int day_of_week(int y, int m, int d)
{
    static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static int last_sunday(int y, int m)
{
    int d = days_in_month(MONTH(y, m));
    return d - day_of_week(y, m, d);
}

/* UK local time: British Summer Time from the last Sunday of March to the
 * last Sunday of October (to the day; the hour does not matter here). */
static bool in_bst(int month, int day)
{
    int y = month_year(month), m = month_of_year(month);
    if (m < 3 || m > 10)
        return false;
    if (m > 3 && m < 10)
        return true;
    return m == 3 ? day >= last_sunday(y, 3) : day < last_sunday(y, 10);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Minutes into the month, sorted: published files run in date order. */
static size_t draw_times(struct gen *g, struct rng *r, int month)
{
    double mean = BASE_SEARCHES * (double)g->o->rows / BASE_ROWS;
    size_t n = (size_t)poisson(r, mean);
    if (n > g->captimes) {
        g->captimes = n;
        g->times = xrealloc(g->times, n * sizeof *g->times);
    }
    int days = days_in_month(month);
    for (size_t i = 0; i < n; i++) {
        int day = (int)rng_below(r, (size_t)days);
        int hour = (int)pick(r, hour_weights, 24);
        g->times[i] = (day * 24 + hour) * 60 + (int)rng_below(r, 60);
    }
    if (n > 1)
        qsort(g->times, n, sizeof *g->times, cmp_int);
    return n;
}

static void put_field(struct buf *b, const char *s, bool last)
{
    csv_field(b, s);
    buf_puts(b, last ? "\r\n" : ",");
}

static void put_search_date(struct buf *b, int month, int minutes)
{
    int day = minutes / (24 * 60) + 1, hour = minutes / 60 % 24, minute = minutes % 60;
    buf_printf(b, "%04d-%02d-%02dT%02d:%02d:00%s,", month_year(month), month_of_year(month), day,
               hour, minute, in_bst(month, day) ? "+01:00" : "+00:00");
}

static void put_search_place(struct gen *g, struct rng *r, struct buf *b)
{
    const struct lsoa *l = &g->geo.l[geo_pick(&g->geo, r)];
    const struct loc *p = &l->locs[rng_below(r, l->nlocs)];
    if (rng_unit(r) < 0.82)
        buf_printf(b, "%s,%s,", p->lat, p->lon);
    else
        buf_puts(b, ",,");
}

/* Officers mostly agree with the person's own description; when it was
 * not stated, or for one search in ten, theirs is drawn on its own. */
static const char *officer_view(struct rng *r, const char *self)
{
    static const char *const groups[][2] = {{"White", "White"},
                                            {"Asian", "Asian"},
                                            {"Black", "Black"},
                                            {"Mixed", "Other"},
                                            {"Other ethnic group - Any", "Other"}};
    const char *own = PICK(r, officer_ethnicities);
    if (rng_unit(r) < 0.1)
        return own;
    for (size_t i = 0; i < COUNT(groups); i++)
        if (strncmp(self, groups[i][0], strlen(groups[i][0])) == 0)
            return groups[i][1];
    return own;
}

/* Vehicle-only searches have no person, as in the published data. */
static void put_search_person(struct rng *r, struct buf *b, bool person)
{
    const char *gender = PICK(r, genders), *age = PICK(r, ages);
    const char *self = PICK(r, self_ethnicities), *officer = officer_view(r, self);
    if (!person)
        gender = age = self = officer = "";
    put_field(b, gender, false);
    put_field(b, age, false);
    put_field(b, self, false);
    put_field(b, officer, false);
}

static void put_search_result(struct rng *r, struct buf *b, bool person)
{
    double w[COUNT(legislations)];
    for (size_t i = 0; i < COUNT(legislations); i++)
        w[i] = legislations[i].weight;
    size_t leg = pick(r, w, COUNT(legislations));
    const char *object =
        legislations[leg].object ? legislations[leg].object : PICK(r, pace_objects);
    const char *outcome = PICK(r, search_outcomes);
    if (leg != LEG_DRUGS && strcmp(outcome, "Khat or Cannabis warning") == 0)
        outcome = "A no further action disposal";
    bool nfa = strcmp(outcome, "A no further action disposal") == 0;
    double u = rng_unit(r);
    const char *linked = nfa ? (u < 0.5 ? "False" : "") : (u < 0.6 ? "True" : "False");
    const char *removal = PICK(r, removals);
    put_field(b, legislations[leg].name, false);
    put_field(b, object, false);
    put_field(b, outcome, false);
    put_field(b, linked, false);
    put_field(b, person ? removal : "", true);
}

static void search_row(struct gen *g, struct rng *r, int month, int minutes)
{
    struct buf *b = &g->row;
    buf_reset(b);
    const char *type = PICK(r, search_types);
    bool person = strcmp(type, "Vehicle search") != 0;
    const char *flag = PICK(r, operation_flags), *op = PICK(r, operations);
    put_field(b, type, false);
    put_search_date(b, month, minutes);
    put_field(b, flag, false);
    put_field(b, strcmp(flag, "True") == 0 ? op : "", false);
    put_search_place(g, r, b);
    put_search_person(r, b, person);
    put_search_result(r, b, person);
}

static int search_month(struct gen *g, int month)
{
    struct rng r;
    struct csv c = {0};
    rng_seed(&r, g->o->seed, g->force, (uint64_t)month, STREAM_SEARCH);
    size_t n = draw_times(g, &r, month);
    char *path = data_path(g, month, "stop-and-search");
    int rc = csv_open(g, &c, path, search_header);
    free(path);
    for (size_t i = 0; i < n && rc == 0; i++) {
        search_row(g, &r, month, g->times[i]);
        rc = csv_emit(g, &c, &g->row);
        g->sum->search_rows++;
    }
    return csv_close(g, &c, rc);
}

/* ------------------------------------------------------------- lookups -- */

static int lookups_open(struct gen *g)
{
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/lookups/lsoa-areas.csv", g->o->out_dir);
    int rc = csv_open(g, &g->areas, path.p,
                      "lsoa_code,lsoa_name,district,csp,neighbourhood,rural_urban,csp_code");
    buf_reset(&path);
    buf_printf(&path, "%s/lookups/lsoa-population.csv", g->o->out_dir);
    if (rc == 0)
        rc = csv_open(g, &g->population, path.p, "lsoa_code,population");
    buf_reset(&path);
    buf_printf(&path, "%s/lookups/ethnic-population.csv", g->o->out_dir);
    if (rc == 0)
        rc = csv_open(g, &g->ethnic, path.p, "force,ethnic_group,population");
    buf_free(&path);
    return rc;
}

/* The force area's residents by census ethnic group, in invented shares
 * of the same order as the 2021 census gives for Leicester, Leicestershire
 * and Rutland, White taking what rounding leaves. */
static int ethnic_force(struct gen *g, int64_t total)
{
    static const struct {
        const char *group;
        double share;
    } shares[] = {{"Asian", 0.18}, {"Black", 0.03}, {"Mixed", 0.03}, {"Other", 0.02}};
    int64_t rest = total;
    int rc = 0;
    struct buf *b = &g->row;
    for (size_t i = 0; i < COUNT(shares) && rc == 0; i++) {
        int64_t n = (int64_t)((double)total * shares[i].share + 0.5);
        rest -= n;
        buf_reset(b);
        put_field(b, g->force_name, false);
        buf_printf(b, "%s,%lld\r\n", shares[i].group, (long long)n);
        rc = csv_emit(g, &g->ethnic, b);
    }
    buf_reset(b);
    put_field(b, g->force_name, false);
    buf_printf(b, "White,%lld\r\n", (long long)rest);
    return rc ? rc : csv_emit(g, &g->ethnic, b);
}

static int lookups_force(struct gen *g)
{
    int rc = 0;
    int64_t total = 0;
    for (size_t i = 0; i < g->geo.nl && rc == 0; i++) {
        const struct lsoa *l = &g->geo.l[i];
        const struct district *d = &g->geo.d[l->district];
        struct buf *b = &g->row;
        buf_reset(b);
        put_field(b, l->code, false);
        put_field(b, l->name, false);
        put_field(b, d->name, false);
        put_field(b, d->csp_name, false);
        put_field(b, g->geo.nbhd[l->nbhd], false);
        put_field(b, l->rural ? "Rural" : "Urban", false);
        put_field(b, d->csp, true);
        rc = csv_emit(g, &g->areas, b);
        buf_reset(b);
        buf_printf(b, "%s,%d\r\n", l->code, l->population);
        total += l->population;
        if (rc == 0)
            rc = csv_emit(g, &g->population, b);
    }
    return rc ? rc : ethnic_force(g, total);
}

/* -------------------------------------------------------------- driver -- */

static int make_dir(const struct gen *g, const char *path)
{
    struct stat st;
    if (mkdir(path, 0777) == 0)
        return 0;
    int e = errno;
    if (e == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    report(g, "cannot create", path, e == EEXIST ? ENOTDIR : e);
    return -1;
}

/* mkdir -p */
static int make_dirs(const struct gen *g, const char *path)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; rc == 0 && *s; s++) {
        if (*s != '/' || s[-1] == '/')
            continue;
        *s = '\0';
        rc = make_dir(g, p);
        *s = '/';
    }
    if (rc == 0)
        rc = make_dir(g, p);
    free(p);
    return rc;
}

/* Data and lookups live in sibling folders, so that `peel import DIR/police-uk`
 * reads only police.uk files (it refuses a CSV whose header it does not know). */
static int make_month_dirs(const struct gen *g)
{
    struct buf top = BUF_INIT;
    buf_printf(&top, "%s/police-uk", g->o->out_dir);
    int rc = make_dir(g, top.p);
    buf_free(&top);
    for (int m = g->o->from; m <= g->o->to && rc == 0; m++) {
        char text[MONTH_TEXT_SIZE];
        struct buf path = BUF_INIT;
        month_format(m, text);
        buf_printf(&path, "%s/police-uk/%s", g->o->out_dir, text);
        rc = make_dir(g, path.p);
        buf_free(&path);
    }
    return rc;
}

static int force_months(struct gen *g)
{
    int rc = 0;
    for (int m = g->o->from; m <= g->o->to && rc == 0; m++) {
        if (g->o->kinds & (SYNTH_STREET | SYNTH_OUTCOMES))
            rc = street_month(g, m);
        if (rc == 0 && (g->o->kinds & SYNTH_OUTCOMES))
            rc = outcomes_month(g, m);
        if (rc == 0 && (g->o->kinds & SYNTH_STOP_SEARCH))
            rc = search_month(g, m);
    }
    return rc;
}

static int one_force(struct gen *g, size_t force)
{
    struct buf name = BUF_INIT;
    csv_field(&name, police_forces[force].name);
    g->force = force;
    g->force_name = name.p;
    g->llr = strcmp(police_forces[force].slug, "leicestershire") == 0;
    geo_build(&g->geo, g->o->seed, force);
    g->sum->lsoas += g->geo.nl;
    if ((g->o->kinds & SYNTH_STREET) && !g->o->shuffled)
        place_lsoas(g);
    int rc = g->o->lookups ? lookups_force(g) : 0;
    if (rc == 0)
        rc = force_months(g);
    for (size_t i = 0; i < LAG_WINDOW; i++)
        g->window[i].len = 0;
    geo_free(&g->geo);
    buf_free(&name);
    g->force_name = NULL;
    return rc;
}

static bool territorial(const struct police_force *f)
{
    return strcmp(f->slug, "btp") != 0 && strcmp(f->slug, "northern-ireland") != 0;
}

/* Indices into police_forces, in the order asked, without repeats. */
static size_t resolve_forces(const struct gen *g, size_t *out)
{
    size_t n = 0;
    if (g->o->all_forces) {
        for (size_t i = 0; i < police_forces_count; i++)
            if (territorial(&police_forces[i]))
                out[n++] = i;
        return n;
    }
    for (size_t i = 0; i < g->o->nforces; i++) {
        const char *slug = g->o->forces[i];
        const struct police_force *f = force_by_slug(slug, strlen(slug));
        if (!f) {
            if (g->err)
                fprintf(g->err, "peel generate: unknown force '%s'\n", slug);
            return 0;
        }
        size_t idx = (size_t)(f - police_forces), k = 0;
        while (k < n && out[k] != idx)
            k++;
        if (k == n)
            out[n++] = idx;
    }
    return n;
}

static bool valid_options(const struct gen *g)
{
    const struct synth_options *o = g->o;
    const char *why = NULL;
    if (!o->out_dir || !*o->out_dir)
        why = "no output folder";
    else if (o->from < MONTH(1900, 1) || o->to > MONTH(2999, 12) || o->from > o->to)
        why = "--from must not be after --to";
    else if (o->rows < 0 || o->rows > MAX_ROWS)
        why = "--rows must be between 0 and 1000000";
    else if ((o->kinds & ~(unsigned)SYNTH_ALL_KINDS) != 0)
        why = "unknown kind";
    if (why && g->err)
        fprintf(g->err, "peel generate: %s\n", why);
    return why == NULL;
}

/* ------------------------------------------------------------- README -- */

static void readme_options(const struct gen *g, struct buf *b, const size_t *forces, size_t n)
{
    const struct synth_options *o = g->o;
    char from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE];
    month_format(o->from, from);
    month_format(o->to, to);
    buf_printf(b, "Options: --seed %llu --from %s --to %s --rows %ld", (unsigned long long)o->seed,
               from, to, o->rows);
    if (o->all_forces)
        buf_puts(b, " --all-forces");
    for (size_t i = 0; !o->all_forces && i < n; i++)
        buf_printf(b, "%s%s", i ? "," : " --forces ", police_forces[forces[i]].slug);
    buf_puts(b, " --kinds ");
    const char *sep = "";
    static const char *const kinds[] = {"street", "outcomes", "stop-and-search"};
    for (size_t i = 0; i < COUNT(kinds); i++)
        if (o->kinds & (1u << i)) {
            buf_printf(b, "%s%s", sep, kinds[i]);
            sep = ",";
        }
    buf_printf(b, "%s%s\n", o->lookups ? "" : " --no-lookups", o->shuffled ? " --shuffled" : "");
    buf_printf(b, "Forces (%zu):", n);
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i % 6 ? " " : "\n  ", police_forces[forces[i]].slug);
    buf_puts(b, "\n\n");
}

static void readme_text(const struct gen *g, struct buf *b, const size_t *forces, size_t n)
{
    buf_puts(b, "SYNTHETIC DATA - NOT REAL CRIMES\n"
                "================================\n\n"
                "Every file in this folder was invented by `peel generate`. The rows have the\n"
                "format of the data.police.uk archive (same file names, headers, CRLF line\n"
                "endings and quoting) but they describe no real crime, search, place or person.\n"
                "Do not use them for anything but demos, tests and benchmarks.\n\n");
    readme_options(g, b, forces, n);
    buf_puts(b, "Layout:\n"
                "  police-uk/YYYY-MM/YYYY-MM-<force>-street.csv     street-level crimes, ASB\n"
                "  police-uk/YYYY-MM/YYYY-MM-<force>-outcomes.csv   outcomes given that month\n"
                "  police-uk/YYYY-MM/YYYY-MM-<force>-stop-and-search.csv  stop and search\n"
                "  lookups/lsoa-areas.csv       lsoa_code,lsoa_name,district,csp,neighbourhood,"
                "rural_urban,\n"
                "                               csp_code\n"
                "  lookups/lsoa-population.csv  lsoa_code,population\n"
                "  lookups/ethnic-population.csv  force,ethnic_group,population (census\n"
                "                               groups, invented shares of the LSOA totals)\n\n");
    buf_puts(b, "Deliberate shifts (leicestershire only; other forces have seasonality and\n"
                "Poisson noise only):\n");
    for (size_t i = 0; i < COUNT(llr_shifts); i++)
        buf_printf(b, "  %zu. %s\n", i + 1, llr_shifts[i].text);
    buf_puts(b, "Seasonality everywhere: violence, ASB and public order +15% in June-August;\n"
                "burglary +15% in November-January.\n\n"
                "Geography: leicestershire has the nine real districts of Leicester,\n"
                "Leicestershire and Rutland with their real LSOA counts (611), but invented\n"
                "LSOAs. LSOA codes are code-shaped but SYNTHETIC: E01900001-E01900611 for\n"
                "leicestershire and a block of 1000 from E01901001 (W01 in Wales) for each other\n"
                "force; ONS has never issued them, so they cannot be mistaken for real ones.\n"
                "In lsoa-areas.csv, csp is the community safety partnership's name\n"
                "(\"Leicester\", \"Leicestershire\" or \"Rutland\" for leicestershire, the\n"
                "district itself elsewhere) and csp_code its code, also code-shaped but\n"
                "SYNTHETIC: E22900001 (Leicester), E22900002 (Leicestershire) and E22900003\n"
                "(Rutland) for leicestershire, and one a district from a block of 1000 from\n"
                "E22901001 (W22 in Wales) for each other force. Each force's\n"
                "first neighbourhood (leicestershire: City Centre) is a high-crime town centre.\n"
                "Populations are 1,000-3,000 per LSOA.\n\n"
                "Outcomes: each non-ASB crime with a final outcome has one outcomes row, 0-5\n"
                "months after the crime, whose Outcome type equals the street row's Last\n"
                "outcome category. Crimes whose outcome would fall after the last month show\n"
                "\"Under investigation\", so the last three months have many more of those.\n"
                "About 0.5% of street rows have \"No Location\"; about 1 row in 2,000 has a\n"
                "Location containing commas and quotes.\n\n");
    buf_puts(b, g->o->shuffled ? "Street rows are in random order (--shuffled).\n"
                               : "Street rows are in data.police.uk's order: by LSOA name, then "
                                 "crime type\n(Other crime last), the rows with no location "
                                 "last.\n");
}

static int write_readme(struct gen *g, const size_t *forces, size_t n)
{
    struct buf path = BUF_INIT, text = BUF_INIT;
    struct csv c = {0};
    buf_printf(&path, "%s/README.txt", g->o->out_dir);
    readme_text(g, &text, forces, n);
    int rc = 0;
    c.path = xstrdup(path.p);
    c.f = fopen(path.p, "wb");
    if (!c.f) {
        report(g, "cannot write", path.p, errno);
        free(c.path);
        rc = -1;
    } else {
        rc = csv_emit(g, &c, &text);
        rc = csv_close(g, &c, rc);
    }
    buf_free(&path);
    buf_free(&text);
    return rc;
}

static int generate_all(struct gen *g, const size_t *forces, size_t n)
{
    int rc = make_dirs(g, g->o->out_dir);
    if (rc == 0 && g->o->kinds)
        rc = make_month_dirs(g);
    if (rc == 0 && g->o->lookups) {
        struct buf dir = BUF_INIT;
        buf_printf(&dir, "%s/lookups", g->o->out_dir);
        rc = make_dir(g, dir.p);
        buf_free(&dir);
        if (rc == 0)
            rc = lookups_open(g);
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = one_force(g, forces[i]);
    rc = csv_close(g, &g->areas, rc);
    rc = csv_close(g, &g->population, rc);
    rc = csv_close(g, &g->ethnic, rc);
    return rc ? rc : write_readme(g, forces, n);
}

static void gen_free(struct gen *g)
{
    for (size_t i = 0; i < LAG_WINDOW; i++)
        free(g->window[i].rows);
    free(g->cells);
    free(g->times);
    buf_free(&g->row);
    free(g->held);
    free(g->lsoa_place);
}

void synth_options_default(struct synth_options *o)
{
    static const char *const default_forces[] = {"leicestershire"};
    memset(o, 0, sizeof *o);
    o->out_dir = "demo/data";
    o->from = MONTH(2019, 4);
    o->to = MONTH(2023, 3);
    o->forces = default_forces;
    o->nforces = 1;
    o->rows = (long)BASE_ROWS;
    o->seed = 1;
    o->kinds = SYNTH_ALL_KINDS;
    o->lookups = true;
}

int synth_generate(const struct synth_options *o, struct synth_summary *out, FILE *err)
{
    struct synth_summary local = {0};
    struct gen g = {.o = o, .sum = out ? out : &local, .err = err};
    memset(g.sum, 0, sizeof *g.sum);
    if (!valid_options(&g))
        return -1;
    size_t *forces = xmalloc(police_forces_count * sizeof *forces);
    size_t n = resolve_forces(&g, forces);
    int rc = -1;
    if (n == 0 && err && !o->all_forces && o->nforces == 0)
        fprintf(err, "peel generate: no forces\n");
    if (n > 0) {
        g.sum->forces = n;
        g.sum->months = (size_t)o->to - (size_t)o->from + 1;
        rc = generate_all(&g, forces, n);
    }
    free(forces);
    gen_free(&g);
    return rc;
}
