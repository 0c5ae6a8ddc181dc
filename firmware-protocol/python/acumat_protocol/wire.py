"""The acumat mat protocol, version 1 (PROTOCOL.md beside this package): CRC-32C, COBS,
the message envelope and the bodies of the message types, decoding and encoding.

Pure standard library. Every check of PROTOCOL.md section 7 is made in its order, so a
stretch of bytes gives the same message or the same error kind here as in the Java and C
implementations; the test vectors keep the three in step.
"""

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

VERSION = 1
TYPE_DEVICE_INFO = 0x01
TYPE_PRESSURE_FRAME = 0x02
TYPE_MAT_LAYOUT = 0x03
TYPE_INFO_REQUEST = 0x81
KNOWN_TYPES = (TYPE_DEVICE_INFO, TYPE_PRESSURE_FRAME, TYPE_MAT_LAYOUT, TYPE_INFO_REQUEST)
MAT_LAYOUT_BODY = 2

#: ``cell_order`` bits of a mat_layout (PROTOCOL.md 4.4); the others are reserved.
FLIP_ROWS, FLIP_COLS, TRANSPOSE, SERPENTINE = 0x01, 0x02, 0x04, 0x08
#: ``layout`` values of a mat_layout; others are reserved and read as not stated.
LAYOUTS = {0: "not-stated", 1: "full-body", 2: "torso", 3: "lumbar-pad"}

HEADER_LEN = 6
CRC_LEN = 4
MIN_MESSAGE = HEADER_LEN + CRC_LEN
#: The largest body a receiver takes (section 3.3): a dense 256 x 256 frame.
MAX_BODY = 131090
#: The most stuffed bytes a message can take (section 7).
MAX_STUFFED = MIN_MESSAGE + MAX_BODY + (MIN_MESSAGE + MAX_BODY) // 254 + 1

FRAME_FIXED = 18
DEVICE_INFO_FIXED = 24
MAX_MAT_ID = 64
MAX_CALIBRATION = 32
MAX_DIMENSION = 256
MAX_PITCH_UM = 1_000_000
ENCODING_DENSE = 0
ENCODING_SPARSE = 1

#: The error kinds of section 7, in the words the vectors use.
OVERSIZE = "OVERSIZE"
BAD_FRAMING = "BAD_FRAMING"
TOO_SHORT = "TOO_SHORT"
BAD_CRC = "BAD_CRC"
UNKNOWN_VERSION = "UNKNOWN_VERSION"
BAD_LENGTH = "BAD_LENGTH"
UNKNOWN_TYPE = "UNKNOWN_TYPE"
MALFORMED = "MALFORMED"

_MAT_ID_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")


