/*
 * Host test for the C reference encoder (run by CReferenceEncoderTest, or by hand):
 *
 *   vector_check [--rx-stream FILE.bin]... VECTOR.txt...
 *
 * For each single-message vector VECTOR.txt it encodes the message the .txt describes and
 * compares 0x00 + the output with VECTOR.bin byte for byte; it also exercises the exact-fit
 * and too-small buffer paths, the streaming encoders and the receive side. --rx-stream feeds
 * a decode-only vector through acumat_rx_byte, which must survive it without reporting an
 * INFO_REQUEST. Exit status 0 only if every check passed.
 *
 * The CRC and COBS here are deliberately written differently from the library's (bit loop,
 * whole-buffer stuffing), so the receive tests do not lean on the code under test.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../acumat_protocol.h"

static int failures;

#define MAX_REPORTED 40 /* one broken routine can fail thousands of checks; show the first */

static void fail(const char *where, const char *fmt, ...)
{
    va_list ap;
    failures++;
    if (failures > MAX_REPORTED) {
        return;
    }
    va_start(ap, fmt);
    printf("FAIL %s: ", where);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
}

/* ---- files ------------------------------------------------------------------------- */

typedef struct {
    unsigned char *data;
    size_t length;
} bytes;

static int read_file(const char *path, bytes *out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096;
    size_t n = 0;
    unsigned char *buf;

    if (f == NULL) {
        return 0;
    }
    buf = malloc(cap + 1);
    for (;;) {
        size_t got;
        if (buf == NULL) {
            fclose(f);
            return 0;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            break;
        }
        cap *= 2;
        buf = realloc(buf, cap + 1);
    }
    fclose(f);
    buf[n] = '\0';
    out->data = buf;
    out->length = n;
    return 1;
}

/* ---- the .txt format (see VectorFile.java) ------------------------------------------ */

#define MAX_FIELDS 32

typedef struct {
    char kind[32];
    int messages;
    int errors;
    const char *key[MAX_FIELDS];
    const char *value[MAX_FIELDS];
    int fields;
} record;

static char *strip(char *s)
{
    char *end;
    while (*s == ' ' || *s == '\t' || *s == '\r') {
        s++;
    }
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) {
        *--end = '\0';
    }
    return s;
}

/* Parses text in place; fields point into it. Returns 0 on a format error. */
static int parse_vector(char *text, record *r, const char *where)
{
    int in_record = 0;
    char *line = text;

    memset(r, 0, sizeof *r);
    while (line != NULL) {
        char *next = strchr(line, '\n');
        char *key;
        char *value;
        if (next != NULL) {
            *next++ = '\0';
        }
        key = strip(line);
        line = next;
        if (*key == '\0' || *key == '#') {
            continue;
        }
        value = strchr(key, ' ');
        if (value != NULL) {
            *value++ = '\0';
            value = strip(value);
        } else {
            value = key + strlen(key);
        }
        if (!in_record) {
            if (strcmp(key, "error") == 0) {
                r->errors++;
            } else if (strcmp(key, "message") == 0) {
                r->messages++;
                in_record = 1;
                if (r->messages == 1) {
                    snprintf(r->kind, sizeof r->kind, "%s", value);
                }
            } else {
                fail(where, "expected 'message' or 'error', got '%s'", key);
                return 0;
            }
        } else if (strcmp(key, "end") == 0) {
            in_record = 0;
        } else if (r->messages == 1) {
            if (r->fields == MAX_FIELDS) {
                fail(where, "too many fields");
                return 0;
            }
            r->key[r->fields] = key;
            r->value[r->fields] = value;
            r->fields++;
        }
    }
    if (in_record) {
        fail(where, "record without 'end'");
        return 0;
    }
    return 1;
}

static const char *field(const record *r, const char *key, const char *where)
{
    int i;
    for (i = 0; i < r->fields; i++) {
        if (strcmp(r->key[i], key) == 0) {
            return r->value[i];
        }
    }
    fail(where, "missing field '%s'", key);
    return NULL;
}

/* Parses a decimal number in 0..max at *s, advancing *s; 0 on error. */
static int parse_number(const char **s, unsigned long long max, unsigned long long *out)
{
    const char *p = *s;
    unsigned long long v = 0;
    if (*p < '0' || *p > '9') {
        return 0;
    }
    while (*p >= '0' && *p <= '9') {
        v = v * 10u + (unsigned long long)(*p - '0');
        if (v > max) {
            return 0;
        }
        p++;
    }
    *s = p;
    *out = v;
    return 1;
}

static int number_field(const record *r, const char *key, unsigned long long max, unsigned long long *out,
                        const char *where)
{
    const char *s = field(r, key, where);
    if (s == NULL) {
        return 0;
    }
    if (!parse_number(&s, max, out) || *s != '\0') {
        fail(where, "field '%s' is not a number in 0..%llu", key, max);
        return 0;
    }
    return 1;
}

/* ---- an independent CRC and COBS, for building and reading messages in tests -------- */

static unsigned long ref_crc32c(const unsigned char *p, size_t n)
{
    unsigned long crc = 0xFFFFFFFFul;
    size_t i;
    int k;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (k = 0; k < 8; k++) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78ul : crc >> 1;
        }
    }
    return crc ^ 0xFFFFFFFFul;
}

/* Cobs.java's encoder plus the delimiter. */
static size_t ref_wire(const unsigned char *msg, size_t n, unsigned char *out)
{
    size_t code_at = 0;
    size_t o = 1;
    unsigned code = 1;
    size_t i;
    for (i = 0; i < n; i++) {
        if (msg[i] == 0) {
            out[code_at] = (unsigned char)code;
            code_at = o++;
            code = 1;
        } else {
            out[o++] = msg[i];
            if (++code == 0xFF) {
                out[code_at] = (unsigned char)code;
                code_at = o++;
                code = 1;
            }
        }
    }
    out[code_at] = (unsigned char)code;
    out[o++] = 0;
    return o;
}

