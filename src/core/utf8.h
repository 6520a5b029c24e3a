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

/* Appends s folded for comparison: lower case, curly quotes and dashes made
 * plain, runs of space made one. */
void utf8_fold(const char *s, size_t n, buf *out);

#endif