class DecodeError(ValueError):
    """A stretch of bytes that is not a message; ``kind`` is one of the section 7 kinds."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


# ---- CRC-32C (Castagnoli, reflected, polynomial 0x82F63B78) ------------------------------

def _crc_table() -> List[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def crc32c(data: bytes) -> int:
    """The CRC-32C of ``data`` (``crc32c(b"123456789") == 0xE3069283``)."""
    crc = 0xFFFFFFFF
    table = _CRC_TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


# ---- COBS ---------------------------------------------------------------------------------

def cobs_decode(stuffed: bytes) -> bytes:
    """Unstuffs one stretch (without its delimiter); BAD_FRAMING when a code points past its end."""
    out = bytearray()
    i = 0
    n = len(stuffed)
    while i < n:
        code = stuffed[i]
        if code == 0:
            raise DecodeError(BAD_FRAMING, "a zero byte inside a stretch")
        end = i + code
        if end > n:
            raise DecodeError(BAD_FRAMING, f"code {code} at {i} points past the end ({n})")
        out += stuffed[i + 1:end]
        i = end
        # A block shorter than 254 data bytes stands for a zero, except the last one.
        if code < 0xFF and i < n:
            out.append(0)
    return bytes(out)


def cobs_encode(data: bytes) -> bytes:
    """The canonical COBS stuffing of ``data`` (PROTOCOL.md 6.1), without delimiters."""
    out = bytearray([0])
    code_at = 0
    code = 1
    for b in data:
        if b == 0:
            out[code_at] = code
            code_at = len(out)
            out.append(0)
            code = 1
        else:
            out.append(b)
            code += 1
            if code == 0xFF:
                out[code_at] = code
                code_at = len(out)
                out.append(0)
                code = 1
    out[code_at] = code
    return bytes(out)


# ---- messages -----------------------------------------------------------------------------

@dataclass(frozen=True)
class CalibrationPoint:
    """A raw count and the pressure in pascals that gives it on this mat."""
    raw: int
    pressure_pa: int


@dataclass(frozen=True)
class DeviceInfo:
    """Who the mat is and how to read its frames (PROTOCOL.md 4.1)."""
    mat_id: str
    firmware: Tuple[int, int, int]
    rows: int
    cols: int
    row_pitch_um: int
    col_pitch_um: int
    adc_bits: int
    frame_interval_us: int
    deadband: int
    calibration: Tuple[CalibrationPoint, ...]

    @property
    def calibrated(self) -> bool:
        return len(self.calibration) > 0

    def pressure_pa(self, raw: int) -> Optional[float]:
        """The reference conversion of section 4.1: 0 for 0, clamped at both ends, linear between
        points; None for an uncalibrated mat (its values are raw counts, not pressures)."""
        points = self.calibration
        if not points:
            return None
        if raw == 0:
            return 0.0
        if raw <= points[0].raw:
            return float(points[0].pressure_pa)
        for lo, hi in zip(points, points[1:]):
            if raw <= hi.raw:
                return lo.pressure_pa + (hi.pressure_pa - lo.pressure_pa) * (raw - lo.raw) / (hi.raw - lo.raw)
        return float(points[-1].pressure_pa)


@dataclass(frozen=True)
class PressureFrame:
    """One scan of the grid (PROTOCOL.md 4.2): ``values`` row-major, row 0 at the head end."""
    sequence: int
    device_time_us: int
    rows: int
    cols: int
    encoding: int
    flags: int
    values: Tuple[int, ...]

    def array(self):
        """The cells as a ``rows x cols`` NumPy array of uint16 (NumPy must be installed)."""
        import numpy
        return numpy.asarray(self.values, dtype=numpy.uint16).reshape(self.rows, self.cols)


@dataclass(frozen=True)
class MatLayout:
    """How the mat's cells are wired and what kind of mat it is (PROTOCOL.md 4.4): the two bytes
    as sent, reserved bits and values included (a host ignores what it does not know)."""
    cell_order: int
    layout: int

    @property
    def kind(self) -> str:
        """``full-body``, ``torso``, ``lumbar-pad``, or ``not-stated`` (also for a reserved value)."""
        return LAYOUTS.get(self.layout, "not-stated")

    @property
    def steps(self) -> Tuple[str, ...]:
        """The cell order's steps in the order they are undone; empty for acumat's own order."""
        names = ((SERPENTINE, "serpentine"), (TRANSPOSE, "transpose"), (FLIP_ROWS, "flip-rows"),
                 (FLIP_COLS, "flip-cols"))
        return tuple(name for bit, name in names if self.cell_order & bit)


@dataclass(frozen=True)
class InfoRequest:
    """Host to device: "send your device-info now" (PROTOCOL.md 4.3)."""


Message = Union[DeviceInfo, PressureFrame, MatLayout, InfoRequest]


def _u16(b: bytes, at: int) -> int:
    return b[at] | b[at + 1] << 8


def _u32(b: bytes, at: int) -> int:
    return int.from_bytes(b[at:at + 4], "little")


def parse_message(message: bytes) -> Message:
    """Checks 2..7 of section 7 on an unstuffed message (header, body and CRC), in order."""
    if len(message) < MIN_MESSAGE:
        raise DecodeError(TOO_SHORT, f"{len(message)} bytes")
    if crc32c(message[:-CRC_LEN]) != _u32(message, len(message) - CRC_LEN):
        raise DecodeError(BAD_CRC)
    if message[0] != VERSION:
        raise DecodeError(UNKNOWN_VERSION, f"version {message[0]}")
    body_length = _u32(message, 2)
    if body_length != len(message) - MIN_MESSAGE or body_length > MAX_BODY:
        raise DecodeError(BAD_LENGTH, f"body_length {body_length}, {len(message) - MIN_MESSAGE} bytes")
    kind = message[1]
    body = message[HEADER_LEN:-CRC_LEN]
    if kind == TYPE_PRESSURE_FRAME:
        return _parse_frame(body)
    if kind == TYPE_DEVICE_INFO:
        return _parse_device_info(body)
    if kind == TYPE_MAT_LAYOUT:
        if len(body) != MAT_LAYOUT_BODY:
            raise DecodeError(BAD_LENGTH, f"mat_layout of {len(body)} bytes, not {MAT_LAYOUT_BODY}")
        return MatLayout(body[0], body[1])
    if kind == TYPE_INFO_REQUEST:
        if body:
            raise DecodeError(BAD_LENGTH, "info_request with a body")
        return InfoRequest()
    raise DecodeError(UNKNOWN_TYPE, f"type 0x{kind:02x}")


def _parse_frame(body: bytes) -> PressureFrame:
    if len(body) < FRAME_FIXED:
        raise DecodeError(BAD_LENGTH, "frame body shorter than 18 bytes")
    rows, cols = _u16(body, 12), _u16(body, 14)
    if not (1 <= rows <= MAX_DIMENSION and 1 <= cols <= MAX_DIMENSION):
        raise DecodeError(MALFORMED, f"geometry {rows} x {cols}")
    device_time = int.from_bytes(body[4:12], "little")
    if device_time >= 1 << 63:
        raise DecodeError(MALFORMED, "device_time_us >= 2^63")
    encoding = body[16]
    cells = rows * cols
    if encoding == ENCODING_DENSE:
        if len(body) != FRAME_FIXED + 2 * cells:
            raise DecodeError(BAD_LENGTH, f"dense {rows} x {cols} needs {FRAME_FIXED + 2 * cells} bytes")
        raw = body[FRAME_FIXED:]
        values = tuple(raw[i] | raw[i + 1] << 8 for i in range(0, 2 * cells, 2))
    elif encoding == ENCODING_SPARSE:
        values = _decode_sparse(body[FRAME_FIXED:], cells)
    else:
        raise DecodeError(MALFORMED, f"encoding {encoding}")
    return PressureFrame(_u32(body, 0), device_time, rows, cols, encoding, body[17], values)


def _read_varint(b: bytes, pos: int) -> Tuple[int, int]:
    value = 0
    for i in range(3):
        if pos >= len(b):
            raise DecodeError(MALFORMED, "varint truncated")
        x = b[pos]
        pos += 1
        value |= (x & 0x7F) << (7 * i)
        if not x & 0x80:
            return value, pos
    raise DecodeError(MALFORMED, "varint longer than 3 bytes")


def _decode_sparse(b: bytes, cells: int) -> Tuple[int, ...]:
    out = [0] * cells
    cell = pos = 0
    while cell < cells:
        zeros, pos = _read_varint(b, pos)
        literals, pos = _read_varint(b, pos)
        if zeros > cells - cell or literals > cells - cell - zeros:
            raise DecodeError(MALFORMED, "a run past the last cell")
        if zeros == 0 and literals == 0:
            raise DecodeError(MALFORMED, "an empty run")
        cell += zeros
        if 2 * literals > len(b) - pos:
            raise DecodeError(MALFORMED, "literal values missing")
        for _ in range(literals):
            out[cell] = b[pos] | b[pos + 1] << 8
            pos += 2
            cell += 1
    if pos != len(b):
        raise DecodeError(MALFORMED, f"{len(b) - pos} bytes after the last run")
    return tuple(out)


def _parse_device_info(body: bytes) -> DeviceInfo:
    id_len = body[0] if body else 0
    if len(body) < DEVICE_INFO_FIXED + id_len:
        raise DecodeError(BAD_LENGTH, "device_info shorter than its fixed fields")
    at = 1 + id_len
    n = body[at + 22]
    if len(body) != DEVICE_INFO_FIXED + id_len + 6 * n:
        raise DecodeError(BAD_LENGTH, f"device_info with {n} points needs {DEVICE_INFO_FIXED + id_len + 6 * n} bytes")
    mat_id = body[1:at]
    if not (1 <= id_len <= MAX_MAT_ID) or any(c not in _MAT_ID_BYTES for c in mat_id):
        raise DecodeError(MALFORMED, "mat_id")
    rows, cols = _u16(body, at + 3), _u16(body, at + 5)
    row_pitch, col_pitch = _u32(body, at + 7), _u32(body, at + 11)
    adc_bits = body[at + 15]
    if not (1 <= rows <= MAX_DIMENSION and 1 <= cols <= MAX_DIMENSION):
        raise DecodeError(MALFORMED, f"geometry {rows} x {cols}")
    if not (1 <= row_pitch <= MAX_PITCH_UM and 1 <= col_pitch <= MAX_PITCH_UM):
        raise DecodeError(MALFORMED, "pitch")
    if not 1 <= adc_bits <= 16:
        raise DecodeError(MALFORMED, f"adc_bits {adc_bits}")
    if n > MAX_CALIBRATION:
        raise DecodeError(MALFORMED, f"{n} calibration points")
    points = []
    for i in range(n):
        p = at + 23 + 6 * i
        point = CalibrationPoint(_u16(body, p), _u32(body, p + 2))
        if points and (point.raw <= points[-1].raw or point.pressure_pa < points[-1].pressure_pa):
            raise DecodeError(MALFORMED, "calibration not increasing")
        points.append(point)
    return DeviceInfo(mat_id.decode("ascii"), (body[at], body[at + 1], body[at + 2]), rows, cols,
                      row_pitch, col_pitch, adc_bits, _u32(body, at + 16), _u16(body, at + 20), tuple(points))


def decode_stretch(stuffed: bytes) -> Message:
    """A whole delimited stretch (without its 0x00), through every check of section 7."""
    return parse_message(cobs_decode(stuffed))


# ---- encoding -----------------------------------------------------------------------------

def _envelope(kind: int, body: bytes) -> bytes:
    head = bytes([VERSION, kind]) + len(body).to_bytes(4, "little") + body
    return head + crc32c(head).to_bytes(4, "little")


def _varint(v: int) -> bytes:
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _sparse(values: Sequence[int]) -> bytes:
    out = bytearray()
    i, n = 0, len(values)
    while i < n:
        start = i
        while i < n and values[i] == 0:
            i += 1
        zeros = i - start
        start = i
        while i < n and values[i] != 0:
            i += 1
        out += _varint(zeros) + _varint(i - start)
        for v in values[start:i]:
            out += v.to_bytes(2, "little")
    return bytes(out)


def encode_message(message: Message) -> bytes:
    """The unstuffed message (header, body, CRC), with the encoding choice of section 5.3."""
    if isinstance(message, InfoRequest):
        return _envelope(TYPE_INFO_REQUEST, b"")
    if isinstance(message, MatLayout):
        return _envelope(TYPE_MAT_LAYOUT, bytes([message.cell_order, message.layout]))
    if isinstance(message, PressureFrame):
        values = list(message.values)
        sparse = _sparse(values)
        dense_len = 2 * len(values)
        encoding = ENCODING_SPARSE if len(sparse) < dense_len else ENCODING_DENSE
        cells = sparse if encoding == ENCODING_SPARSE else b"".join(v.to_bytes(2, "little") for v in values)
        body = (message.sequence.to_bytes(4, "little") + message.device_time_us.to_bytes(8, "little")
                + message.rows.to_bytes(2, "little") + message.cols.to_bytes(2, "little")
                + bytes([encoding, 0]) + cells)
        return _envelope(TYPE_PRESSURE_FRAME, body)
    if isinstance(message, DeviceInfo):
        mat_id = message.mat_id.encode("ascii")
        body = (bytes([len(mat_id)]) + mat_id + bytes(message.firmware)
                + message.rows.to_bytes(2, "little") + message.cols.to_bytes(2, "little")
                + message.row_pitch_um.to_bytes(4, "little") + message.col_pitch_um.to_bytes(4, "little")
                + bytes([message.adc_bits]) + message.frame_interval_us.to_bytes(4, "little")
                + message.deadband.to_bytes(2, "little") + bytes([len(message.calibration)])
                + b"".join(p.raw.to_bytes(2, "little") + p.pressure_pa.to_bytes(4, "little")
                           for p in message.calibration))
        return _envelope(TYPE_DEVICE_INFO, body)
    raise TypeError(f"not a message: {message!r}")


def encode_wire(message: Message) -> bytes:
    """The bytes a transmitter sends for ``message``: its COBS stuffing and the 0x00 delimiter."""
    return cobs_encode(encode_message(message)) + b"\x00"
