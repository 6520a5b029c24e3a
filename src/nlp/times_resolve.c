/* times_resolve.c — the calendar values of relative dates.
 *
 * Each function turns a relative expression, already read by the grammar,
 * into a value against the publication date. News reports mostly look back:
 * "on Tuesday" is the latest Tuesday on or before publication, "in June" the
 * latest June and "November 28" the latest November 28, unless the next one
 * is much nearer (a date a few weeks ahead is news; one eleven months back
 * would be written with its year). A value needs a publication date precise enough
 * (days need the day, months the month); otherwise it is TV_NONE. */
#include <string.h>

#include "core/date.h"
#include "nlp/times_internal.h"

static const tval none = {TV_NONE, 0, {0, 0, 0}};

tval tv_date(date d) { return date_valid(d) ? (tval){TV_DATE, 0, d} : none; }

static bool has_day(date p) { return p.y && p.m && p.d; }
static bool has_month(date p) { return p.y && p.m; }

tval tv_weekday(date pub, int weekday, int dir)
{
    if (!has_day(pub)) return none;
    int today = date_weekday(pub);
    int back = (today - weekday + 7) % 7;     /* days since the latest such day, 0..6 */
    int ahead = (weekday - today + 7) % 7;    /* days until the next, 0..6 */
    int64_t off;
    switch (dir) {
    case DIR_BEFORE: off = back ? -back : -7; break;
    case DIR_FUTURE:
    case DIR_AFTER: off = ahead ? ahead : 7; break;
    case DIR_THIS: off = weekday - today; break;    /* the same ISO week */
    default: off = -back; break;
    }
    return tv_date(date_add_days(pub, off));
}

/* Without a cue, a later date wins only when it is less than half as far as
 * the earlier one: "Nov. 22" written on October 26 is next month's, "in June"
 * written in January last year's. */
static bool nearer_ahead(int64_t ahead, int64_t back) { return 2 * ahead < back; }

tval tv_month(date pub, int month, int dir)
{
    if (dir == DIR_THIS && pub.y) return tv_date((date){pub.y, (int8_t)month, 0});
    if (!has_month(pub)) return none;
    int y = pub.y;
    int ahead = (month - pub.m + 12) % 12;
    switch (dir) {
    case DIR_BEFORE: y -= month >= pub.m; break;
    case DIR_AFTER: y += month <= pub.m; break;
    case DIR_FUTURE: y += month < pub.m; break;
    case DIR_NEAR:
        if (ahead && nearer_ahead(ahead, 12 - ahead)) y += month < pub.m;
        else y -= month > pub.m;
        break;
    default: y -= month > pub.m; break;
    }
    return tv_date((date){(int16_t)y, (int8_t)month, 0});
}

tval tv_month_day(date pub, int month, int day, int dir)
{
    if (!has_month(pub)) return none;
    bool future = dir == DIR_FUTURE || dir == DIR_AFTER;
    if (!pub.d) {                 /* only the month known: a day in it is taken as past */
        date d = {(int16_t)(pub.y - (!future && month > pub.m) + (future && month < pub.m)), (int8_t)month, (int8_t)day};
        return tv_date(d);
    }
    date last = {pub.y, (int8_t)month, (int8_t)day}, next = last;
    if (date_compare(last, pub) > 0) last.y--;
    else next.y++;
    if (!date_valid(last) || !date_valid(next)) return none;   /* February 29 */
    if (future) return tv_date(next);
    if (dir == DIR_NEAR && nearer_ahead(date_to_days(next) - date_to_days(pub), date_to_days(pub) - date_to_days(last)))
        return tv_date(next);
    return tv_date(last);
}

static tval iso_week(date d)
{
    date thu = date_add_days(d, 3 - date_weekday(d));
    int64_t doy = date_to_days(thu) - date_to_days((date){thu.y, 1, 1});
    return (tval){TV_WEEK, (int8_t)(doy / 7 + 1), {thu.y, 0, 0}};
}

tval tv_shift(date pub, int unit, int k)
{
    switch (unit) {
    case U_DAY:
        return has_day(pub) ? tv_date(date_add_days(pub, k)) : none;
    case U_WEEK:
    case U_WEEKEND:
        return has_day(pub) ? iso_week(date_add_days(pub, 7 * (int64_t)k)) : none;
    case U_MONTH: {
        if (!has_month(pub)) return none;
        int m = pub.y * 12 + (pub.m - 1) + k;
        return tv_date((date){(int16_t)(m / 12), (int8_t)(m % 12 + 1), 0});
    }
    case U_QUARTER: {
        if (!has_month(pub)) return none;
        int q = pub.y * 4 + (pub.m - 1) / 3 + k;
        return (tval){TV_QUARTER, (int8_t)(q % 4 + 1), {(int16_t)(q / 4), 0, 0}};
    }
    case U_YEAR:
        return pub.y ? tv_date((date){(int16_t)(pub.y + k), 0, 0}) : none;
    default:
        return none;
    }
}

