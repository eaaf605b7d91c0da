/*
 * services.c - the SYNTHETIC commissioned services and their returns (see
 * services.h).
 */
#include "synth/services.h"

#include <string.h>

/* The first outcome is of the people supported, the second of referrals. */
static const struct {
    const char *ref, *name, *provider, *org_id, *funding, *serves, *end, *value;
    const char *outcome[2];
    long people; /* a quarter's, about */
} services[] = {
    {"SV-001",
     "Victim First: support for every victim (SYNTHETIC)",
     "Victim Support Services CIC (synthetic)",
     "GB-COH-99900101",
     "MoJ victims grant and precept",
     "m2",
     "2028-03-31",
     "1,650,000",
     {"Victims who cope and recover", "Contacted within 2 days"},
     3800},
    {"SV-002",
     "Restorative justice (SYNTHETIC)",
     "Restore Midshire CIC (synthetic)",
     "GB-COH-99900102",
     "MoJ victims grant",
     "m2",
     "2025-03-31",
     "180,000",
     {"Meetings held", "Victims satisfied"},
     60},
    {"SV-003",
     "Independent sexual violence advisers (SYNTHETIC)",
     "Midshire Rape Crisis (synthetic)",
     "GB-CHC-9990103",
     "MoJ ISVA funding",
     "m2",
     "2027-03-31",
     "436,796",
     {"Survivors supported to trial", "Contacted within 2 days"},
     210},
    {"SV-004",
     "Domestic abuse outreach (SYNTHETIC)",
     "Safe Homes Midshire (synthetic)",
     "GB-CHC-9990104",
     "MoJ DA uplift",
     "m2",
     "2025-03-31",
     "720,000",
     {"Risk reduced at case closure", "Contacted within 2 days"},
     420},
    {"SV-005",
     "Child exploitation support (SYNTHETIC)",
     "Young Voices Trust (synthetic)",
     "GB-CHC-9990105",
     "Precept",
     "m1",
     "2025-03-31",
     "310,000",
     {"Young people safer at closure", "Referrals assessed"},
     95},
    {"SV-006",
     "Violence diversion for young people (SYNTHETIC)",
     "Midshire Youth Works (synthetic)",
     "GB-CHC-9990106",
     "Violence Reduction Network",
     "m1",
     "2027-03-31",
     "455,000",
     {"No further offence in 6 months", "Referrals assessed"},
     150},
    {"SV-007",
     "Hate crime advocacy (SYNTHETIC)",
     "Equality Midshire (synthetic)",
     "GB-CHC-9990107",
     "MoJ victims grant",
     "m2",
     "2025-03-31",
     "120,000",
     {"Cases resolved", "Contacted within 2 days"},
     40},
    {"SV-008",
     "Arrest referral for substance misuse (SYNTHETIC)",
     "Turning Point Midshire (synthetic)",
     "GB-CHC-9990108",
     "Precept and health partners",
     "m1",
     "",
     "746,598",
     {"Started treatment", "Referrals assessed"},
     520},
};
#define NSERVICES (int)(sizeof services / sizeof services[0])

int synth_services(FILE *out)
{
    fprintf(out, "Reference,Service,Provider,Provider ID,Funding source,Serves,Start date,"
                 "End date,Annual value,Outcomes\r\n");
    for (int i = 0; i < NSERVICES; i++)
        fprintf(out, "%s,%s,%s,%s,%s,%s,2021-04-01,%s,\"%s\",\"%s = %ld; %s = %ld\"\r\n",
                services[i].ref, services[i].name, services[i].provider, services[i].org_id,
                services[i].funding, services[i].serves, services[i].end, services[i].value,
                services[i].outcome[0], services[i].people * 4 * 7 / 10, services[i].outcome[1],
                services[i].people * 4 * 13 / 10);
    fprintf(out, "Total Commissioned Services (SYNTHETIC lines; 004's total),,,,,,,,"
                 "\"4,618,394\",\r\n");
    return NSERVICES;
}

int synth_service_returns(FILE *out)
{
    fprintf(out, "Service,Quarter,Referrals,People supported,Outcomes achieved\r\n");
    int n = 0;
    for (int i = 0; i < NSERVICES; i++) {
        /* ended: to 2024-25 Q4; running: to 2025-26 Q2 */
        int last = strcmp(services[i].end, "2025-03-31") == 0 ? 4 * 4 : 4 * 4 + 2;
        for (int q = 0; q < last; q++) {
            long wobble = (long)((i * 7 + q * 13) % 21) - 10; /* -10..10 per cent */
            long people = services[i].people * (100 + wobble) / 100;
            long referrals = people * 13 / 10;
            fprintf(out, "%s,%d-%02d Q%d,%ld,%ld,\"%s = %ld; %s = %ld\"\r\n", services[i].ref,
                    2021 + q / 4, (2022 + q / 4) % 100, q % 4 + 1, referrals, people,
                    services[i].outcome[0], people * 7 / 10, services[i].outcome[1],
                    referrals * 9 / 10);
            n++;
        }
    }
    return n;
}