/* Cobs.java's decoder over wire bytes without the delimiter; -1 if not valid COBS. */
static long ref_unstuff(const unsigned char *in, size_t len, unsigned char *out)
{
    size_t i = 0;
    size_t o = 0;
    while (i < len) {
        size_t code = in[i];
        size_t end;
        if (code == 0 || i + code > len) {
            return -1;
        }
        i++;
        for (end = i + code - 1; i < end; i++) {
            if (in[i] == 0) {
                return -1;
            }
            out[o++] = in[i];
        }
        if (code != 0xFF && i < len) {
            out[o++] = 0;
        }
    }
    return (long)o;
}

/* A message with the given header and body, sealed with a correct CRC, as wire bytes after
 * a 0x00, as a host sends them (PROTOCOL.md 9.2). */
static size_t build_wire(unsigned version, unsigned type, unsigned long declared, const unsigned char *body,
                         size_t body_length, unsigned char *out)
{
    unsigned char msg[64];
    unsigned long crc;
    size_t i;
    msg[0] = (unsigned char)version;
    msg[1] = (unsigned char)type;
    for (i = 0; i < 4; i++) {
        msg[2 + i] = (unsigned char)(declared >> (8 * i));
    }
    if (body_length > 0) {
        memcpy(msg + 6, body, body_length);
    }
    crc = ref_crc32c(msg, 6 + body_length);
    for (i = 0; i < 4; i++) {
        msg[6 + body_length + i] = (unsigned char)(crc >> (8 * i));
    }
    out[0] = 0;
    return 1 + ref_wire(msg, 10 + body_length, out + 1);
}

/* ---- receive side ------------------------------------------------------------------- */

typedef struct {
    int requests;
    int rejected;
    int last_result;
} rx_counts;

static void feed(acumat_rx *rx, const unsigned char *p, size_t n, rx_counts *c)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int r = acumat_rx_byte(rx, p[i]);
        if (r == ACUMAT_RX_INFO_REQUEST) {
            c->requests++;
        } else if (r == ACUMAT_RX_REJECTED) {
            c->rejected++;
        } else if (r != ACUMAT_RX_NONE) {
            fail("rx", "acumat_rx_byte returned %d", r);
        }
        c->last_result = r;
    }
}

static void expect_rx(const char *what, const unsigned char *p, size_t n, int requests, int rejected)
{
    acumat_rx rx;
    rx_counts c = {0, 0, 0};
    acumat_rx_init(&rx);
    feed(&rx, p, n, &c);
    if (c.requests != requests || (rejected >= 0 && c.rejected != rejected)) {
        fail("rx", "%s: %d INFO_REQUEST and %d rejected, expected %d and %d", what, c.requests, c.rejected,
             requests, rejected);
    }
    if (requests > 0 && c.last_result != ACUMAT_RX_INFO_REQUEST) {
        fail("rx", "%s: the INFO_REQUEST was not reported at the final delimiter", what);
    }
}