tval tv_quarter(date pub, int q, int year, int dir)
{
    if (q < 1 || q > 4) return none;
    if (!year) {
        if (!has_month(pub)) return none;
        int now = (pub.m - 1) / 3 + 1;
        year = pub.y;
        /* results are reported after a quarter ends, so "expects third-quarter
         * results" in October is this year's; only "next" looks ahead */
        if (dir == DIR_AFTER) year += q <= now;
        else if (dir != DIR_THIS && dir != DIR_FUTURE) year -= q > now;
    }
    return (tval){TV_QUARTER, (int8_t)q, {(int16_t)year, 0, 0}};
}

/* A season is given as its year (TimeML's 2014-SU is no value of ours). */
tval tv_season(date pub, int k)
{
    if (!pub.y) return none;
    return tv_date((date){(int16_t)(pub.y + (k < 0 && pub.m && pub.m < 6 ? -1 : k > 0 && pub.m > 8 ? 1 : 0)), 0, 0});
}

static date holiday_in(const holiday *h, int y)
{
    if (h->wd < 0) return (date){(int16_t)y, h->m, h->d};
    if (h->n > 0) {
        date first = {(int16_t)y, h->m, 1};
        return date_add_days(first, (h->wd - date_weekday(first) + 7) % 7 + 7 * (h->n - 1));
    }
    date last = {(int16_t)y, h->m, (int8_t)date_days_in_month(y, h->m)};
    return date_add_days(last, -((date_weekday(last) - h->wd + 7) % 7));
}

tval tv_holiday(date pub, const holiday *h, int dir)
{
    if (!has_day(pub)) return none;
    date now = holiday_in(h, pub.y);
    int cmp = date_compare(now, pub);
    if (dir == DIR_THIS || (cmp == 0 && dir != DIR_BEFORE && dir != DIR_AFTER)) return tv_date(now);
    date last = cmp < 0 ? now : holiday_in(h, pub.y - 1);
    date next = cmp > 0 ? now : holiday_in(h, pub.y + 1);
    if (dir == DIR_FUTURE || dir == DIR_AFTER) return tv_date(next);
    if (dir == DIR_NEAR && nearer_ahead(date_to_days(next) - date_to_days(pub), date_to_days(pub) - date_to_days(last)))
        return tv_date(next);
    return tv_date(last);
}

tval tv_year_before(tval v)
{
    if (v.kind == TV_NONE) return v;
    v.d.y--;
    if (v.kind == TV_DATE && v.d.m == 2 && v.d.d == 29) v.d.d = 28;
    return v;
}

/* Writes v digits of width w at out; returns out past them. */
static char *put_digits(char *out, int v, int w)
{
    for (int k = w - 1; k >= 0; k--, v /= 10) out[k] = (char)('0' + v % 10);
    return out + w;
}

/* By hand rather than with snprintf: a value is written for every date of
 * every article, and the formats are fixed. */
int tv_format(tval v, char *out, size_t cap)
{
    if (cap < 11) return 0;
    if (v.kind == TV_DATE && !date_valid(v.d)) return 0;
    if (v.kind != TV_DATE && (v.kind != TV_WEEK || v.n < 1 || v.n > 53) && (v.kind != TV_QUARTER || v.n < 1 || v.n > 4))
        return 0;
    if (v.d.y < 1000 || v.d.y > 2999) return 0;
    char *o = put_digits(out, v.d.y, 4);
    if (v.kind == TV_WEEK) {
        memcpy(o, "-W", 2);
        o = put_digits(o + 2, v.n, 2);
    } else if (v.kind == TV_QUARTER) {
        memcpy(o, "-Q", 2);
        o = put_digits(o + 2, v.n, 1);
    } else if (v.d.m) {
        *o++ = '-';
        o = put_digits(o, v.d.m, 2);
        if (v.d.d) {
            *o++ = '-';
            o = put_digits(o, v.d.d, 2);
        }
    }
    *o = '\0';
    return (int)(o - out);
}
