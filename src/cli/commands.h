/*
 * commands.h - every subcommand, for the dispatch table in peel.c.
 */
#ifndef PEEL_COMMANDS_H
#define PEEL_COMMANDS_H

#include "cli/cli.h"

extern const struct peel_cmd cmd_import;
extern const struct peel_cmd cmd_import_areas;
extern const struct peel_cmd cmd_import_population;
extern const struct peel_cmd cmd_import_prc;
extern const struct peel_cmd cmd_prc;
extern const struct peel_cmd cmd_stats;
extern const struct peel_cmd cmd_outcomes;
extern const struct peel_cmd cmd_quarantine;
extern const struct peel_cmd cmd_generate;
extern const struct peel_cmd cmd_plan;
extern const struct peel_cmd cmd_metrics;
extern const struct peel_cmd cmd_exceptions;
extern const struct peel_cmd cmd_metric;
extern const struct peel_cmd cmd_scan;
extern const struct peel_cmd cmd_chart;
extern const struct peel_cmd cmd_compare;
extern const struct peel_cmd cmd_publish;
extern const struct peel_cmd cmd_report;
extern const struct peel_cmd cmd_serve;
extern const struct peel_cmd cmd_map;
extern const struct peel_cmd cmd_import_boundaries;
extern const struct peel_cmd cmd_verify;
extern const struct peel_cmd cmd_loads;
extern const struct peel_cmd cmd_user;
extern const struct peel_cmd cmd_audit;
extern const struct peel_cmd cmd_calendar;
extern const struct peel_cmd cmd_clock;
extern const struct peel_cmd cmd_decision;
extern const struct peel_cmd cmd_transparency;
extern const struct peel_cmd cmd_hmicfrs;
extern const struct peel_cmd cmd_spend;
extern const struct peel_cmd cmd_stop_search;
extern const struct peel_cmd cmd_budget;
extern const struct peel_cmd cmd_registers;
extern const struct peel_cmd cmd_contracts;
extern const struct peel_cmd cmd_services;
extern const struct peel_cmd cmd_concern;
extern const struct peel_cmd cmd_fund;
extern const struct peel_cmd cmd_award;
extern const struct peel_cmd cmd_grants_received;
extern const struct peel_cmd cmd_application;
extern const struct peel_cmd cmd_iopc;
extern const struct peel_cmd cmd_investigation;
extern const struct peel_cmd cmd_letter;
extern const struct peel_cmd cmd_victims_code;

#endif
