/*
 * acumat_protocol.h - portable C99 reference encoder for the acumat mat wire protocol,
 * version 1, for mat firmware. One header, one source (acumat_protocol.c); see README.md.
 *
 * The Java codec in firmware-protocol is the reference; the committed test vectors
 * (firmware-protocol/vectors) are checked against this code byte for byte by
 * CReferenceEncoderTest, so what these functions send is exactly what the gateway expects.
 *
 * Properties a firmware author can rely on:
 *   - no malloc, no global mutable state: every function works on caller-owned memory only,
 *     so separate buffers may be encoded from separate contexts at the same time;
 *   - no hosted headers: only <stdint.h> and <stddef.h>, both freestanding in C99
 *     (the source builds with -ffreestanding);
 *   - byte order independent: every multi-byte field is written with shifts, never by
 *     copying an integer's memory, so the wire is little-endian on any host;
 *   - an encoder never writes at or past out + out_cap, even when it fails.
 *
 * Usage (a 32 x 20 mat on a UART; uart_write() stands for your driver's blocking send):
 *
 *   #include "acumat_protocol.h"
 *
 *   #define ROWS 32
 *   #define COLS 20
 *   static uint16_t cells[ROWS * COLS];
 *   static uint8_t wire[ACUMAT_FRAME_WIRE_SIZE_MAX(ROWS, COLS)]; // fits a device-info too
 *   static acumat_rx rx;                        // all zero = ready, no init call needed
 *   static const acumat_cal_point cal[] = { {13, 0}, {200, 1000}, {4000, 120000} };
 *   static const acumat_device_info info = {
 *       "mat-0001", 1, 2, 3, ROWS, COLS, 22000, 22000, 12, 40000, 12, 3, cal };
 *
 *   static const uint8_t sync = ACUMAT_DELIMITER;
 *
 *   static void send_info(void) {
 *       size_t n = acumat_encode_device_info(wire, sizeof wire, &info);
 *       if (n != 0) { uart_write(&sync, 1); uart_write(wire, n); }
 *       // Right after each device-info: how the cells are wired, what kind of mat it is.
 *       n = acumat_encode_mat_layout(wire, sizeof wire, ACUMAT_CELL_ORDER_NONE, ACUMAT_LAYOUT_TORSO);
 *       if (n != 0) { uart_write(&sync, 1); uart_write(wire, n); }
 *   }
 *
 *   void main_loop(void) {
 *       send_info();                           // the leading 0x00 lets the receiver sync at once
 *       for (uint32_t seq = 0;; seq++) {
 *           scan_matrix(cells);                // fill row-major, deadband applied
 *           size_t n = acumat_encode_frame(wire, sizeof wire, seq, micros64(), ROWS, COLS, cells);
 *           // A 0x00 before each message keeps line noise from taking it along (PROTOCOL.md 6.3).
 *           if (n != 0) { uart_write(&sync, 1); uart_write(wire, n); }
 *           int c;
 *           while ((c = uart_read_nonblocking()) >= 0)
 *               if (acumat_rx_byte(&rx, (uint8_t)c) == ACUMAT_RX_INFO_REQUEST) send_info();
 *           if (five_seconds_elapsed()) send_info();
 *       }
 *   }
 */
#ifndef ACUMAT_PROTOCOL_H
#define ACUMAT_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACUMAT_PROTOCOL_VERSION 1

/*
 * Ends every message on the wire. Send one on its own at start-up: a receiver that joined
 * mid-stream drops everything before its first delimiter, and this one makes the first
 * real message count.
 */
#define ACUMAT_DELIMITER 0x00u

#define ACUMAT_MAX_ROWS 256u
#define ACUMAT_MAX_COLS 256u
#define ACUMAT_MAX_MAT_ID_LENGTH 64u
#define ACUMAT_MAX_CALIBRATION_POINTS 32u

/*
 * Wire bytes (COBS plus delimiter) of a message of m unstuffed bytes, at most: COBS adds one
 * byte per 254 plus one. Evaluated in unsigned long so it cannot overflow a 16-bit int.
 */
#define ACUMAT_WIRE_SIZE_MAX(m) ((unsigned long)(m) + (unsigned long)(m) / 254ul + 2ul)