/* wire: info_request.bin, i.e. 0x00 then the 12 wire bytes of an INFO_REQUEST. */
static void check_rx(const unsigned char *wire, size_t wire_length)
{
    unsigned char buf[4096];
    unsigned char built[64];
    size_t n;
    size_t i;
    int bit;
    static const unsigned char one_byte_body[1] = {0x42};
    static const unsigned char check[] = "123456789";
    acumat_rx zeroed;

    if (ref_crc32c(check, 9) != 0xE3069283ul) {
        fail("rx", "test CRC-32C broken");
    }
    if (wire_length != 1 + ACUMAT_INFO_REQUEST_WIRE_SIZE || wire[0] != 0) {
        fail("rx", "info_request.bin is %lu bytes, expected 0x00 + %u", (unsigned long)wire_length,
             ACUMAT_INFO_REQUEST_WIRE_SIZE);
        return;
    }
    n = build_wire(1, 0x81, 0, NULL, 0, built);
    if (n != wire_length || memcmp(built, wire, n) != 0) {
        fail("rx", "the test's own INFO_REQUEST differs from info_request.bin");
    }

    expect_rx("info_request.bin", wire, wire_length, 1, 0);
    expect_rx("idle line", (const unsigned char *)"\0\0\0\0", 4, 0, 0);
    /* A fresh receiver may have joined mid-message: up to its first 0x00 it skips, silently. */
    expect_rx("without the leading delimiter", wire + 1, wire_length - 1, 0, 0);

    /* A zero-initialised struct (static storage) behaves as a fresh one without acumat_rx_init. */
    memset(&zeroed, 0, sizeof zeroed);
    {
        rx_counts c = {0, 0, 0};
        feed(&zeroed, wire + 1, wire_length - 1, &c);
        feed(&zeroed, wire, wire_length, &c);
        feed(&zeroed, wire + 1, wire_length - 1, &c);
        if (c.requests != 2 || c.rejected != 0) {
            fail("rx", "zero-initialised rx: %d requests, %d rejected, expected 2, 0", c.requests, c.rejected);
        }
    }

    /* acumat_rx_init returns to syncing: a half-received message is not completed by what follows. */
    {
        acumat_rx rx;
        rx_counts c = {0, 0, 0};
        acumat_rx_init(&rx);
        feed(&rx, wire, 6, &c);
        acumat_rx_init(&rx);
        feed(&rx, wire + 1, wire_length - 1, &c);
        feed(&rx, wire, wire_length, &c);
        if (c.requests != 1 || c.rejected != 0) {
            fail("rx", "after acumat_rx_init: %d requests, %d rejected, expected 1, 0", c.requests, c.rejected);
        }
    }

    /* Garbage, then a copy with each single bit flipped, then the real request: exactly one. */
    {
        acumat_rx rx;
        rx_counts c = {0, 0, 0};
        unsigned long seed = 12345;
        acumat_rx_init(&rx);
        buf[0] = 0;
        for (i = 1; i < 40; i++) {
            seed = seed * 1103515245ul + 12345ul;
            buf[i] = (unsigned char)(((seed >> 16) % 255u) + 1u);
        }
        feed(&rx, buf, 40, &c); /* rejected as oversize, or at the next delimiter */
        for (i = 1; i < wire_length - 1; i++) {
            for (bit = 0; bit < 8; bit++) {
                memcpy(buf, wire, wire_length);
                buf[i] ^= (unsigned char)(1u << bit);
                feed(&rx, buf, wire_length, &c);
            }
        }
        if (c.requests != 0) {
            fail("rx", "garbage or a corrupted copy was taken for an INFO_REQUEST (%d times)", c.requests);
        }
        if (c.rejected < 1 + 8 * (int)(wire_length - 2)) {
            fail("rx", "only %d of the garbage and corrupted copies were rejected", c.rejected);
        }
        feed(&rx, wire, wire_length, &c);
        if (c.requests != 1 || c.last_result != ACUMAT_RX_INFO_REQUEST) {
            fail("rx", "the request after garbage and corrupted copies was missed");
        }
    }

    /* Oversize: far more than the buffer without a delimiter, reported once, as soon as the
     * buffer overflows (the delimiter that ends it reports nothing more); then the request. */
    for (bit = 0; bit < 2; bit++) {
        acumat_rx rx;
        rx_counts c = {0, 0, 0};
        size_t at = 0;
        /* 0xFF: full blocks of data; 0x01: empty blocks, each decoding to one zero byte. */
        memset(buf, bit == 0 ? 0xFF : 0x01, sizeof buf);
        buf[0] = 0;
        memcpy(buf + sizeof buf - wire_length, wire, wire_length);
        acumat_rx_init(&rx);
        for (i = 0; i < sizeof buf; i++) {
            int r = acumat_rx_byte(&rx, buf[i]);
            c.requests += r == ACUMAT_RX_INFO_REQUEST;
            c.rejected += r == ACUMAT_RX_REJECTED;
            if (r == ACUMAT_RX_REJECTED && at == 0) {
                at = i;
            }
        }
        if (c.requests != 1 || c.rejected != 1 || at == 0 || at > 20) {
            fail("rx", "4 KiB of 0x%02x: %d requests, %d rejected (first at byte %lu); expected 1, 1 (early)",
                 bit == 0 ? 0xFF : 0x01, c.requests, c.rejected, (unsigned long)at);
        }
    }

    /* Truncated: the delimiter arrives while a block is still open, or too few bytes. */
    memcpy(buf, wire, wire_length);
    buf[wire_length - 2] = 0;
    expect_rx("last data byte replaced by a delimiter", buf, wire_length - 1, 0, 1);
    expect_rx("first half only", wire, 7, 0, 0);
    /* A copy missing one byte must never pass, wherever the byte is. */
    for (i = 1; i < wire_length - 1; i++) {
        memcpy(buf, wire, i);
        memcpy(buf + i, wire + i + 1, wire_length - i - 1);
        expect_rx("one byte missing", buf, wire_length - 1, 0, 1);
    }

    /* Valid CRC, but not an INFO_REQUEST of version 1. */
    n = build_wire(2, 0x81, 0, NULL, 0, built);
    expect_rx("version 2", built, n, 0, 1);
    n = build_wire(1, 0x82, 0, NULL, 0, built);
    expect_rx("type 0x82", built, n, 0, 1);
    n = build_wire(1, 0x01, 0, NULL, 0, built);
    expect_rx("type device-info", built, n, 0, 1);
    n = build_wire(1, 0x81, 5, NULL, 0, built);
    expect_rx("declared body length 5, none sent", built, n, 0, 1);
    n = build_wire(1, 0x81, 1, one_byte_body, 1, built);
    expect_rx("info request with a body", built, n, 0, 1);

    /* Two in a row, back to back, and with idle delimiters between. */
    memcpy(buf, wire, wire_length);
    memcpy(buf + wire_length, wire + 1, wire_length - 1);
    buf[2 * wire_length - 1] = 0;
    memcpy(buf + 2 * wire_length, wire, wire_length);
    expect_rx("three, back to back and after idle delimiters", buf, 3 * wire_length, 3, 0);
}

/* ---- encoders ----------------------------------------------------------------------- */

typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
    size_t calls;
    int bad_chunk;
} sink_buffer;

static void collect(void *ctx, const uint8_t *p, size_t n)
{
    sink_buffer *s = ctx;
    if (n == 0 || n > 255) {
        s->bad_chunk = 1;
    }
    if (s->length + n > s->capacity) {
        s->bad_chunk = 1;
        return;
    }
    memcpy(s->data + s->length, p, n);
    s->length += n;
    s->calls++;
}

typedef struct {
    int kind; /* 0 info request, 1 device info, 2 frame, 3 mat layout */
    uint8_t cell_order;
    uint8_t layout;
    acumat_device_info info;
    acumat_cal_point points[ACUMAT_MAX_CALIBRATION_POINTS + 1];
    char id[80];
    uint32_t seq;
    uint64_t time;
    uint16_t rows;
    uint16_t cols;
    uint16_t *values;
    int sparse;
} message;

