/*
 * grants_received.c - the SYNTHETIC grants-received table (see
 * grants_received.h).
 */
#include "synth/grants_received.h"

int synth_grants_received(FILE *out, int fy_start, bool bad_total)
{
    static const struct {
        const char *funder, *purpose, *amount, *conditions, *report; /* report: MM-DD */
    } lines[] = {
        {"Ministry of Justice (SYNTHETIC)", "Victims and witnesses services", "1,200,000",
         "Spent on victims' services only; quarterly returns", "07-31"},
        {"Ministry of Justice (SYNTHETIC)", "Independent sexual violence advisers", "400,000",
         "Posts named in the bid", "10-31"},
        {"Home Office (SYNTHETIC)", "Safer Streets", "500,000", "Capital spent by 31 March", ""},
        {"Violence Reduction Network (SYNTHETIC)", "Serious violence: schools", "350,000",
         "Match funding from the Office", "01-31"},
        {"Youth Endowment Fund (SYNTHETIC)", "Mentoring project", "120,000",
         "Evaluation data shared", ""},
    };
    const int n = (int)(sizeof lines / sizeof lines[0]);
    fprintf(out, "Funder,Purpose,Amount,Conditions,Report on\r\n");
    for (int i = 0; i < n; i++) {
        char report[16] = "";
        if (lines[i].report[0]) /* January is in the year after fy_start */
            snprintf(report, sizeof report, "%d-%s",
                     lines[i].report[0] == '0' && lines[i].report[1] < '4' ? fy_start + 1
                                                                           : fy_start,
                     lines[i].report);
        fprintf(out, "%s,%s,\"%s\",%s,%s\r\n", lines[i].funder, lines[i].purpose, lines[i].amount,
                lines[i].conditions, report);
    }
    fprintf(out, "Total (SYNTHETIC),,\"%s\",,\r\n", bad_total ? "2,570,001" : "2,570,000");
    return n;
}
