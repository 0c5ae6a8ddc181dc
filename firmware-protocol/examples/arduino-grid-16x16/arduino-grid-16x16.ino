/*
 * arduino-grid-16x16 - a 16 x 16 Velostat/FSR pressure grid on an Arduino Uno or Nano
 * (ATmega328P, 16 MHz), speaking the acumat mat protocol to the gateway.
 *
 * This file is only the Arduino side of the hardware interface (grid_hw): pins, the ADC and
 * Serial. What to scan and send when is in grid_mat.c, which also builds on a PC against a
 * simulated grid (host/grid_host.c). Settings: grid_config.h. Wiring and calibration:
 * README.md. Before opening the sketch in the Arduino IDE, copy the protocol encoder in:
 * ./copy-encoder (README.md, "Building").
 */
#include "grid_config.h"
#include "grid_mat.h"

/* Two 74HC595 shift registers, cascaded, drive the 16 row strips (README.md, "Wiring"). */
static const uint8_t PIN_ROW_DATA = 8;   /* 74HC595 #1 pin 14 (DS)   */
static const uint8_t PIN_ROW_CLOCK = 9;  /* both pin 11 (SH_CP)      */
static const uint8_t PIN_ROW_LATCH = 10; /* both pin 12 (ST_CP)      */

/*
 * The column multiplexer's select lines S0..S3 are Arduino pins 4..7, which are bits 4..7
 * of port D: one port write selects a column (digitalWrite would take 4 x 4 us a cell).
 */
static const uint8_t PIN_COL_S0 = 4;
static const uint8_t PIN_COL_SIG = A0;   /* CD74HC4067 pin 1 (SIG), with the pull-down */

/* After a column switch, time for the line to settle before the ADC samples it. */
static const uint8_t SETTLE_US = 5;

static grid_mat mat;

static void select_row(void *ctx, uint8_t row)
{
    (void)ctx;
    uint16_t bits = row == GRID_ROW_NONE ? 0u : (uint16_t)(1u << row);
    digitalWrite(PIN_ROW_LATCH, LOW);
    /* The second register's outputs (rows 8..15) are shifted out first. */
    shiftOut(PIN_ROW_DATA, PIN_ROW_CLOCK, MSBFIRST, (uint8_t)(bits >> 8));
    shiftOut(PIN_ROW_DATA, PIN_ROW_CLOCK, MSBFIRST, (uint8_t)bits);
    digitalWrite(PIN_ROW_LATCH, HIGH);
}

static uint16_t read_col(void *ctx, uint8_t col)
{
    (void)ctx;
    PORTD = (uint8_t)((PORTD & 0x0Fu) | (uint8_t)(col << 4));
    delayMicroseconds(SETTLE_US);
    return (uint16_t)analogRead(PIN_COL_SIG);
}

static uint32_t clock_micros(void *ctx)
{
    (void)ctx;
    return micros();
}

static int read_byte(void *ctx)
{
    (void)ctx;
    return Serial.read();
}

static void write_bytes(void *ctx, const uint8_t *bytes, size_t length)
{
    (void)ctx;
    Serial.write(bytes, length); /* blocks while the 64-byte transmit buffer is full */
}

static grid_hw hw = {NULL, select_row, read_col, clock_micros, read_byte, write_bytes};

void setup()
{
    pinMode(PIN_ROW_DATA, OUTPUT);
    pinMode(PIN_ROW_CLOCK, OUTPUT);
    pinMode(PIN_ROW_LATCH, OUTPUT);
    for (uint8_t i = 0; i < 4; i++) {
        pinMode(PIN_COL_S0 + i, OUTPUT);
    }
    /*
     * ADC clock 16 MHz / 64 = 250 kHz instead of the core's / 128: a conversion in 52 us
     * instead of 104, so a scan takes about 20 ms instead of 30. Slightly above the 200 kHz
     * the datasheet gives for full 10-bit accuracy; the sheet's noise is far larger.
     */
    ADCSRA = (uint8_t)((ADCSRA & ~0x07u) | 0x06u);
    Serial.begin(GRID_BAUD);
    if (!grid_start(&mat, &hw, GRID_CALIBRATION_TEXT)) {
        /* grid_config.h describes a device-info the host would reject: say so, in text. */
        for (;;) {
            Serial.println(F("grid_config.h: the mat id, pitch or calibration points are invalid"));
            delay(2000);
        }
    }
}

void loop()
{
    grid_poll(&mat, &hw);
}