static size_t encode(const message *m, uint8_t *out, size_t cap)
{
    switch (m->kind) {
    case 0:
        return acumat_encode_info_request(out, cap);
    case 1:
        return acumat_encode_device_info(out, cap, &m->info);
    case 3:
        return acumat_encode_mat_layout(out, cap, m->cell_order, m->layout);
    default:
        return acumat_encode_frame(out, cap, m->seq, m->time, m->rows, m->cols, m->values);
    }
}

static uint32_t stream(const message *m, sink_buffer *s)
{
    switch (m->kind) {
    case 1:
        return acumat_stream_device_info(collect, s, &m->info);
    case 2:
        return acumat_stream_frame(collect, s, m->seq, m->time, m->rows, m->cols, m->values);
    case 3:
        return acumat_stream_mat_layout(collect, s, m->cell_order, m->layout);
    default:
        return 0;
    }
}

static int parse_message(const record *r, message *m, const char *where)
{
    unsigned long long v;
    unsigned long long w;
    const char *s;
    size_t cells;
    size_t i;

    memset(m, 0, sizeof *m);
    if (strcmp(r->kind, "info_request") == 0) {
        m->kind = 0;
        return 1;
    }
    if (strcmp(r->kind, "device_info") == 0) {
        acumat_device_info *d = &m->info;
        m->kind = 1;
        s = field(r, "mat_id", where);
        if (s == NULL || strlen(s) >= sizeof m->id) {
            return 0;
        }
        strcpy(m->id, s);
        d->mat_id = m->id;
        s = field(r, "firmware", where);
        if (s == NULL) {
            return 0;
        }
        if (!parse_number(&s, 255, &v) || *s++ != '.') {
            goto bad_firmware;
        }
        d->fw_major = (uint8_t)v;
        if (!parse_number(&s, 255, &v) || *s++ != '.') {
            goto bad_firmware;
        }
        d->fw_minor = (uint8_t)v;
        if (!parse_number(&s, 255, &v) || *s != '\0') {
            goto bad_firmware;
        }
        d->fw_patch = (uint8_t)v;
        if (!number_field(r, "rows", 0xFFFF, &v, where)) return 0;
        d->rows = (uint16_t)v;
        if (!number_field(r, "cols", 0xFFFF, &v, where)) return 0;
        d->cols = (uint16_t)v;
        if (!number_field(r, "row_pitch_um", 0xFFFFFFFFull, &v, where)) return 0;
        d->row_pitch_um = (uint32_t)v;
        if (!number_field(r, "col_pitch_um", 0xFFFFFFFFull, &v, where)) return 0;
        d->col_pitch_um = (uint32_t)v;
        if (!number_field(r, "adc_bits", 255, &v, where)) return 0;
        d->adc_bits = (uint8_t)v;
        if (!number_field(r, "frame_interval_us", 0xFFFFFFFFull, &v, where)) return 0;
        d->frame_interval_us = (uint32_t)v;
        if (!number_field(r, "deadband", 0xFFFF, &v, where)) return 0;
        d->deadband = (uint16_t)v;
        s = field(r, "calibration", where);
        if (s == NULL) {
            return 0;
        }
        while (*s != '\0') {
            if (d->n_points == ACUMAT_MAX_CALIBRATION_POINTS || !parse_number(&s, 0xFFFF, &v) || *s++ != ':'
                || !parse_number(&s, 0xFFFFFFFFull, &w) || (*s != ' ' && *s != '\0')) {
                fail(where, "bad calibration '%s'", field(r, "calibration", where));
                return 0;
            }
            while (*s == ' ') {
                s++;
            }
            m->points[d->n_points].raw = (uint16_t)v;
            m->points[d->n_points].pressure_pa = (uint32_t)w;
            d->n_points++;
        }
        d->points = m->points;
        return 1;
    bad_firmware:
        fail(where, "bad firmware version");
        return 0;
    }
    if (strcmp(r->kind, "mat_layout") == 0) {
        m->kind = 3;
        if (!number_field(r, "cell_order", 255, &v, where)) return 0;
        m->cell_order = (uint8_t)v;
        if (!number_field(r, "layout", 255, &v, where)) return 0;
        m->layout = (uint8_t)v;
        return 1;
    }
    if (strcmp(r->kind, "pressure_frame") == 0) {
        m->kind = 2;
        if (!number_field(r, "sequence", 0xFFFFFFFFull, &v, where)) return 0;
        m->seq = (uint32_t)v;
        if (!number_field(r, "device_time_us", 0xFFFFFFFFFFFFFFFFull, &v, where)) return 0;
        m->time = (uint64_t)v;
        if (!number_field(r, "rows", 0xFFFF, &v, where)) return 0;
        m->rows = (uint16_t)v;
        if (!number_field(r, "cols", 0xFFFF, &v, where)) return 0;
        m->cols = (uint16_t)v;
        s = field(r, "encoding", where);
        if (s == NULL || (strcmp(s, "dense") != 0 && strcmp(s, "sparse") != 0)) {
            fail(where, "encoding must be dense or sparse");
            return 0;
        }
        m->sparse = strcmp(s, "sparse") == 0;
        cells = (size_t)m->rows * m->cols;
        m->values = malloc((cells + 1) * sizeof *m->values);
        s = field(r, "values", where);
        if (m->values == NULL || s == NULL) {
            return 0;
        }
        for (i = 0; i < cells; i++) {
            if (!parse_number(&s, 0xFFFF, &v)) {
                fail(where, "value %lu missing or out of range", (unsigned long)i);
                return 0;
            }
            m->values[i] = (uint16_t)v;
            while (*s == ' ') {
                s++;
            }
        }
        if (*s != '\0') {
            fail(where, "more than rows x cols = %lu values", (unsigned long)cells);
            return 0;
        }
        return 1;
    }
    fail(where, "unknown message kind '%s'", r->kind);
    return 0;
}