/*
 * Buffer size that always holds acumat_encode_frame()'s output for a rows x cols mat. A
 * constant expression for constant arguments, so it can size a static array; the sparse form
 * is only ever chosen when smaller, so the dense size bounds every frame.
 * (10 bytes header and CRC, 18 bytes frame header, 2 bytes a cell.)
 */
#define ACUMAT_FRAME_WIRE_SIZE_MAX(rows, cols) \
    ACUMAT_WIRE_SIZE_MAX(28ul + 2ul * (unsigned long)(rows) * (unsigned long)(cols))

/* The largest device-info: a 64-byte id and 32 calibration points (a 280-byte body). */
#define ACUMAT_DEVICE_INFO_WIRE_SIZE_MAX ACUMAT_WIRE_SIZE_MAX(290ul)

/* An INFO_REQUEST is always exactly this long on the wire (header and CRC, no body). */
#define ACUMAT_INFO_REQUEST_WIRE_SIZE 12u

/*
 * MAT_LAYOUT (PROTOCOL.md 4.4): cell_order is a bit field of the steps that turn the mat's own
 * cell order into acumat's (row 0 at the head end, column 0 on the left seen from above). The
 * host undoes a serpentine scan first (every odd row of the mat's own grid written in reverse),
 * then transposes, then flips the rows and columns of the transposed grid. Bits 4..7 are
 * reserved and must be 0.
 */
#define ACUMAT_CELL_ORDER_NONE 0x00u
#define ACUMAT_CELL_ORDER_FLIP_ROWS 0x01u
#define ACUMAT_CELL_ORDER_FLIP_COLS 0x02u
#define ACUMAT_CELL_ORDER_TRANSPOSE 0x04u
#define ACUMAT_CELL_ORDER_SERPENTINE 0x08u
#define ACUMAT_CELL_ORDER_KNOWN_BITS 0x0Fu

/* MAT_LAYOUT layout: what part of a person lying on it the mat shows. 4..255 are reserved. */
#define ACUMAT_LAYOUT_NOT_STATED 0u
#define ACUMAT_LAYOUT_FULL_BODY 1u
#define ACUMAT_LAYOUT_TORSO 2u
#define ACUMAT_LAYOUT_LUMBAR_PAD 3u

/* A MAT_LAYOUT is always exactly this long on the wire (12 message bytes, stuffed, delimited). */
#define ACUMAT_MAT_LAYOUT_WIRE_SIZE 14u

/* One calibration point: the raw ADC count that a known pressure produced. */
typedef struct {
    uint16_t raw;
    uint32_t pressure_pa;
} acumat_cal_point;

/*
 * What the mat says about itself. The encoder rejects (returns 0 for) anything the host's
 * decoder would reject, so a bad constant shows up on the bench rather than as a mat the
 * gateway silently ignores.
 */
typedef struct {
    const char *mat_id;            /* NUL-terminated, 1..64 chars of [A-Za-z0-9._:-]     */
    uint8_t fw_major;
    uint8_t fw_minor;
    uint8_t fw_patch;
    uint16_t rows;                 /* 1..256, row 0 at the head end                      */
    uint16_t cols;                 /* 1..256                                             */
    uint32_t row_pitch_um;         /* 1..1000000                                         */
    uint32_t col_pitch_um;         /* 1..1000000                                         */
    uint8_t adc_bits;              /* 1..16                                              */
    uint32_t frame_interval_us;    /* nominal, 0 if unknown                              */
    uint16_t deadband;             /* raw values at or below this are sent as 0          */
    uint8_t n_points;              /* 0..32; 0 = uncalibrated                            */
    const acumat_cal_point *points;/* raw strictly increasing, pressure non-decreasing   */
} acumat_device_info;

/*
 * Buffer encoders. Each writes COBS(message) followed by the 0x00 delimiter to out and
 * returns the number of bytes written, ready to send as they are. They return 0, with the
 * contents of out unspecified, when out_cap is too small or the input is invalid.
 */

/*
 * A pressure frame: rows x cols raw values, row-major. Picks the sparse cell encoding only
 * when it is strictly smaller than dense, as every encoder of this protocol must. Reads
 * values twice (size, then write); the message is stuffed as it is produced, so no second
 * buffer is needed. Invalid: geometry outside 1..256 x 1..256, device_time_us >= 2^63, NULL.
 */
size_t acumat_encode_frame(uint8_t *out, size_t out_cap, uint32_t seq, uint64_t device_time_us,
                           uint16_t rows, uint16_t cols, const uint16_t *values);

