/*
 * grid_config.h - what you change for your own mat: its id, its size on the floor, the wire
 * speed, the deadband and the calibration points. README.md says how to find each value.
 * Everything else in the sketch follows from these.
 */
#ifndef GRID_CONFIG_H
#define GRID_CONFIG_H

/*
 * The mat's id: 1..64 characters of A-Z a-z 0-9 . _ : -, unique among your mats and stable
 * across power cycles. It keys the mat's records in Kafka and its history.
 */
#define GRID_MAT_ID "grid16-0001"

/* This sketch's version, sent in the device-info. */
#define GRID_FW_MAJOR 1
#define GRID_FW_MINOR 0
#define GRID_FW_PATCH 0

/* Distance between the centres of adjacent row strips and column strips, micrometres. */
#define GRID_ROW_PITCH_UM 25000ul
#define GRID_COL_PITCH_UM 25000ul

/*
 * How the cells run (ACUMAT_CELL_ORDER_* bits of acumat_protocol.h: flip-rows, flip-cols,
 * transpose, serpentine) when the wiring does not match acumat's order (row 0 at the head end,
 * column 0 under the supine person's right), and what kind of mat this is: 40 x 40 cm under the
 * lower back is a lumbar pad (ACUMAT_LAYOUT_FULL_BODY or _TORSO for larger grids). Sent in a
 * mat_layout message after every device-info (PROTOCOL.md 4.4).
 */
#define GRID_CELL_ORDER ACUMAT_CELL_ORDER_NONE
#define GRID_LAYOUT ACUMAT_LAYOUT_LUMBAR_PAD

/*
 * Frames per second, as the time between two scans. 20 Hz: a scan (256 conversions) and a
 * dense frame at GRID_BAUD take about 31 ms of the 50 (README.md, "Frame rate").
 */
#define GRID_FRAME_INTERVAL_US 50000ul

/* 500000 baud is exact on a 16 MHz AVR (UBRR 3 with U2X); the gateway needs --baud 500000. */
#define GRID_BAUD 500000ul

/*
 * 1 when the ADC reading falls as the load rises (the divider's resistor is a pull-up, or
 * the rows are driven low): the sketch then sends 1023 - reading. With the wiring of
 * README.md (rows driven high, a pull-down on the column line) the reading rises: 0.
 */
#ifndef GRID_READING_FALLS_WITH_LOAD
#define GRID_READING_FALLS_WITH_LOAD 0
#endif

/* Counts (after any inversion) at or below this are sent as 0: the empty mat's noise. */
#define GRID_DEADBAND 12u

/*
 * Calibration points {raw count, pressure in Pa}: raw strictly increasing, pressure never
 * decreasing (PROTOCOL.md 4.1). The first is the contact threshold, one count above the
 * deadband. THESE ARE EXAMPLE VALUES: measure your mat with known weights (README.md,
 * "Calibration with known weights") and put yours here, or delete this define to send
 * none (raw counts only).
 */
#define GRID_CALIBRATION_POINTS \
    { {13u, 0ul}, {150u, 2000ul}, {330u, 5000ul}, {520u, 10000ul}, \
      {690u, 20000ul}, {820u, 40000ul}, {930u, 80000ul} }

/*
 * 1: instead of protocol frames, print one text line every half second with the strongest
 * cell and its raw count, for the Arduino IDE's Serial Monitor while calibrating
 * (README.md). 0 for use with the gateway.
 */
#define GRID_CALIBRATION_TEXT 0

#endif /* GRID_CONFIG_H */