static void compare(const char *where, const char *what, const unsigned char *expected, size_t expected_length,
                    const unsigned char *actual, size_t actual_length)
{
    size_t i;
    size_t n = expected_length < actual_length ? expected_length : actual_length;
    for (i = 0; i < n && expected[i] == actual[i]; i++) {
    }
    if (i == n && expected_length == actual_length) {
        return;
    }
    if (i < n) {
        fail(where, "%s: first difference at offset %lu: expected 0x%02x, got 0x%02x (lengths %lu and %lu)",
             what, (unsigned long)i, expected[i], actual[i], (unsigned long)expected_length,
             (unsigned long)actual_length);
    } else {
        fail(where, "%s: %lu bytes, expected %lu (equal up to offset %lu)", what, (unsigned long)actual_length,
             (unsigned long)expected_length, (unsigned long)n);
    }
}

#define CANARY 0xA5u
#define SLACK 64u

static int check_vector(const char *txt_path, int *saw_info_request)
{
    bytes text;
    bytes bin;
    record r;
    message m;
    char bin_path[4096];
    size_t path_length = strlen(txt_path);
    unsigned char *out;
    size_t wire_length;
    size_t n;
    size_t i;
    int failed_before = failures;

    if (path_length < 4 || strcmp(txt_path + path_length - 4, ".txt") != 0 || path_length >= sizeof bin_path) {
        fail(txt_path, "not a .txt vector");
        return 0;
    }
    memcpy(bin_path, txt_path, path_length - 4);
    strcpy(bin_path + path_length - 4, ".bin");
    if (!read_file(txt_path, &text) || !read_file(bin_path, &bin)) {
        fail(txt_path, "cannot read it or its .bin");
        return 0;
    }
    if (!parse_vector((char *)text.data, &r, txt_path)) {
        return 0;
    }
    if (r.messages != 1 || r.errors != 0) {
        fail(txt_path, "not a single-message vector (%d messages, %d errors)", r.messages, r.errors);
        return 0;
    }
    if (!parse_message(&r, &m, txt_path)) {
        return 0;
    }
    if (bin.length < 3 || bin.data[0] != 0) {
        fail(bin_path, "does not start with the start-up delimiter");
        return 0;
    }
    wire_length = bin.length - 1;

    /* The main check: 0x00 + encoder output == .bin. */
    out = malloc(bin.length + SLACK);
    if (out == NULL) {
        return 0;
    }
    out[0] = 0;
    n = encode(&m, out + 1, wire_length + SLACK - 1);
    if (n == 0) {
        fail(txt_path, "encoder returned 0 with %lu bytes of room", (unsigned long)(wire_length + SLACK - 1));
    } else {
        compare(txt_path, "0x00 + encoder output vs .bin", bin.data, bin.length, out, n + 1);
    }

    /* The frame's chosen cell encoding is the one the .txt names. */
    if (m.kind == 2) {
        unsigned char *msg = malloc(wire_length);
        long len = msg == NULL ? -1 : ref_unstuff(bin.data + 1, wire_length - 1, msg);
        if (len < 6 + 18 + 4 || msg[6 + 16] != (m.sparse ? 1 : 0)) {
            fail(txt_path, ".bin does not carry the cell encoding the .txt names");
        }
        free(msg);
        if (acumat_max_frame_wire_size(m.rows, m.cols) < wire_length
            || acumat_max_frame_wire_size(m.rows, m.cols) != ACUMAT_FRAME_WIRE_SIZE_MAX(m.rows, m.cols)) {
            fail(txt_path, "acumat_max_frame_wire_size %lu, macro %lu, actual %lu",
                 (unsigned long)acumat_max_frame_wire_size(m.rows, m.cols),
                 ACUMAT_FRAME_WIRE_SIZE_MAX(m.rows, m.cols), (unsigned long)wire_length);
        }
    }
    if (m.kind == 1 && wire_length > ACUMAT_DEVICE_INFO_WIRE_SIZE_MAX) {
        fail(txt_path, "longer than ACUMAT_DEVICE_INFO_WIRE_SIZE_MAX");
    }
    if (m.kind == 3 && wire_length != ACUMAT_MAT_LAYOUT_WIRE_SIZE) {
        fail(txt_path, "not ACUMAT_MAT_LAYOUT_WIRE_SIZE bytes");
    }

    /* An exactly sized buffer is enough; one byte less fails without writing past the end. */
    memset(out, CANARY, bin.length + SLACK);
    n = encode(&m, out, wire_length);
    if (n != wire_length || memcmp(out, bin.data + 1, wire_length) != 0 || out[wire_length] != CANARY) {
        fail(txt_path, "exact-size buffer: returned %lu", (unsigned long)n);
    }
    for (i = 0; i < 3 && i < wire_length; i++) {
        size_t cap = wire_length - 1 - i * (wire_length / 3);
        size_t j;
        memset(out, CANARY, bin.length + SLACK);
        n = encode(&m, out, cap);
        if (n != 0) {
            fail(txt_path, "a %lu-byte buffer for %lu bytes: returned %lu", (unsigned long)cap,
                 (unsigned long)wire_length, (unsigned long)n);
        }
        for (j = cap; j < bin.length + SLACK; j++) {
            if (out[j] != CANARY) {
                fail(txt_path, "a %lu-byte buffer: byte %lu written", (unsigned long)cap, (unsigned long)j);
                break;
            }
        }
    }
    if (encode(&m, NULL, wire_length) != 0) {
        fail(txt_path, "NULL buffer accepted");
    }

    /* The streaming encoder produces the same bytes, in blocks of at most 255. */
    if (m.kind != 0) {
        sink_buffer s;
        uint32_t total;
        s.data = out;
        s.length = 0;
        s.capacity = bin.length + SLACK;
        s.calls = 0;
        s.bad_chunk = 0;
        total = stream(&m, &s);
        if (s.bad_chunk || total != s.length) {
            fail(txt_path, "stream: bad chunk or returned %lu for %lu bytes", (unsigned long)total,
                 (unsigned long)s.length);
        }
        compare(txt_path, "stream output vs .bin", bin.data + 1, wire_length, s.data, s.length);
    }

    /* The receive side sees an INFO_REQUEST in this vector exactly when it is one. */
    if (m.kind == 0) {
        check_rx(bin.data, bin.length);
        *saw_info_request = 1;
    } else {
        expect_rx(txt_path, bin.data, bin.length, 0, -1);
    }

    free(m.values);
    free(out);
    free(text.data);
    free(bin.data);
    return failures == failed_before;
}