size_t acumat_encode_device_info(uint8_t *out, size_t out_cap, const acumat_device_info *info);

/*
 * The mat's wiring and kind, to send right after every device-info (at start-up, every 5 s and
 * in answer to an INFO_REQUEST), so a host that learns the one learns the other. cell_order is
 * ACUMAT_CELL_ORDER_* bits or'ed together, layout one ACUMAT_LAYOUT_*. Always
 * ACUMAT_MAT_LAYOUT_WIRE_SIZE bytes. Invalid: a reserved cell_order bit, layout > 3, NULL.
 */
size_t acumat_encode_mat_layout(uint8_t *out, size_t out_cap, uint8_t cell_order, uint8_t layout);

/* Host to device; for host-side tools and tests, firmware does not send it. */
size_t acumat_encode_info_request(uint8_t *out, size_t out_cap);

/*
 * Run-time version of ACUMAT_FRAME_WIRE_SIZE_MAX; 0 for geometry outside 1..256 x 1..256 or
 * a size that does not fit in size_t (a 16-bit size_t holds frames up to 180 x 180).
 */
size_t acumat_max_frame_wire_size(uint16_t rows, uint16_t cols);

/*
 * Streaming encoders, for mats whose frame does not leave room for a whole wire buffer: the
 * same bytes as the buffer encoders, handed to sink in pieces of at most 255 bytes (one COBS
 * block) from a buffer on the stack, the last piece ending with the delimiter. The input is
 * validated before the first call to sink, so an invalid message emits nothing. The bytes
 * are valid only during the call: a sink that sends asynchronously must copy them. Return
 * the total number of bytes passed to sink, 0 if the input is invalid (nothing emitted).
 */
typedef void (*acumat_sink)(void *ctx, const uint8_t *bytes, size_t length);

uint32_t acumat_stream_frame(acumat_sink sink, void *ctx, uint32_t seq, uint64_t device_time_us,
                             uint16_t rows, uint16_t cols, const uint16_t *values);

uint32_t acumat_stream_device_info(acumat_sink sink, void *ctx, const acumat_device_info *info);

uint32_t acumat_stream_mat_layout(acumat_sink sink, void *ctx, uint8_t cell_order, uint8_t layout);

/*
 * Receive side: the receiver of PROTOCOL.md section 7, cut down to what a device needs. It
 * recognises INFO_REQUEST messages from the host, one byte at a time, unstuffing as bytes
 * arrive so it only ever holds one decoded message. Constant time per byte (a 6-byte CRC at
 * a delimiter), suitable for a UART receive interrupt.
 *
 * Fields are private. A zero-initialised acumat_rx (static storage) is ready to use. Like
 * every receiver of the protocol it starts by skipping bytes up to the first 0x00, since it
 * may have started in the middle of a message; the host sends 0x00 before its requests for
 * this reason. Call acumat_rx_init() to return to that state, e.g. after a UART overrun or
 * framing error, when bytes may have been lost.
 */
#define ACUMAT_RX_BUFFER_SIZE 10u /* the largest host message of version 1: INFO_REQUEST */

typedef struct {
    uint8_t buf[ACUMAT_RX_BUFFER_SIZE];
    uint8_t len;   /* decoded bytes in buf                                               */
    uint8_t code;  /* COBS code of the current block, 0 before the first one             */
    uint8_t left;  /* data bytes still to come in the current block                      */
    uint8_t state; /* syncing (0, so that zero-initialised is the start), collecting, or
                      discarding a stretch that outgrew buf                               */
} acumat_rx;

enum {
    ACUMAT_RX_REJECTED = -1,     /* a stretch that is not a valid host message ended at this
                                    delimiter, or (oversize) outgrew the buffer with this
                                    byte; reported once. Count it, or ignore it            */
    ACUMAT_RX_NONE = 0,          /* nothing completed with this byte                        */
    ACUMAT_RX_INFO_REQUEST = 1   /* a valid INFO_REQUEST ended: send the device-info        */
};

void acumat_rx_init(acumat_rx *rx);

/* Feeds one received byte; returns ACUMAT_RX_INFO_REQUEST, ACUMAT_RX_NONE or ACUMAT_RX_REJECTED. */
int acumat_rx_byte(acumat_rx *rx, uint8_t byte);

#ifdef __cplusplus
}
#endif

#endif /* ACUMAT_PROTOCOL_H */
