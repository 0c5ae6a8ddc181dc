/*
 * acumat_protocol.c - see acumat_protocol.h. The layout follows WireFormat.java:
 *
 *   message  = version u8 | type u8 | body_length u32 | body | crc32c u32 (over all before it)
 *   wire     = COBS(message) 0x00
 *
 * all integers little-endian.
 */
#include "acumat_protocol.h"

#define VERSION 1u
#define TYPE_DEVICE_INFO 0x01u
#define TYPE_PRESSURE_FRAME 0x02u
#define TYPE_MAT_LAYOUT 0x03u
#define MAT_LAYOUT_BODY 2u
#define TYPE_INFO_REQUEST 0x81u

#define OVERHEAD 10u           /* version, type, body_length, crc32c */
#define FRAME_HEADER 18u       /* seq, time, rows, cols, encoding, flags */
#define ENCODING_DENSE 0u
#define ENCODING_SPARSE 1u
#define DEVICE_INFO_FIXED 24u  /* device-info body without the id and the points */
#define CAL_POINT_BYTES 6u
#define MAX_PITCH_UM 1000000ul

/* A COBS block: its code byte and up to 254 data bytes. */
#define COBS_BLOCK 255u

/*
 * CRC-32C (Castagnoli, reflected 0x82F63B78, init and final xor 0xFFFFFFFF), as
 * java.util.zip.CRC32C. A nibble at a time from a 16-entry table: 64 bytes of flash instead
 * of the 1 KiB of the byte-wise table, and about four times faster than a bit loop; on
 * serial-speed data either way the CRC is a small part of the cost of a frame.
 */
static const uint32_t crc_nibble[16] = {
    0x00000000ul, 0x105EC76Ful, 0x20BD8EDEul, 0x30E349B1ul,
    0x417B1DBCul, 0x5125DAD3ul, 0x61C69362ul, 0x7198540Dul,
    0x82F63B78ul, 0x92A8FC17ul, 0xA24BB5A6ul, 0xB21572C9ul,
    0xC38D26C4ul, 0xD3D3E1ABul, 0xE330A81Aul, 0xF36E6F75ul
};

static uint32_t crc_byte(uint32_t crc, uint8_t b)
{
    crc ^= b;
    crc = (crc >> 4) ^ crc_nibble[crc & 0x0Fu];
    return (crc >> 4) ^ crc_nibble[crc & 0x0Fu];
}

/*
 * Writer: stuffs message bytes as they are produced, so the unstuffed message never exists
 * in memory. COBS puts each block's length in front of it, so a block's code byte is
 * reserved when the block opens and filled in when it closes. In buffer mode buf is the
 * caller's output; in stream mode it holds one block, handed to the sink as it closes.
 *
 * Blocks close after 254 non-zero bytes even when the message ends there, leaving an empty
 * final block (code 0x01). That is what Cobs.java does; some COBS libraries drop that byte.
 * No committed vector ends on a full block, so test/vector_check.c generates one.
 */
typedef struct {
    uint8_t *buf;
    size_t cap;
    size_t pos;
    size_t code_at;
    uint32_t crc;
    uint32_t flushed;   /* stream mode: bytes already given to the sink */
    acumat_sink sink;   /* NULL in buffer mode */
    void *ctx;
    uint8_t code;
    uint8_t overflow;   /* sticky: a byte did not fit; nothing more is written */
} writer;

static void put_raw(writer *w, uint8_t b)
{
    if (w->pos < w->cap) {
        w->buf[w->pos++] = b;
    } else {
        w->overflow = 1u;
    }
}

static void open_block(writer *w)
{
    w->code = 1u;
    w->code_at = w->pos;
    put_raw(w, 0u); /* placeholder for the code byte */
}

static void close_block(writer *w)
{
    if (w->overflow) {
        return;
    }
    w->buf[w->code_at] = w->code;
    if (w->sink != NULL) {
        w->sink(w->ctx, w->buf, w->pos);
        w->flushed += (uint32_t)w->pos;
        w->pos = 0u;
    }
}