static int check_rx_stream(const char *bin_path)
{
    bytes bin;
    acumat_rx rx;
    rx_counts c = {0, 0, 0};
    if (!read_file(bin_path, &bin)) {
        fail(bin_path, "cannot read");
        return 0;
    }
    acumat_rx_init(&rx);
    feed(&rx, bin.data, bin.length, &c);
    free(bin.data);
    if (c.requests != 0) {
        fail(bin_path, "rx reported %d INFO_REQUEST in a stream without one", c.requests);
        return 0;
    }
    printf("ok   %s (rx: %d stretches rejected, none taken for a request)\n", bin_path, c.rejected);
    return 1;
}

/* Invalid input is refused before anything is written or streamed. */
static void check_invalid_input(void)
{
    static uint16_t cells[257 * 2];
    static const acumat_cal_point points[2] = {{100, 5}, {100, 6}};
    static const acumat_cal_point falling[2] = {{100, 6}, {200, 5}};
    uint8_t out[ACUMAT_DEVICE_INFO_WIRE_SIZE_MAX + 64]; /* room even for what must be refused */
    sink_buffer s;
    acumat_device_info d;
    static const acumat_device_info good = {"ok", 1, 2, 3, 2, 2, 1, 1000000, 16, 0, 0, 0, NULL};
    const char *bad_ids[] = {"", "has space", "tab\t", "slash/", "x\xc3\xa9",
                             "01234567890123456789012345678901234567890123456789012345678901234"};
    size_t i;

    s.data = out;
    s.length = 0;
    s.capacity = sizeof out;
    s.calls = 0;
    s.bad_chunk = 0;
    if (acumat_encode_frame(out, sizeof out, 0, 0, 0, 1, cells) != 0
        || acumat_encode_frame(out, sizeof out, 0, 0, 1, 0, cells) != 0
        || acumat_encode_frame(out, sizeof out, 0, 0, 257, 1, cells) != 0
        || acumat_encode_frame(out, sizeof out, 0, 0, 1, 257, cells) != 0
        || acumat_encode_frame(out, sizeof out, 0, 0, 1, 1, NULL) != 0
        || acumat_encode_frame(out, sizeof out, 0, 0x8000000000000000ull, 1, 1, cells) != 0
        || acumat_stream_frame(collect, &s, 0, 0, 257, 2, cells) != 0
        || acumat_stream_frame(NULL, &s, 0, 0, 1, 1, cells) != 0
        || acumat_max_frame_wire_size(0, 1) != 0 || acumat_max_frame_wire_size(1, 257) != 0) {
        fail("invalid input", "a bad frame was accepted");
    }
    if (acumat_encode_frame(out, sizeof out, 0, 0x7FFFFFFFFFFFFFFFull, 1, 1, cells) == 0) {
        fail("invalid input", "device time 2^63 - 1 refused");
    }
    if (acumat_max_frame_wire_size(256, 256) != ACUMAT_FRAME_WIRE_SIZE_MAX(256, 256)
        || ACUMAT_FRAME_WIRE_SIZE_MAX(256, 256) != 131100ul + 131100ul / 254ul + 2ul) {
        fail("invalid input", "wrong 256 x 256 wire size");
    }
    if (acumat_encode_device_info(out, sizeof out, &good) == 0) {
        fail("invalid input", "a valid device-info was refused");
    }
    d = good;
    d.mat_id = "azAZ09._:-012345678901234567890123456789012345678901234567890123"; /* 64 chars */
    if (strlen(d.mat_id) != 64 || acumat_encode_device_info(out, sizeof out, &d) == 0) {
        fail("invalid input", "a 64-character mat id was refused");
    }
    for (i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        d = good;
        d.mat_id = bad_ids[i];
        if (acumat_encode_device_info(out, sizeof out, &d) != 0) {
            fail("invalid input", "mat id '%s' accepted", bad_ids[i]);
        }
    }
    for (i = 0; i < 14; i++) {
        d = good;
        switch (i) {
        case 0: d.mat_id = NULL; break;
        case 1: d.rows = 0; break;
        case 2: d.cols = 257; break;
        case 3: d.row_pitch_um = 0; break;
        case 4: d.col_pitch_um = 1000001; break;
        case 5: d.adc_bits = 0; break;
        case 6: d.adc_bits = 17; break;
        case 7: d.n_points = 33; d.points = points; break;
        case 8: d.n_points = 1; d.points = NULL; break;
        case 9: d.n_points = 2; d.points = points; break; /* raw not increasing */
        case 10: d.rows = 257; break;
        case 11: d.row_pitch_um = 1000001; break;
        case 12: d.n_points = 2; d.points = falling; break; /* pressure falls */
        default: d.col_pitch_um = 0; break;
        }
        if (acumat_encode_device_info(out, sizeof out, &d) != 0 || acumat_stream_device_info(collect, &s, &d) != 0) {
            fail("invalid input", "bad device-info %lu accepted", (unsigned long)i);
        }
    }
    if (acumat_encode_mat_layout(out, sizeof out, 0x10u, ACUMAT_LAYOUT_TORSO) != 0
        || acumat_encode_mat_layout(out, sizeof out, ACUMAT_CELL_ORDER_NONE, 4u) != 0
        || acumat_stream_mat_layout(collect, &s, 0x80u, ACUMAT_LAYOUT_FULL_BODY) != 0
        || acumat_stream_mat_layout(NULL, &s, ACUMAT_CELL_ORDER_NONE, ACUMAT_LAYOUT_TORSO) != 0
        || acumat_encode_mat_layout(NULL, sizeof out, ACUMAT_CELL_ORDER_NONE, ACUMAT_LAYOUT_TORSO) != 0) {
        fail("invalid input", "a mat layout with a reserved bit or value was accepted");
    }
    if (acumat_encode_mat_layout(out, ACUMAT_MAT_LAYOUT_WIRE_SIZE, ACUMAT_CELL_ORDER_KNOWN_BITS,
                                 ACUMAT_LAYOUT_LUMBAR_PAD) != ACUMAT_MAT_LAYOUT_WIRE_SIZE
        || acumat_encode_mat_layout(out, ACUMAT_MAT_LAYOUT_WIRE_SIZE - 1, ACUMAT_CELL_ORDER_NONE,
                                    ACUMAT_LAYOUT_TORSO) != 0) {
        fail("invalid input", "a mat layout does not take exactly ACUMAT_MAT_LAYOUT_WIRE_SIZE bytes");
    }
    if (acumat_encode_device_info(out, sizeof out, NULL) != 0 || s.calls != 0) {
        fail("invalid input", "something was streamed for invalid input");
    }
    if (acumat_encode_info_request(out, ACUMAT_INFO_REQUEST_WIRE_SIZE) != ACUMAT_INFO_REQUEST_WIRE_SIZE
        || acumat_encode_info_request(out, ACUMAT_INFO_REQUEST_WIRE_SIZE - 1) != 0) {
        fail("invalid input", "ACUMAT_INFO_REQUEST_WIRE_SIZE is not exact");
    }
}

