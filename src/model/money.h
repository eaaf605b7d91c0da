/*
 * money.h - amounts of money: integer pence, and their one written form.
 *
 * Money is never a double: an amount is read into pence exactly, summed as
 * integers, and written back by money_format alone, for people
 * ("£1,234.56", "-£20.00": grouped, with the pound sign) or for machines
 * ("1234.56", "-20.00": CSV and JSON, full precision, no grouping). A
 * credit note is a negative amount.
 */
#ifndef PEEL_MODEL_MONEY_H
#define PEEL_MODEL_MONEY_H

#include <stdbool.h>
#include <stdint.h>

#define MONEY_TEXT_SIZE 40

/* pence as text into out: human "£1,234.56" or machine "1234.56". */
void money_format(int64_t pence, bool human, char out[MONEY_TEXT_SIZE]);

/* An amount of pounds as offices write them, negatives too: "1,234.56",
 * "£1234.5", "-500", "-£500.00", "£-500" and "(500.00)" (an accountant's
 * negative). False for anything else (letters, more than two decimals,
 * misplaced commas, over a trillion pounds). */
bool money_parse(const char *text, int64_t *pence);

#endif