static void writer_init(writer *w, uint8_t *buf, size_t cap, acumat_sink sink, void *ctx)
{
    w->buf = buf;
    w->cap = cap;
    w->pos = 0u;
    w->crc = 0xFFFFFFFFul;
    w->flushed = 0u;
    w->sink = sink;
    w->ctx = ctx;
    w->overflow = 0u;
    open_block(w);
}

static void stuff(writer *w, uint8_t b)
{
    if (b == 0u) {
        /* The zero is not sent: it is implied by the end of the block. */
        close_block(w);
        open_block(w);
        return;
    }
    put_raw(w, b);
    if (++w->code == 0xFFu) {
        close_block(w);
        open_block(w);
    }
}

static void put_u8(writer *w, uint8_t b)
{
    w->crc = crc_byte(w->crc, b);
    stuff(w, b);
}

/* Little-endian by construction: bytes come from shifts, whatever the host's byte order. */
static void put_le(writer *w, uint32_t v, uint8_t bytes)
{
    while (bytes-- > 0u) {
        put_u8(w, (uint8_t)(v & 0xFFu));
        v >>= 8;
    }
}

static void put_u16(writer *w, uint16_t v)
{
    put_le(w, v, 2u);
}

static void put_u32(writer *w, uint32_t v)
{
    put_le(w, v, 4u);
}

static void put_u64(writer *w, uint64_t v)
{
    put_le(w, (uint32_t)(v & 0xFFFFFFFFul), 4u);
    put_le(w, (uint32_t)(v >> 32), 4u);
}

static void put_header(writer *w, uint8_t type, uint32_t body_length)
{
    put_u8(w, (uint8_t)VERSION);
    put_u8(w, type);
    put_u32(w, body_length);
}

/* Appends the CRC (itself not covered), closes the last block and adds the delimiter. */
static int finish(writer *w)
{
    uint32_t crc = (uint32_t)~w->crc;
    uint8_t i;

    for (i = 0u; i < 4u; i++) {
        stuff(w, (uint8_t)(crc & 0xFFu));
        crc >>= 8;
    }
    if (!w->overflow) {
        w->buf[w->code_at] = w->code;
    }
    put_raw(w, (uint8_t)ACUMAT_DELIMITER);
    if (w->overflow) {
        return 0;
    }
    if (w->sink != NULL) {
        w->sink(w->ctx, w->buf, w->pos);
        w->flushed += (uint32_t)w->pos;
    }
    return 1;
}

/* ---- pressure frame ---------------------------------------------------------------- */

static uint32_t varint_length(uint32_t v)
{
    return v < 0x80ul ? 1u : v < 0x4000ul ? 2u : 3u;
}

static void put_varint(writer *w, uint32_t v)
{
    while (v >= 0x80ul) {
        put_u8(w, (uint8_t)((v & 0x7Fu) | 0x80u));
        v >>= 7;
    }
    put_u8(w, (uint8_t)v);
}

/*
 * Size of the canonical sparse form: maximal runs, each [zero count][literal count][literals].
 * Stops counting once it reaches limit (the dense size), as the answer is then "dense"
 * whatever the rest holds; that keeps a busy frame's first pass short.
 */
static uint32_t sparse_length(const uint16_t *values, uint32_t cells, uint32_t limit)
{
    uint32_t size = 0u;
    uint32_t i = 0u;

    while (i < cells && size < limit) {
        uint32_t start = i;
        uint32_t literals;
        while (i < cells && values[i] == 0u) {
            i++;
        }
        size += varint_length(i - start);
        start = i;
        while (i < cells && values[i] != 0u) {
            i++;
        }
        literals = i - start;
        size += varint_length(literals) + 2u * literals;
    }
    return size;
}

static int frame_valid(uint64_t device_time_us, uint16_t rows, uint16_t cols, const uint16_t *values)
{
    /* The host reads the time as a signed 64-bit count and rejects it past 2^63 - 1. */
    return values != NULL && rows >= 1u && rows <= ACUMAT_MAX_ROWS && cols >= 1u
           && cols <= ACUMAT_MAX_COLS && (device_time_us >> 63) == 0u;
}