/* ---- round trips of generated frames -------------------------------------------------- */

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static unsigned long get_le(const unsigned char *p, int n)
{
    unsigned long v = 0;
    while (n-- > 0) {
        v = v << 8 | p[n];
    }
    return v;
}

static size_t varint_size(size_t v)
{
    return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;
}

/* Reads one LEB128 count of at most 3 bytes; 0 if malformed. */
static int get_varint(const unsigned char *p, size_t end, size_t *pos, size_t *out)
{
    size_t v = 0;
    int i;
    for (i = 0; i < 3 && *pos < end; i++) {
        unsigned char b = p[(*pos)++];
        v |= (size_t)(b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
            *out = v;
            return 1;
        }
    }
    return 0;
}

/*
 * Decodes wire bytes (without the leading 0x00) with the test's own COBS and CRC and checks
 * everything the host checks, plus canonical form: the encoding choice, maximal runs, and
 * that re-stuffing the message with Cobs.java's algorithm gives the same wire bytes.
 */
static void check_frame_wire(const char *what, const unsigned char *wire, size_t n, uint32_t seq, uint64_t time,
                             uint16_t rows, uint16_t cols, const uint16_t *values)
{
    size_t cells = (size_t)rows * cols;
    unsigned char *msg = malloc(n);
    unsigned char *again = malloc(n + n / 254 + 2);
    long len;
    size_t body;
    size_t i;
    size_t pos;
    size_t cell = 0;
    size_t sparse_size = 0;
    int sparse;

    if (msg == NULL || again == NULL) {
        fail(what, "out of memory");
        return;
    }
    len = n >= 2 && wire[n - 1] == 0 ? ref_unstuff(wire, n - 1, msg) : -1;
    if (len < 28) {
        fail(what, "not valid COBS + delimiter, or too short");
        goto done;
    }
    if (ref_wire(msg, (size_t)len, again) != n || memcmp(again, wire, n) != 0) {
        fail(what, "stuffing differs from Cobs.java's");
    }
    body = (size_t)len - 10;
    if (ref_crc32c(msg, (size_t)len - 4) != get_le(msg + len - 4, 4) || msg[0] != 1 || msg[1] != 2
        || get_le(msg + 2, 4) != body || get_le(msg + 6, 4) != seq || get_le(msg + 10, 4) != (time & 0xFFFFFFFFu)
        || get_le(msg + 14, 4) != (time >> 32) || get_le(msg + 18, 2) != rows || get_le(msg + 20, 2) != cols
        || msg[23] != 0) {
        fail(what, "header, length or CRC wrong");
        goto done;
    }
    for (i = 0; i < cells;) {
        size_t start = i;
        while (i < cells && values[i] == 0) {
            i++;
        }
        sparse_size += varint_size(i - start);
        start = i;
        while (i < cells && values[i] != 0) {
            i++;
        }
        sparse_size += varint_size(i - start) + 2 * (i - start);
    }
    sparse = sparse_size < 2 * cells;
    if (msg[22] != (sparse ? 1 : 0) || body != 18 + (sparse ? sparse_size : 2 * cells)) {
        fail(what, "encoding %u with a %lu-byte body; expected %s", msg[22], (unsigned long)body,
             sparse ? "sparse" : "dense");
        goto done;
    }
    pos = 24;
    if (!sparse) {
        for (i = 0; i < cells; i++, pos += 2) {
            if (get_le(msg + pos, 2) != values[i]) {
                fail(what, "dense cell %lu wrong", (unsigned long)i);
                goto done;
            }
        }
        goto done;
    }
    while (cell < cells) {
        size_t zeros;
        size_t literals;
        if (!get_varint(msg, 6 + body, &pos, &zeros) || !get_varint(msg, 6 + body, &pos, &literals)
            || zeros + literals == 0 || zeros + literals > cells - cell || (cell > 0 && zeros == 0)) {
            fail(what, "sparse run at cell %lu malformed or not maximal", (unsigned long)cell);
            goto done;
        }
        for (i = 0; i < zeros; i++, cell++) {
            if (values[cell] != 0) {
                fail(what, "cell %lu sent as zero", (unsigned long)cell);
                goto done;
            }
        }
        for (i = 0; i < literals; i++, cell++, pos += 2) {
            if (get_le(msg + pos, 2) != values[cell] || values[cell] == 0) {
                fail(what, "sparse cell %lu wrong, or a zero literal", (unsigned long)cell);
                goto done;
            }
        }
        if (cell < cells && values[cell] != 0) {
            fail(what, "literal run before cell %lu not maximal", (unsigned long)cell);
            goto done;
        }
    }
    if (pos != 6 + body) {
        fail(what, "bytes after the last sparse run");
    }
done:
    free(msg);
    free(again);
}

