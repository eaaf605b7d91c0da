/*
 * sha256_pair.h - the SHA-256 of two byte strings, computed together.
 *
 * Why not OpenSSL alone: with the CPU's SHA instructions each of SHA-256's
 * rounds waits for the one before, so one digest leaves the instructions'
 * units idle most of the time: OpenSSL's EVP ran at 1.81 GB/s on the
 * benchmark machine, and so did a plain loop of the instructions. Two
 * digests' rounds interleaved in one loop ran at 3.30 GB/s in all
 * (bench/README.md, stop 42), and SHA-256 was a quarter of the CPU of
 * `peel import`'s reading thread, which bounds the import. The import
 * hashes its files two at a time with this (ingest/pipeline.c).
 *
 * Where the CPU has no SHA instructions (or is not x86-64), both digests
 * are OpenSSL's, one after the other: the same digests either way. The
 * tests compare every length up to a few blocks, and long ones, with
 * OpenSSL's digest of the same bytes.
 */
#ifndef PEEL_SHA256_PAIR_H
#define PEEL_SHA256_PAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/sha256.h"

/* The SHA-256 of na bytes at a into hexa and of nb bytes at b into hexb,
 * as lower-case hex (sha256_of's). */
void sha256_pair(const void *a, size_t na, const void *b, size_t nb, char hexa[SHA256_HEX_SIZE],
                 char hexb[SHA256_HEX_SIZE]);

/* Whether sha256_pair interleaves the two on the CPU's SHA instructions
 * here (false: two OpenSSL digests). */
bool sha256_pair_interleaves(void);

#endif