static uint32_t frame_body_length(uint16_t rows, uint16_t cols, const uint16_t *values, int *sparse)
{
    uint32_t cells = (uint32_t)rows * cols;
    uint32_t dense = 2u * cells;
    uint32_t sparse_size = sparse_length(values, cells, dense);

    /* Strictly smaller only: the choice is canonical, so every encoder agrees byte for byte. */
    *sparse = sparse_size < dense;
    return FRAME_HEADER + (*sparse ? sparse_size : dense);
}

static void write_frame(writer *w, uint32_t body_length, int sparse, uint32_t seq, uint64_t device_time_us,
                        uint16_t rows, uint16_t cols, const uint16_t *values)
{
    uint32_t cells = (uint32_t)rows * cols;
    uint32_t i;

    put_header(w, (uint8_t)TYPE_PRESSURE_FRAME, body_length);
    put_u32(w, seq);
    put_u64(w, device_time_us);
    put_u16(w, rows);
    put_u16(w, cols);
    put_u8(w, (uint8_t)(sparse ? ENCODING_SPARSE : ENCODING_DENSE));
    put_u8(w, 0u); /* flags */
    if (!sparse) {
        for (i = 0u; i < cells; i++) {
            put_u16(w, values[i]);
        }
        return;
    }
    i = 0u;
    while (i < cells) {
        uint32_t start = i;
        while (i < cells && values[i] == 0u) {
            i++;
        }
        put_varint(w, i - start);
        start = i;
        while (i < cells && values[i] != 0u) {
            i++;
        }
        put_varint(w, i - start);
        for (; start < i; start++) {
            put_u16(w, values[start]);
        }
    }
}

size_t acumat_encode_frame(uint8_t *out, size_t out_cap, uint32_t seq, uint64_t device_time_us,
                           uint16_t rows, uint16_t cols, const uint16_t *values)
{
    writer w;
    uint32_t body_length;
    int sparse;

    if (out == NULL || !frame_valid(device_time_us, rows, cols, values)) {
        return 0u;
    }
    body_length = frame_body_length(rows, cols, values, &sparse);
    /* COBS adds at least one byte, the delimiter another: skip a write that cannot fit. */
    if (out_cap < (size_t)2u || out_cap - 2u < OVERHEAD + body_length) {
        return 0u;
    }
    writer_init(&w, out, out_cap, NULL, NULL);
    write_frame(&w, body_length, sparse, seq, device_time_us, rows, cols, values);
    return finish(&w) ? w.pos : 0u;
}

uint32_t acumat_stream_frame(acumat_sink sink, void *ctx, uint32_t seq, uint64_t device_time_us,
                             uint16_t rows, uint16_t cols, const uint16_t *values)
{
    uint8_t block[COBS_BLOCK];
    writer w;
    uint32_t body_length;
    int sparse;

    if (sink == NULL || !frame_valid(device_time_us, rows, cols, values)) {
        return 0u;
    }
    body_length = frame_body_length(rows, cols, values, &sparse);
    writer_init(&w, block, sizeof block, sink, ctx);
    write_frame(&w, body_length, sparse, seq, device_time_us, rows, cols, values);
    return finish(&w) ? w.flushed : 0u;
}

size_t acumat_max_frame_wire_size(uint16_t rows, uint16_t cols)
{
    uint32_t message;
    uint32_t wire;

    if (rows < 1u || rows > ACUMAT_MAX_ROWS || cols < 1u || cols > ACUMAT_MAX_COLS) {
        return 0u;
    }
    message = OVERHEAD + FRAME_HEADER + 2u * (uint32_t)rows * cols;
    wire = message + message / 254u + 2u;
#if SIZE_MAX < 0xFFFFFFFFul
    if (wire > SIZE_MAX) {
        return 0u;
    }
#endif
    return (size_t)wire;
}

/* ---- device info ------------------------------------------------------------------- */

/* The id becomes a Kafka key and an InfluxDB tag on the host: [A-Za-z0-9._:-] only. */
static int id_char_valid(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
           || c == '_' || c == ':' || c == '-';
}

