/*
 * grid_mat.c - see grid_mat.h. No Arduino header here: the hardware is behind grid_hw.
 */
#include "grid_mat.h"

#include "grid_config.h"

static const uint8_t DELIMITER = ACUMAT_DELIMITER;

#ifdef GRID_CALIBRATION_POINTS
static const acumat_cal_point CALIBRATION[] = GRID_CALIBRATION_POINTS;
#define CALIBRATION_COUNT ((uint8_t)(sizeof CALIBRATION / sizeof CALIBRATION[0]))
#else
/* Uncalibrated: the host shows contact and areas, no pressures (PROTOCOL.md 4.1). */
#define CALIBRATION NULL
#define CALIBRATION_COUNT 0u
#endif

const acumat_device_info grid_device_info = {
    GRID_MAT_ID, GRID_FW_MAJOR, GRID_FW_MINOR, GRID_FW_PATCH,
    GRID_ROWS, GRID_COLS, GRID_ROW_PITCH_UM, GRID_COL_PITCH_UM,
    GRID_ADC_BITS, GRID_FRAME_INTERVAL_US, GRID_DEADBAND,
    CALIBRATION_COUNT, CALIBRATION
};

uint16_t grid_cell_value(uint16_t reading)
{
    uint16_t v = reading > GRID_ADC_MAX ? (uint16_t)GRID_ADC_MAX : reading;
#if GRID_READING_FALLS_WITH_LOAD
    /* PROTOCOL.md 4.1: counts rise with pressure, and the deadband applies to those. */
    v = (uint16_t)(GRID_ADC_MAX - v);
#endif
    return v <= GRID_DEADBAND ? 0u : v;
}

/* The encoders' sink: hands each piece of a message to the hardware as it is produced. */
static void to_hw(void *ctx, const uint8_t *bytes, size_t length)
{
    grid_hw *hw = (grid_hw *)ctx;
    hw->write(hw->ctx, bytes, length);
}

static void discard(void *ctx, const uint8_t *bytes, size_t length)
{
    (void)ctx;
    (void)bytes;
    (void)length;
}

/* micros() wraps every 71 minutes; the protocol's device time must not (PROTOCOL.md 4.2). */
static void clock_update(grid_mat *mat, grid_hw *hw)
{
    uint32_t m = hw->micros(hw->ctx);
    mat->now_us += (uint32_t)(m - mat->last_micros);
    mat->last_micros = m;
}

static void send_info(grid_mat *mat, grid_hw *hw)
{
    /* A 0x00 before each message: noise on the line ends there instead of taking the message. */
    hw->write(hw->ctx, &DELIMITER, 1u);
    (void)acumat_stream_device_info(to_hw, hw, &grid_device_info);
    /* Right after every device-info: how the cells run and what kind of mat this is. */
    hw->write(hw->ctx, &DELIMITER, 1u);
    (void)acumat_stream_mat_layout(to_hw, hw, GRID_CELL_ORDER, GRID_LAYOUT);
    mat->stats.infos++;
    mat->next_info_us = mat->now_us + GRID_INFO_PERIOD_US;
}

static void scan(grid_mat *mat, grid_hw *hw)
{
    uint8_t r;
    uint8_t c;
    for (r = 0; r < GRID_ROWS; r++) {
        hw->select_row(hw->ctx, r);
        for (c = 0; c < GRID_COLS; c++) {
            mat->cells[r * GRID_COLS + c] = grid_cell_value(hw->read_col(hw->ctx, c));
        }
    }
    /* Nothing driven between scans: no current through the sheet while it is not read. */
    hw->select_row(hw->ctx, GRID_ROW_NONE);
}

/* Writes v in decimal at p; returns the position after it. */
static char *put_decimal(char *p, uint32_t v)
{
    char digits[10];
    uint8_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    while (n > 0u) {
        *p++ = digits[--n];
    }
    return p;
}

static char *put_text(char *p, const char *s)
{
    while (*s != '\0') {
        *p++ = *s++;
    }
    return p;
}

