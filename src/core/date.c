/* date.c — calendar arithmetic (proleptic Gregorian) and absolute date parsing. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool date_valid(date d)
{
    if (d.y < 1000 || d.y > 2999) return false;
    if (!d.m) return !d.d;
    if (d.m < 1 || d.m > 12) return false;
    return !d.d || (d.d >= 1 && d.d <= date_days_in_month(d.y, d.m));
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* Howard Hinnant's days_from_civil. */
int64_t date_to_days(date d)
{
    int64_t y = d.y, m = d.m ? d.m : 1, dd = d.d ? d.d : 1;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

date date_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    return (date){(int16_t)(y + (m <= 2)), (int8_t)m, (int8_t)d};
}

date date_add_days(date d, int64_t n) { return date_from_days(date_to_days(d) + n); }

int date_weekday(date d)
{
    int64_t z = date_to_days(d);        /* 1970-01-01 was a Thursday (3) */
    return (int)(((z % 7) + 7 + 3) % 7);
}

int date_compare(date a, date b)
{
    if (a.y != b.y) return a.y < b.y ? -1 : 1;
    if (!a.m || !b.m || a.m == b.m) {
        if (!a.m || !b.m || !a.d || !b.d || a.d == b.d) return 0;
        return a.d < b.d ? -1 : 1;
    }
    return a.m < b.m ? -1 : 1;
}

static const char *const month_names[] = {"january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"};
static const char *const day_names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

/* Matches a full name, or its first 3 letters (4 for "sept", "tues", "thur(s)"),
 * optionally followed by a period; n is the word's length. */
static bool name_match(const char *full, const char *s, size_t n)
{
    if (n < 3 || (s[0] | 0x20) != full[0]) return false;   /* most words fail here, cheaply */
    if (s[n - 1] == '.') n--;
    size_t len = strlen(full);
    if (n < 3 || n > len) return false;
    if (strncasecmp(full, s, n) != 0) return false;
    if (n == len || n == 3) return true;
    return (!strcmp(full, "september") && n == 4) || (!strcmp(full, "tuesday") && n == 4) ||
           (!strcmp(full, "thursday") && (n == 4 || n == 5)) || (!strcmp(full, "wednesday") && n == 4);
}

int date_month_from_name(const char *s, size_t n)
{
    for (int i = 0; i < 12; i++)
        if (name_match(month_names[i], s, n)) return i + 1;
    return 0;
}

int date_weekday_from_name(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (name_match(day_names[i], s, n)) return i;
    return -1;
}

int date_format(date d, char *out, size_t cap)
{
    if (!date_valid(d)) return 0;
    int n;
    if (!d.m) n = snprintf(out, cap, "%04d", d.y);
    else if (!d.d) n = snprintf(out, cap, "%04d-%02d", d.y, d.m);
    else n = snprintf(out, cap, "%04d-%02d-%02d", d.y, d.m, d.d);
    return n > 0 && (size_t)n < cap ? n : 0;
}

/* date_parse lives with the times step's grammar in date_parse.c. */