static void check_generated_frame(const char *what, uint32_t seq, uint64_t time, uint16_t rows, uint16_t cols,
                                  const uint16_t *values, int *full_block_at_end)
{
    size_t cap = acumat_max_frame_wire_size(rows, cols);
    unsigned char *out = malloc(cap + 1);
    unsigned char *streamed = malloc(cap + 1);
    sink_buffer s;
    size_t n;

    if (out == NULL || streamed == NULL) {
        fail(what, "out of memory");
        return;
    }
    out[cap] = CANARY;
    n = acumat_encode_frame(out, cap, seq, time, rows, cols, values);
    if (n == 0 || n > cap || out[cap] != CANARY) {
        fail(what, "%u x %u: encoder returned %lu for a buffer of the maximum size %lu", rows, cols,
             (unsigned long)n, (unsigned long)cap);
    } else {
        check_frame_wire(what, out, n, seq, time, rows, cols, values);
        /* The last block is empty (code 0x01) right after a full one (code 0xFF). */
        if (n >= 257 && out[n - 2] == 0x01 && out[n - 257] == 0xFF) {
            *full_block_at_end = 1;
        }
    }
    s.data = streamed;
    s.length = 0;
    s.capacity = cap + 1;
    s.calls = 0;
    s.bad_chunk = 0;
    if (acumat_stream_frame(collect, &s, seq, time, rows, cols, values) != s.length || s.bad_chunk) {
        fail(what, "stream: bad chunk or wrong total");
    }
    compare(what, "stream vs buffer", out, n, s.data, s.length);
    free(out);
    free(streamed);
}

static void check_generated_frames(void)
{
    static uint16_t values[256 * 256];
    int full_block_at_end = 0;
    int round;
    size_t i;

    for (round = 0; round < 400; round++) {
        uint16_t rows = (uint16_t)(round < 8 ? 256 : 1 + rng() % (round % 4 == 0 ? 256u : 24u));
        uint16_t cols = (uint16_t)(round < 8 ? 256 : 1 + rng() % (round % 4 == 0 ? 256u : 24u));
        uint32_t density = rng() % 101u; /* percent of non-zero cells */
        uint32_t seq = rng();
        uint64_t time = ((uint64_t)rng() << 32 | rng()) >> (rng() % 63u + 1u); /* 1..63: keep below 2^63 */
        size_t cells = (size_t)rows * cols;
        for (i = 0; i < cells; i++) {
            uint32_t r = rng();
            values[i] = (uint16_t)(r % 100u < density ? (r >> 8) % 3u == 0 ? 1 + (r >> 12) % 255u : r >> 16 : 0);
        }
        if (round % 50 == 1) {
            /* Runs longer than 127 and 16383 cells: 2- and 3-byte LEB128 counts. */
            for (i = 0; i < cells; i++) {
                values[i] = (uint16_t)(i >= cells / 2 && i < cells / 2 + 3 ? 77 : 0);
            }
        }
        check_generated_frame("generated frame", seq, time, rows, cols, values, &full_block_at_end);
    }

    /* A message that ends exactly with a full COBS block, the case Cobs.java closes with an
     * extra empty block: a 1 x 125 frame of non-zero bytes whose CRC has no zero byte. */
    for (i = 0; i < 125; i++) {
        values[i] = (uint16_t)(0x0101u + i);
    }
    for (round = 1; round < 1000 && !full_block_at_end; round++) {
        check_generated_frame("frame ending with a full block", (uint32_t)round, 1, 1, 125, values,
                              &full_block_at_end);
    }
    if (!full_block_at_end) {
        fail("generated frames", "no frame ended with a full COBS block");
    }
}

int main(int argc, char **argv)
{
    int vectors = 0;
    int saw_info_request = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s [--rx-stream FILE.bin]... VECTOR.txt...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rx-stream") == 0 && i + 1 < argc) {
            check_rx_stream(argv[++i]);
            continue;
        }
        if (check_vector(argv[i], &saw_info_request)) {
            printf("ok   %s\n", argv[i]);
        }
        vectors++;
    }
    check_invalid_input();
    check_generated_frames();
    if (!saw_info_request) {
        fail("rx", "no info_request vector given: the receive side was not tested");
    }
    if (failures != 0) {
        printf("%d check(s) failed%s\n", failures, failures > MAX_REPORTED ? " (the first shown)" : "");
        return 1;
    }
    printf("%d vectors ok\n", vectors);
    return 0;
}