/* "max raw 412 at row 7 col 9, 5 cells loaded": the figure the calibration records. */
static void send_text(grid_mat *mat, grid_hw *hw)
{
    char line[64];
    char *p = line;
    uint16_t i;
    uint16_t best = 0;
    uint16_t loaded = 0;
    for (i = 0; i < GRID_CELLS; i++) {
        if (mat->cells[i] > mat->cells[best]) {
            best = i;
        }
        if (mat->cells[i] != 0u) {
            loaded++;
        }
    }
    p = put_text(p, "max raw ");
    p = put_decimal(p, mat->cells[best]);
    p = put_text(p, " at row ");
    p = put_decimal(p, (uint32_t)(best / GRID_COLS));
    p = put_text(p, " col ");
    p = put_decimal(p, (uint32_t)(best % GRID_COLS));
    p = put_text(p, ", ");
    p = put_decimal(p, loaded);
    p = put_text(p, " cells loaded\r\n");
    hw->write(hw->ctx, (const uint8_t *)line, (size_t)(p - line));
}

int grid_start(grid_mat *mat, grid_hw *hw, uint8_t text_mode)
{
    /* The encoder sends nothing for a device-info the host would reject: better to stop
       here than to run as a mat the gateway ignores. */
    if (acumat_stream_device_info(discard, NULL, &grid_device_info) == 0u) {
        return 0;
    }
    acumat_rx_init(&mat->rx);
    mat->stats.frames = 0u;
    mat->stats.infos = 0u;
    mat->stats.infos_requested = 0u;
    mat->stats.rx_rejected = 0u;
    mat->stats.late_scans = 0u;
    mat->now_us = 0u;
    mat->last_micros = hw->micros(hw->ctx);
    mat->sequence = 0u;
    mat->info_requested = 0u;
    mat->text_mode = text_mode;
    mat->next_scan_us = 0u;
    mat->next_text_us = 0u;
    hw->select_row(hw->ctx, GRID_ROW_NONE);
    if (!text_mode) {
        /* The start-up delimiter: the host's receiver syncs on it, so the device-info counts. */
        hw->write(hw->ctx, &DELIMITER, 1u);
        send_info(mat, hw);
    }
    return 1;
}

static void read_host(grid_mat *mat, grid_hw *hw)
{
    int b;
    while ((b = hw->read_byte(hw->ctx)) >= 0) {
        int got = acumat_rx_byte(&mat->rx, (uint8_t)b);
        if (got == ACUMAT_RX_INFO_REQUEST) {
            mat->info_requested = 1u;
        } else if (got == ACUMAT_RX_REJECTED) {
            mat->stats.rx_rejected++;
        }
    }
}

void grid_poll(grid_mat *mat, grid_hw *hw)
{
    uint64_t due;
    uint64_t started;
    clock_update(mat, hw);
    read_host(mat, hw);

    /* Whole messages only, between frames (PROTOCOL.md 9.1): the device-info goes first. */
    if (!mat->text_mode && (mat->info_requested || mat->now_us >= mat->next_info_us)) {
        if (mat->info_requested) {
            mat->stats.infos_requested++;
            mat->info_requested = 0u;
        }
        send_info(mat, hw);
    }
    if (mat->now_us < mat->next_scan_us) {
        return;
    }

    due = mat->next_scan_us;
    started = mat->now_us;
    scan(mat, hw);
    if (mat->text_mode) {
        if (started >= mat->next_text_us) {
            send_text(mat, hw);
            mat->next_text_us = started + GRID_TEXT_PERIOD_US;
        }
    } else {
        hw->write(hw->ctx, &DELIMITER, 1u);
        (void)acumat_stream_frame(to_hw, hw, mat->sequence, started, GRID_ROWS, GRID_COLS, mat->cells);
        mat->stats.frames++;
    }
    /* Every scan gets a sequence number, as the protocol counts scans. */
    mat->sequence++;
    /* On time: keep the phase, so the rate is exact. A whole interval late (a stall): start
       counting from now rather than sending a burst of frames to catch up. */
    if (started - due >= GRID_FRAME_INTERVAL_US) {
        mat->stats.late_scans++;
        mat->next_scan_us = started + GRID_FRAME_INTERVAL_US;
    } else {
        mat->next_scan_us = due + GRID_FRAME_INTERVAL_US;
    }
}
