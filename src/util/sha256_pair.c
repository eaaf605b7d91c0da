/*
 * sha256_pair.c - two SHA-256 digests computed together (see
 * sha256_pair.h).
 *
 * The rounds follow FIPS 180-4 as the x86 SHA extensions compute them: the
 * state is held as ABEF and CDGH, each sha256rnds2 does two rounds, and
 * sha256msg1 and sha256msg2 extend the message schedule four words at a
 * time. Every step is written out for both messages side by side, so that
 * the compiler keeps both states in registers and one message's rounds
 * fill the other's wait. Full blocks that both messages have are hashed
 * together; the rest of the longer one, and each one's padding, alone.
 */
#include "util/sha256_pair.h"

#include <assert.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#define NI __attribute__((target("sha,sse4.1,ssse3")))
#else
#define SHA_NI 0
#endif

bool sha256_pair_interleaves(void)
{
#if SHA_NI
    /* cpuid: SSSE3 and SSE4.1 in leaf 1's ECX (bits 9, 19), the SHA
     * extensions in leaf 7's EBX (bit 29); clang's __builtin_cpu_supports
     * knows no "sha" */
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19)))
        return false;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
#else
    return false;
#endif
}

#if SHA_NI

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

/* A digest's state: ABEF and CDGH. */
struct ni_state {
    __m128i abef, cdgh;
};

NI static struct ni_state ni_start(void)
{
    static const uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);
    __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);
    return (struct ni_state){_mm_alignr_epi8(dcba, hgfe, 8), _mm_blend_epi16(hgfe, dcba, 0xF0)};
}

/* The state as the digest's 32 bytes (big-endian words A to H), in hex. */
NI static void ni_hex(struct ni_state s, char hex[SHA256_HEX_SIZE])
{
    __m128i feba = _mm_shuffle_epi32(s.abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(s.cdgh, 0xB1);
    uint32_t h[8];
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
    unsigned char digest[32];
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            digest[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
    sodium_bin2hex(hex, SHA256_HEX_SIZE, digest, sizeof digest);
}

#define BSWAP_MASK _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL)
#define LOAD(p, i) _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)((p) + 16 * (i))), BSWAP_MASK)

#define NI_INLINE static inline __attribute__((always_inline, target("sha,sse4.1,ssse3")))

/* The schedule's words W[g..g+3] from the sixteen before them, four to a
 * vector: w holds W[g-16..g-13], x the next four, y the next, z W[g-4..g-1]. */
NI_INLINE __m128i extend(__m128i w, __m128i x, __m128i y, __m128i z)
{
    return _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w, x), _mm_alignr_epi8(z, y, 4)),
                                z);
}

/* Rounds 4g to 4g + 3 of s, with the words w. */
NI_INLINE void rounds(struct ni_state *s, __m128i w, int g)
{
    __m128i m = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&K[4 * g]));
    s->cdgh = _mm_sha256rnds2_epu32(s->cdgh, s->abef, m);
    s->abef = _mm_sha256rnds2_epu32(s->abef, s->cdgh, _mm_shuffle_epi32(m, 0x0E));
}

/* A block's rounds done: the state before them added in. */
NI_INLINE void add_into(struct ni_state *st, struct ni_state s)
{
    st->abef = _mm_add_epi32(s.abef, st->abef);
    st->cdgh = _mm_add_epi32(s.cdgh, st->cdgh);
}

/* Step g (0 to 15) of state s: its words extended (from step 4 on) into
 * w, which held those of step g - 4, then its four rounds. Written out
 * step by step below, not looped over an array, so that the compiler
 * keeps every word in a register (a loop ran at a third of the speed). */
#define STEP(g, s, w, x, y, z)                                                                     \
    do {                                                                                           \
        if ((g) >= 4)                                                                              \
            (w) = extend((w), (x), (y), (z));                                                      \
        rounds(&(s), (w), (g));                                                                    \
    } while (0)

