/*
 * grid_host.c - the sketch's logic (grid_mat.c) on a PC, against a simulated grid instead of
 * the Arduino's pins: a person's lower back lying on the 16 x 16 pad, breathing. It writes
 * exactly the bytes the Arduino would, to a serial port or pty, or to stdout, and answers
 * the host's info_request from the port. For trying the gateway without hardware and for
 * the tests (README.md, "Without the board").
 *
 *   grid_host [--port PATH] [--frames N] [--virtual-clock] [--request-after N] [--text]
 *
 * --port PATH        read and write this tty or pty (default: write stdout, read nothing)
 * --frames N         stop after N frames (default: run until SIGINT or SIGTERM)
 * --virtual-clock    do not wait for real time: the clock advances by what each step would
 *                    take on the board, so N frames come out at once with their device times
 * --request-after N  feed the logic an info_request once frame N has been sent
 * --text             the calibration text mode (GRID_CALIBRATION_TEXT)
 *
 * Build (from the example folder; the encoder has its one home in ../../c):
 *   cc -std=c99 -O2 -I. -I../../c host/grid_host.c grid_mat.c ../../c/acumat_protocol.c -o grid_host
 * Compile with -DGRID_READING_FALLS_WITH_LOAD=1 for a sensor whose reading falls with load.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grid_config.h"
#include "grid_mat.h"

/* What a step costs on the board (README.md, "Frame rate"), for the virtual clock. */
#define ADC_READ_US 62u    /* analogRead at ADC clock / 64, plus the select and settle     */
#define BYTE_US 20u        /* 10 bits at 500000 baud                                     */
#define IDLE_STEP_US 100u  /* loop() with nothing to do, as the virtual clock sees it    */
/* Below this the simulated sheet does not conduct at all: the tails of the load stay 0. */
#define CONTACT_PA 400.0

typedef struct {
    int out_fd;
    int in_fd;              /* -1: nothing to read                                        */
    int virtual_clock;
    uint64_t now_us;        /* the virtual clock                                          */
    uint8_t row;            /* the driven row, GRID_ROW_NONE for none                     */
    uint32_t noise;         /* LCG state: the same run every time                         */
    uint8_t request[ACUMAT_INFO_REQUEST_WIRE_SIZE + 1u];
    size_t request_len;
    size_t request_pos;
    long request_after;     /* -1: never                                                  */
    const grid_mat *mat;
} fake_board;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static uint32_t next_noise(fake_board *b)
{
    b->noise = b->noise * 1664525u + 1013904223u;
    return b->noise >> 16;
}

/* An elliptical load centred at (r0, c0), radii (rr, rc), peak p Pa. */
static double blob(double r, double c, double r0, double c0, double rr, double rc, double p)
{
    double dr = (r - r0) / rr;
    double dc = (c - c0) / rc;
    return p * exp(-(dr * dr + dc * dc));
}

/*
 * Pressure on cell (r, c) at time t: the lower ribs and shoulder blades' lower edge along the
 * head end, a light touch of the muscles beside the spine where the back arches off the pad,
 * and the buttocks at the foot end. Breathing lifts the upper part a little every 4 s.
 */
static double pressure_pa(unsigned r, unsigned c, double t_s)
{
    double breath = 1.0 + 0.08 * sin(2.0 * 3.14159265358979 * t_s / 4.0);
    double rr = (double)r;
    double cc = (double)c;
    double p = breath * (blob(rr, cc, 1.0, 4.0, 2.0, 2.5, 6000.0) + blob(rr, cc, 1.0, 11.0, 2.0, 2.5, 6000.0));
    p += blob(rr, cc, 7.0, 6.0, 2.5, 1.0, 1500.0) + blob(rr, cc, 7.0, 9.0, 2.5, 1.0, 1500.0);
    p += blob(rr, cc, 13.0, 4.5, 2.5, 2.5, 12000.0) + blob(rr, cc, 13.0, 10.5, 2.5, 2.5, 12000.0);
    return p;
}

/* The sensor: the inverse of the calibration points, a raw count for a pressure. */
static uint16_t raw_for(double p)
{
    const acumat_device_info *info = &grid_device_info;
    uint8_t i;
    if (info->n_points == 0u || p < CONTACT_PA) {
        return 0u;
    }
    for (i = 1u; i < info->n_points; i++) {
        double p0 = (double)info->points[i - 1u].pressure_pa;
        double p1 = (double)info->points[i].pressure_pa;
        if (p <= p1) {
            double r0 = info->points[i - 1u].raw;
            double r1 = info->points[i].raw;
            double f = p1 > p0 ? (p - p0) / (p1 - p0) : 1.0;
            return (uint16_t)(r0 + (r1 - r0) * (f < 0.0 ? 0.0 : f));
        }
    }
    return info->points[info->n_points - 1u].raw;
}

static void board_select_row(void *ctx, uint8_t row)
{
    ((fake_board *)ctx)->row = row;
}

