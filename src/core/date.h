/* date.h — calendar arithmetic and the absolute date forms news text uses.
 *
 * Shared by clean (publication dates in metadata lines and meta tags) and
 * nlp/times.c (dates in running text, relative ones resolved against the
 * publication date). A `date` has precision: y only, y-m, or y-m-d. */
#ifndef DOSSIER_DATE_H
#define DOSSIER_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"

bool date_valid(date d);                 /* y in 1000..2999, m and d in range where given */
int64_t date_to_days(date d);            /* days since 1970-01-01 (m, d default to 1) */
date date_from_days(int64_t days);
date date_add_days(date d, int64_t n);
int date_weekday(date d);                /* 0 = Monday … 6 = Sunday (y-m-d dates) */
int date_days_in_month(int y, int m);
int date_compare(date a, date b);        /* by the fields both have */

/* "January", "Jan", "Jan.", "Sept" (any case) → 1..12; 0 if not a month. */
int date_month_from_name(const char *s, size_t n);
/* "Monday", "Mon", "Tues" … → 0..6; -1 if not a weekday. */
int date_weekday_from_name(const char *s, size_t n);

/* Writes YYYY-MM-DD / YYYY-MM / YYYY (by precision) into out (≥ 11 bytes);
 * returns its length, 0 for an invalid date. */
int date_format(date d, char *out, size_t cap);

/* Parses an absolute date written in any common form at the start of s:
 * "2014-12-17", "2014-12-17T07:59:00Z", "17/12/2014", "12/17/2014",
 * "26-FEB-1987", "December 17, 2014", "Dec. 17, 2014", "17 December 2014",
 * "Wednesday, December 17, 2014", "Wed, 17 Dec 2014 12:07:00 GMT", "Dec 17 2014",
 * "December 2014", "20141217", optionally with a time after it ("12:07 PM IST",
 * "8:24 AM", "15:02:20.00", "T07:59:00+05:00"), which is consumed too.
 * Numeric dates are read day-first unless the second field cannot be a month.
 * Returns the bytes consumed, 0 if s does not start with a date. */
size_t date_parse(const char *s, size_t n, date *out);

/* date_parse with options, for running text:
 *   DATE_NO_YEAR  also day and month alone ("Dec 16", "16 December",
 *                 "November 28th"), returned with y = 0 for the caller to resolve;
 *   DATE_NO_TIME  stop after the date, leaving a following time unread. */
enum { DATE_NO_YEAR = 1, DATE_NO_TIME = 2 };
size_t date_parse_opts(const char *s, size_t n, int flags, date *out);

/* A date a user gives as a filter ("2014", "2014-12", "Dec 17, 2014",
 * "17/12/2014"), normalised to YYYY[-MM[-DD]] in out (>= 11 bytes); -1 if it
 * is not a date. */
int date_filter(const char *text, char *out, size_t cap);

#endif