/* Steps g to g + 3 of one message (words a0..a3, state s). */
#define STEPS1(g)                                                                                  \
    STEP((g), s, a0, a1, a2, a3);                                                                  \
    STEP((g) + 1, s, a1, a2, a3, a0);                                                              \
    STEP((g) + 2, s, a2, a3, a0, a1);                                                              \
    STEP((g) + 3, s, a3, a0, a1, a2)

/* One 64-byte block of one message. */
NI static void ni_block(struct ni_state *st, const unsigned char *p)
{
    struct ni_state s = *st;
    __m128i a0 = LOAD(p, 0), a1 = LOAD(p, 1), a2 = LOAD(p, 2), a3 = LOAD(p, 3);
    STEPS1(0);
    STEPS1(4);
    STEPS1(8);
    STEPS1(12);
    add_into(st, s);
}

/* Steps g to g + 3 of both messages (words a0..a3 and b0..b3, states s
 * and q), side by side. */
#define STEPS2(g)                                                                                  \
    STEP((g), s, a0, a1, a2, a3);                                                                  \
    STEP((g), q, b0, b1, b2, b3);                                                                  \
    STEP((g) + 1, s, a1, a2, a3, a0);                                                              \
    STEP((g) + 1, q, b1, b2, b3, b0);                                                              \
    STEP((g) + 2, s, a2, a3, a0, a1);                                                              \
    STEP((g) + 2, q, b2, b3, b0, b1);                                                              \
    STEP((g) + 3, s, a3, a0, a1, a2);                                                              \
    STEP((g) + 3, q, b3, b0, b1, b2)

/* One 64-byte block of each message. */
NI static void ni_blocks2(struct ni_state *sa, const unsigned char *p, struct ni_state *sb,
                          const unsigned char *o)
{
    struct ni_state s = *sa, q = *sb;
    __m128i a0 = LOAD(p, 0), a1 = LOAD(p, 1), a2 = LOAD(p, 2), a3 = LOAD(p, 3);
    __m128i b0 = LOAD(o, 0), b1 = LOAD(o, 1), b2 = LOAD(o, 2), b3 = LOAD(o, 3);
    STEPS2(0);
    STEPS2(4);
    STEPS2(8);
    STEPS2(12);
    add_into(sa, s);
    add_into(sb, q);
}

/* The blocks of p from block `from` on, then the padding and the length:
 * the digest of all n bytes. */
NI static void ni_finish(struct ni_state *s, const unsigned char *p, size_t n, size_t from,
                         char hex[SHA256_HEX_SIZE])
{
    size_t full = n / 64;
    for (size_t i = from; i < full; i++)
        ni_block(s, p + 64 * i);
    unsigned char tail[128] = {0};
    size_t rest = n % 64, len = rest + 9 <= 64 ? 64 : 128;
    if (rest)
        memcpy(tail, p + 64 * full, rest);
    tail[rest] = 0x80;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++)
        tail[len - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t o = 0; o < len; o += 64)
        ni_block(s, tail + o);
    ni_hex(*s, hex);
}

NI static void ni_pair(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                       char hexa[SHA256_HEX_SIZE], char hexb[SHA256_HEX_SIZE])
{
    struct ni_state sa = ni_start(), sb = ni_start();
    size_t both = (na < nb ? na : nb) / 64;
    for (size_t i = 0; i < both; i++)
        ni_blocks2(&sa, a + 64 * i, &sb, b + 64 * i);
    ni_finish(&sa, a, na, both, hexa);
    ni_finish(&sb, b, nb, both, hexb);
}

#endif

void sha256_pair(const void *a, size_t na, const void *b, size_t nb, char hexa[SHA256_HEX_SIZE],
                 char hexb[SHA256_HEX_SIZE])
{
    assert((a || !na) && (b || !nb));
#if SHA_NI
    if (sha256_pair_interleaves()) {
        static const unsigned char none[1];
        ni_pair(a ? a : none, na, b ? b : none, nb, hexa, hexb);
        return;
    }
#endif
    sha256_of(a, na, hexa);
    sha256_of(b, nb, hexb);
}