/* The id's length if the info is one the host accepts, else 0. */
static uint8_t device_info_check(const acumat_device_info *info)
{
    uint8_t id_length = 0u;
    uint8_t i;

    if (info == NULL || info->mat_id == NULL) {
        return 0u;
    }
    /* Bounded, so an unterminated id cannot run off into memory. */
    while (info->mat_id[id_length] != '\0') {
        if (id_length == ACUMAT_MAX_MAT_ID_LENGTH || !id_char_valid(info->mat_id[id_length])) {
            return 0u;
        }
        id_length++;
    }
    if (id_length == 0u || info->rows < 1u || info->rows > ACUMAT_MAX_ROWS || info->cols < 1u
        || info->cols > ACUMAT_MAX_COLS || info->row_pitch_um < 1u || info->row_pitch_um > MAX_PITCH_UM
        || info->col_pitch_um < 1u || info->col_pitch_um > MAX_PITCH_UM || info->adc_bits < 1u
        || info->adc_bits > 16u || info->n_points > ACUMAT_MAX_CALIBRATION_POINTS
        || (info->n_points > 0u && info->points == NULL)) {
        return 0u;
    }
    for (i = 1u; i < info->n_points; i++) {
        if (info->points[i].raw <= info->points[i - 1u].raw
            || info->points[i].pressure_pa < info->points[i - 1u].pressure_pa) {
            return 0u;
        }
    }
    return id_length;
}

static void write_device_info(writer *w, const acumat_device_info *info, uint8_t id_length)
{
    uint8_t i;

    put_header(w, (uint8_t)TYPE_DEVICE_INFO,
               DEVICE_INFO_FIXED + id_length + CAL_POINT_BYTES * (uint32_t)info->n_points);
    put_u8(w, id_length);
    for (i = 0u; i < id_length; i++) {
        put_u8(w, (uint8_t)info->mat_id[i]);
    }
    put_u8(w, info->fw_major);
    put_u8(w, info->fw_minor);
    put_u8(w, info->fw_patch);
    put_u16(w, info->rows);
    put_u16(w, info->cols);
    put_u32(w, info->row_pitch_um);
    put_u32(w, info->col_pitch_um);
    put_u8(w, info->adc_bits);
    put_u32(w, info->frame_interval_us);
    put_u16(w, info->deadband);
    put_u8(w, info->n_points);
    for (i = 0u; i < info->n_points; i++) {
        put_u16(w, info->points[i].raw);
        put_u32(w, info->points[i].pressure_pa);
    }
}

size_t acumat_encode_device_info(uint8_t *out, size_t out_cap, const acumat_device_info *info)
{
    writer w;
    uint8_t id_length = device_info_check(info);

    if (out == NULL || id_length == 0u) {
        return 0u;
    }
    writer_init(&w, out, out_cap, NULL, NULL);
    write_device_info(&w, info, id_length);
    return finish(&w) ? w.pos : 0u;
}

uint32_t acumat_stream_device_info(acumat_sink sink, void *ctx, const acumat_device_info *info)
{
    uint8_t block[COBS_BLOCK];
    writer w;
    uint8_t id_length = device_info_check(info);

    if (sink == NULL || id_length == 0u) {
        return 0u;
    }
    writer_init(&w, block, sizeof block, sink, ctx);
    write_device_info(&w, info, id_length);
    return finish(&w) ? w.flushed : 0u;
}

/* ---- mat layout -------------------------------------------------------------------- */

/* Reserved bits and values are for later revisions: this one never sends them. */
static int mat_layout_valid(uint8_t cell_order, uint8_t layout)
{
    return (cell_order & (uint8_t)~ACUMAT_CELL_ORDER_KNOWN_BITS) == 0u && layout <= ACUMAT_LAYOUT_LUMBAR_PAD;
}

static void write_mat_layout(writer *w, uint8_t cell_order, uint8_t layout)
{
    put_header(w, (uint8_t)TYPE_MAT_LAYOUT, MAT_LAYOUT_BODY);
    put_u8(w, cell_order);
    put_u8(w, layout);
}