static uint16_t board_read_col(void *ctx, uint8_t col)
{
    fake_board *b = ctx;
    uint32_t noise = next_noise(b) % 7u; /* 0..6 counts: an empty cell stays under the deadband */
    uint32_t raw = 0u;
    if (b->row != GRID_ROW_NONE) {
        raw = raw_for(pressure_pa(b->row, col, (double)b->now_us / 1e6));
    }
    raw += noise;
    if (raw > GRID_ADC_MAX) {
        raw = GRID_ADC_MAX;
    }
    if (b->virtual_clock) {
        b->now_us += ADC_READ_US;
    }
#if GRID_READING_FALLS_WITH_LOAD
    return (uint16_t)(GRID_ADC_MAX - raw);
#else
    return (uint16_t)raw;
#endif
}

static uint32_t board_micros(void *ctx)
{
    fake_board *b = ctx;
    if (b->virtual_clock) {
        b->now_us += IDLE_STEP_US;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        b->now_us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    }
    return (uint32_t)b->now_us;
}

static int board_read_byte(void *ctx)
{
    fake_board *b = ctx;
    uint8_t byte;
    if (b->request_after >= 0 && b->mat->stats.frames >= (uint32_t)b->request_after) {
        if (b->request_pos < b->request_len) {
            return b->request[b->request_pos++];
        }
        b->request_after = -1;
    }
    if (b->in_fd >= 0 && read(b->in_fd, &byte, 1) == 1) {
        return byte;
    }
    return -1;
}

static void board_write(void *ctx, const uint8_t *bytes, size_t length)
{
    fake_board *b = ctx;
    size_t done = 0;
    while (done < length && !stop_requested) {
        ssize_t n = write(b->out_fd, bytes + done, length - done);
        if (n > 0) {
            done += (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            struct pollfd p = {b->out_fd, POLLOUT, 0};
            (void)poll(&p, 1, 100);
        } else {
            fprintf(stderr, "grid_host: write failed: %s\n", n < 0 ? strerror(errno) : "nothing written");
            exit(1);
        }
    }
    if (b->virtual_clock) {
        b->now_us += BYTE_US * (uint64_t)length;
    }
}

static long number(const char *option, const char *value)
{
    char *end;
    long n;
    if (value == NULL) {
        fprintf(stderr, "grid_host: %s needs a value\n", option);
        exit(2);
    }
    n = strtol(value, &end, 10);
    if (*end != '\0' || n < 0) {
        fprintf(stderr, "grid_host: %s must be a whole number >= 0, got %s\n", option, value);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    static grid_mat mat;
    fake_board board;
    grid_hw hw;
    const char *port = NULL;
    long frames = 0;
    int text = 0;
    int i;

    memset(&board, 0, sizeof board);
    board.out_fd = STDOUT_FILENO;
    board.in_fd = -1;
    board.row = GRID_ROW_NONE;
    board.noise = 12345u;
    board.request_after = -1;
    board.mat = &mat;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = argv[++i];
        } else if (strcmp(argv[i], "--frames") == 0) {
            frames = number(argv[i], argv[i + 1]);
            i++;
        } else if (strcmp(argv[i], "--request-after") == 0) {
            board.request_after = number(argv[i], argv[i + 1]);
            i++;
        } else if (strcmp(argv[i], "--virtual-clock") == 0) {
            board.virtual_clock = 1;
        } else if (strcmp(argv[i], "--text") == 0) {
            text = 1;
        } else {
            fprintf(stderr, "grid_host: unknown argument %s (usage: grid_host [--port PATH] [--frames N]"
                            " [--virtual-clock] [--request-after N] [--text])\n", argv[i]);
            return 2;
        }
    }
    if (port != NULL) {
        board.out_fd = open(port, O_RDWR | O_NOCTTY | O_NONBLOCK);
        if (board.out_fd < 0) {
            fprintf(stderr, "grid_host: cannot open %s: %s\n", port, strerror(errno));
            return 1;
        }
        board.in_fd = board.out_fd;
    }
    /* The host's request as it would arrive: a delimiter first, as hosts send it. */
    board.request[0] = ACUMAT_DELIMITER;
    board.request_len = 1u + acumat_encode_info_request(board.request + 1, sizeof board.request - 1u);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    hw.ctx = &board;
    hw.select_row = board_select_row;
    hw.read_col = board_read_col;
    hw.micros = board_micros;
    hw.read_byte = board_read_byte;
    hw.write = board_write;
    if (!grid_start(&mat, &hw, (uint8_t)text)) {
        fprintf(stderr, "grid_host: grid_config.h makes a device-info the host would reject\n");
        return 1;
    }
    fprintf(stderr, "grid_host: mat %s sending on %s\n", grid_device_info.mat_id, port != NULL ? port : "stdout");
    while (!stop_requested && (frames == 0 || (long)mat.sequence < frames)) {
        grid_poll(&mat, &hw);
        if (!board.virtual_clock) {
            /* Spinning like loop() would take a whole core of the PC for nothing. */
            struct timespec nap = {0, 500000};
            nanosleep(&nap, NULL);
        }
    }
    fprintf(stderr, "grid_host: mat %s, %u x %u: %lu frames, %lu device-infos (%lu on request),"
                    " %lu rejected host messages, %lu late scans\n",
            grid_device_info.mat_id, GRID_ROWS, GRID_COLS, (unsigned long)mat.stats.frames,
            (unsigned long)mat.stats.infos, (unsigned long)mat.stats.infos_requested,
            (unsigned long)mat.stats.rx_rejected, (unsigned long)mat.stats.late_scans);
    if (port != NULL) {
        close(board.out_fd);
    }
    return 0;
}
