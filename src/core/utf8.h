/* utf8.h — decoding and repair of UTF-8, and the character classes stages need.
 *
 * Classification above ASCII comes from utf8proc (Unicode categories and case);
 * the ASCII fast path is inlined because news text is mostly ASCII and the
 * tokenizer asks these questions for every byte. */
#ifndef DOSSIER_UTF8_H
#define DOSSIER_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Decodes one code point at s (n bytes left, n > 0); sets *len to its byte
 * length (1 for an invalid byte, whose code point is then 0xFFFD). */
int32_t utf8_decode(const char *s, size_t n, int *len);

/* Length of the valid UTF-8 prefix of s. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* n, less a last character cut short: where a byte budget ends text, the
 * cut falls on a character boundary. */
size_t utf8_whole(const char *s, size_t n);

/* Appends s to out with every invalid sequence replaced by U+FFFD and NUL and
 * other C0 controls except \t \n \r dropped. Returns how many bytes were bad. */
size_t utf8_repair(const char *s, size_t n, buf *out);

/* Encodes cp into out (4 bytes room); returns the length. */
int utf8_encode(int32_t cp, char *out);

/* Inline for ASCII, out of line (utf8proc) above it: the tokenizer asks for
 * every character. */
bool uc_is_letter_slow(int32_t cp);
bool uc_is_upper_slow(int32_t cp);
bool uc_is_lower_slow(int32_t cp);
bool uc_is_digit_slow(int32_t cp);
static inline bool uc_is_letter(int32_t cp)
{
    return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') : uc_is_letter_slow(cp);
}
static inline bool uc_is_upper(int32_t cp) { return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : uc_is_upper_slow(cp); }
static inline bool uc_is_lower(int32_t cp) { return cp < 0x80 ? (cp >= 'a' && cp <= 'z') : uc_is_lower_slow(cp); }
static inline bool uc_is_digit(int32_t cp) { return cp < 0x80 ? (cp >= '0' && cp <= '9') : uc_is_digit_slow(cp); }
bool uc_is_space(int32_t cp);     /* includes NBSP and other Zs, \t \n \r */
bool uc_is_dash(int32_t cp);      /* - – — ‒ ― − */
int32_t uc_tolower(int32_t cp);

/* The high bit of each of the eight bytes in w that is ASCII [A-Za-z0-9].
 * Every byte is lifted to 0x80 or above before the subtractions, so no byte
 * borrows from its neighbour. */
static inline uint64_t ascii_alnum_bytes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    uint64_t x = w | high, l = w | high | ones * 0x20;   /* l: letters lower-cased */
    uint64_t digit = (x - ones * '0') & ~(x - ones * ('9' + 1));
    uint64_t letter = (l - ones * 'a') & ~(l - ones * ('z' + 1));
    return (digit | letter) & ~w & high;
}

/* End of the run of ASCII letters and digits from p (p <= end). Eight bytes
 * are tested at once: a byte-by-byte loop mispredicts its exit at the end of
 * every word, and words are short. */
static inline const char *ascii_alnum_end(const char *p, const char *end)
{
    while (end - p >= 8) {
        uint64_t w;
        __builtin_memcpy(&w, p, 8);
        uint64_t stop = ~ascii_alnum_bytes(w) & 0x8080808080808080u;
        if (stop) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return p + __builtin_ctzll(stop) / 8;
#else
            return p + __builtin_clzll(stop) / 8;
#endif
        }
        p += 8;
    }
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) break;
    }
    return p;
}


#endif
