/*
 * grid_mat.h - the sketch's logic in plain C: scanning a 16 x 16 resistive grid, turning
 * readings into cell values, and what to send when (PROTOCOL.md section 9.1). It touches
 * the hardware only through grid_hw, so the same code runs on the Arduino
 * (arduino-grid-16x16.ino) and on a PC against a simulated grid (host/grid_host.c).
 */
#ifndef GRID_MAT_H
#define GRID_MAT_H

#include <stddef.h>
#include <stdint.h>

#include "acumat_protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GRID_ROWS 16u
#define GRID_COLS 16u
#define GRID_CELLS (GRID_ROWS * GRID_COLS)
#define GRID_ADC_BITS 10u
#define GRID_ADC_MAX 1023u

/* select_row's argument for "no row": every row held low, nothing driven. */
#define GRID_ROW_NONE 0xFFu

/* The device-info is due again this long after the last one (PROTOCOL.md 9.1: at most 5 s). */
#define GRID_INFO_PERIOD_US 5000000ul

/* In calibration-text mode, one line this often. */
#define GRID_TEXT_PERIOD_US 500000ul

/*
 * The hardware, as the logic sees it. Every function gets ctx. write blocks until the bytes
 * are queued for sending: the frame rate is chosen so that a frame has gone out before the
 * next scan is due, which is why the logic never needs to skip a frame (PROTOCOL.md 9.3).
 */
typedef struct {
    void *ctx;
    /* Drive row `row` (0 = head end) high and hold the others low; GRID_ROW_NONE: all low. */
    void (*select_row)(void *ctx, uint8_t row);
    /* Select column `col` (0 = left, seen from above, head at the top); its ADC count 0..1023. */
    uint16_t (*read_col)(void *ctx, uint8_t col);
    /* A free-running microsecond clock that wraps at 2^32 (Arduino's micros()). */
    uint32_t (*micros)(void *ctx);
    /* The next byte from the host, or -1 when none is waiting. */
    int (*read_byte)(void *ctx);
    void (*write)(void *ctx, const uint8_t *bytes, size_t length);
} grid_hw;

/* Counters, for the host build's summary and for a debugger. */
typedef struct {
    uint32_t frames;          /* frames sent                                   */
    uint32_t infos;           /* device-infos sent, for any reason             */
    uint32_t infos_requested; /* of which in answer to an info_request         */
    uint32_t rx_rejected;     /* host bytes that were not a valid info_request */
    uint32_t late_scans;      /* scans that started a whole interval late      */
} grid_stats;

/* All the sketch's state: 512 bytes of cells and a few dozen of bookkeeping. */
typedef struct {
    uint16_t cells[GRID_CELLS];
    acumat_rx rx;
    grid_stats stats;
    uint64_t now_us;          /* micros() extended to 64 bits                  */
    uint64_t next_scan_us;
    uint64_t next_info_us;
    uint64_t next_text_us;
    uint32_t last_micros;
    uint32_t sequence;        /* the next frame's                              */
    uint8_t info_requested;
    uint8_t text_mode;
} grid_mat;

/* The device-info this sketch sends, built from grid_config.h. */
extern const acumat_device_info grid_device_info;

/*
 * Starts the mat: the start-up delimiter, the device-info, and the first scan due at once.
 * text_mode 1: calibration text lines instead of protocol messages (GRID_CALIBRATION_TEXT).
 * Returns 0, having sent nothing, when grid_config.h makes a device-info the host would
 * reject (the encoder checks it): fix the configuration.
 */
int grid_start(grid_mat *mat, grid_hw *hw, uint8_t text_mode);

/*
 * Call as often as possible (Arduino's loop()): reads what the host sent, sends a
 * device-info when one is due or was asked for, and scans and sends a frame when the next
 * frame is due. Returns at once when there is nothing to do.
 */
void grid_poll(grid_mat *mat, grid_hw *hw);

/* One reading made a cell value: inverted when it falls with load, then the deadband. */
uint16_t grid_cell_value(uint16_t reading);

#ifdef __cplusplus
}
#endif

#endif /* GRID_MAT_H */