size_t acumat_encode_mat_layout(uint8_t *out, size_t out_cap, uint8_t cell_order, uint8_t layout)
{
    writer w;

    if (out == NULL || !mat_layout_valid(cell_order, layout)) {
        return 0u;
    }
    writer_init(&w, out, out_cap, NULL, NULL);
    write_mat_layout(&w, cell_order, layout);
    return finish(&w) ? w.pos : 0u;
}

uint32_t acumat_stream_mat_layout(acumat_sink sink, void *ctx, uint8_t cell_order, uint8_t layout)
{
    uint8_t block[COBS_BLOCK];
    writer w;

    if (sink == NULL || !mat_layout_valid(cell_order, layout)) {
        return 0u;
    }
    writer_init(&w, block, sizeof block, sink, ctx);
    write_mat_layout(&w, cell_order, layout);
    return finish(&w) ? w.flushed : 0u;
}

size_t acumat_encode_info_request(uint8_t *out, size_t out_cap)
{
    writer w;

    if (out == NULL) {
        return 0u;
    }
    writer_init(&w, out, out_cap, NULL, NULL);
    put_header(&w, (uint8_t)TYPE_INFO_REQUEST, 0u);
    return finish(&w) ? w.pos : 0u;
}

/* ---- receive side ------------------------------------------------------------------ */

#define RX_SYNCING 0u    /* skipping up to the first delimiter */
#define RX_COLLECTING 1u
#define RX_DISCARDING 2u /* oversize: skipping up to the next delimiter */

void acumat_rx_init(acumat_rx *rx)
{
    rx->len = 0u;
    rx->code = 0u;
    rx->left = 0u;
    rx->state = RX_SYNCING;
}

/* 0 when the byte does not fit: no valid host message is that long. */
static int rx_push(acumat_rx *rx, uint8_t b)
{
    if (rx->len == ACUMAT_RX_BUFFER_SIZE) {
        rx->state = RX_DISCARDING;
        return 0;
    }
    rx->buf[rx->len++] = b;
    return 1;
}

static uint32_t rx_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The checks of PROTOCOL.md section 7, in its order: COBS, size, CRC, version, body length, type. */
static int rx_message(const acumat_rx *rx)
{
    uint32_t crc = 0xFFFFFFFFul;
    uint8_t i;

    if (rx->left != 0u || rx->len != OVERHEAD) {
        return ACUMAT_RX_REJECTED; /* a code byte pointing past the end, or a wrong size */
    }
    for (i = 0u; i < OVERHEAD - 4u; i++) {
        crc = crc_byte(crc, rx->buf[i]);
    }
    if ((uint32_t)~crc != rx_u32(&rx->buf[OVERHEAD - 4u]) || rx->buf[0] != VERSION
        || rx_u32(&rx->buf[2]) != 0u || rx->buf[1] != TYPE_INFO_REQUEST) {
        return ACUMAT_RX_REJECTED;
    }
    return ACUMAT_RX_INFO_REQUEST;
}

int acumat_rx_byte(acumat_rx *rx, uint8_t byte)
{
    int result = ACUMAT_RX_NONE;

    if (byte == ACUMAT_DELIMITER) {
        /* An empty stretch (idle delimiters) is no error; an oversize one was already reported. */
        if (rx->state == RX_COLLECTING && rx->code != 0u) {
            result = rx_message(rx);
        }
        acumat_rx_init(rx);
        rx->state = RX_COLLECTING;
        return result;
    }
    if (rx->state != RX_COLLECTING) {
        return ACUMAT_RX_NONE;
    }
    if (rx->left == 0u) {
        /* A code byte. The zero that ended the previous block is due only now that another
         * block follows, and never after a full (0xFF) block. */
        if (rx->code != 0u && rx->code != 0xFFu && !rx_push(rx, 0u)) {
            return ACUMAT_RX_REJECTED;
        }
        rx->code = byte;
        rx->left = (uint8_t)(byte - 1u);
        return ACUMAT_RX_NONE;
    }
    rx->left--;
    return rx_push(rx, byte) ? ACUMAT_RX_NONE : ACUMAT_RX_REJECTED;
}
