"""Reader of the replay format (simulator/SIMULATOR.md, "Recordings"): what ``acumat export`` writes and
``acumat analyze`` and ``acumat simulate --replay`` read.

A recording is text: integers separated by tabs, spaces or commas; ``#`` lines are comments; a
frame is one line of ``rows x cols`` values or ``rows`` lines of ``cols`` values; gzip is known
by its first two bytes. An exported file starts with a ``# acumat-replay 1 key=value ...``
header. When the header says ``frame_times=1``, each frame is preceded by a comment line
``#@ SEQUENCE DEVICE_TIME_US TIME_US``: the mat's sequence number, its clock, and the frame's
wall-clock time in microseconds since the epoch. Readers that do not know it skip it as a
comment, so the file stays a plain recording for them.
"""

import gzip
import io
import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

from .wire import CalibrationPoint

HEADER_MARK = "# acumat-replay"
TIMES_MARK = "#@"
_SEPARATORS = re.compile(r"[\t ,]+")


class ReplayFormatError(ValueError):
    """A recording that does not follow the format; the message names the line."""


@dataclass(frozen=True)
class ReplayHeader:
    """What an exported recording says about itself (unknown keys are kept in ``extra``)."""
    rows: int
    cols: int
    row_pitch_mm: float
    col_pitch_mm: float
    hz: float
    adc_bits: int
    calibration: Tuple[CalibrationPoint, ...]
    mat: Optional[str]
    session: Optional[str]
    first_ms: Optional[int]
    order: str
    frame_times: bool
    extra: Dict[str, str]


@dataclass(frozen=True)
class ReplayFrame:
    """One frame of a recording: its cells row-major, and its times when the file has them."""
    index: int
    rows: int
    cols: int
    values: Tuple[int, ...]
    sequence: Optional[int] = None
    device_time_us: Optional[int] = None
    time_us: Optional[int] = None

    def array(self):
        """The cells as a ``rows x cols`` NumPy array of uint16 (NumPy must be installed)."""
        import numpy
        return numpy.asarray(self.values, dtype=numpy.uint16).reshape(self.rows, self.cols)


def parse_header(line: str) -> ReplayHeader:
    """The header comment, ``# acumat-replay 1 rows=.. cols=.. ...``."""
    words = line[len(HEADER_MARK):].split()
    if not words or words[0] != "1":
        raise ReplayFormatError(f"unknown replay header version: {line.strip()}")
    keys = dict(w.split("=", 1) for w in words[1:] if "=" in w)
    try:
        calibration = tuple(
            CalibrationPoint(int(raw), int(pa))
            for raw, pa in (p.split(":") for p in keys.get("calibration", "").split(",") if p))
        known = {"rows", "cols", "row_pitch_mm", "col_pitch_mm", "hz", "adc_bits", "calibration", "mat",
                 "session", "first_ms", "order", "frame_times"}
        return ReplayHeader(
            rows=int(keys["rows"]), cols=int(keys["cols"]),
            row_pitch_mm=float(keys["row_pitch_mm"]), col_pitch_mm=float(keys["col_pitch_mm"]),
            hz=float(keys["hz"]), adc_bits=int(keys["adc_bits"]), calibration=calibration,
            mat=keys.get("mat"), session=keys.get("session"),
            first_ms=int(keys["first_ms"]) if "first_ms" in keys else None,
            order=keys.get("order", "none"), frame_times=keys.get("frame_times") == "1",
            extra={k: v for k, v in keys.items() if k not in known})
    except (KeyError, ValueError) as e:
        raise ReplayFormatError(f"bad replay header ({e}): {line.strip()}") from None


def _open_text(path: str) -> io.TextIOBase:
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    stream = gzip.open(path, "rb") if gzipped else open(path, "rb")
    # utf-8-sig skips a byte order mark; comments may hold UTF-8 text.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline=None)


class Recording:
    """A recording file: ``header`` (None for a plain recording) and its frames, streamed.

    ``rows``/``cols`` are needed for a file without a header; the header's win otherwise.
    """

    def __init__(self, path: str, rows: Optional[int] = None, cols: Optional[int] = None):
        self.path = path
        self.header: Optional[ReplayHeader] = None
        with _open_text(path) as f:
            for line in f:
                s = line.strip()
                if s.startswith(HEADER_MARK):
                    self.header = parse_header(s)
                    break
                if s and not s.startswith("#"):
                    break
        self.rows = self.header.rows if self.header else rows
        self.cols = self.header.cols if self.header else cols
        if not self.rows or not self.cols:
            raise ReplayFormatError(f"{path}: no acumat-replay header; give rows and cols")

    def frames(self) -> Iterator[ReplayFrame]:
        rows, cols = self.rows, self.cols
        cells = rows * cols
        matrix: Optional[bool] = None
        pending: List[int] = []
        times: Optional[Tuple[int, int, int]] = None
        index = 0
        with _open_text(self.path) as f:
            for number, line in enumerate(f, 1):
                s = line.strip()
                if not s:
                    continue
                if s.startswith(TIMES_MARK):
                    times = _times(s, self.path, number)
                    continue
                if s.startswith("#"):
                    continue
                try:
                    values = [int(v) for v in _SEPARATORS.split(s) if v]
                except ValueError:
                    raise ReplayFormatError(f"{self.path}:{number}: not a line of integers") from None
                if any(v < 0 or v > 65535 for v in values):
                    raise ReplayFormatError(f"{self.path}:{number}: a value outside 0..65535")
                if matrix is None:
                    if len(values) not in (cells, cols):
                        raise ReplayFormatError(
                            f"{self.path}:{number}: {len(values)} values; a frame is {rows} x {cols}")
                    matrix = len(values) != cells
                expected = cols if matrix else cells
                if len(values) != expected:
                    raise ReplayFormatError(f"{self.path}:{number}: {len(values)} values, expected {expected}")
                pending.extend(values)
                if len(pending) == cells:
                    seq, device, wall = times if times else (None, None, None)
                    yield ReplayFrame(index, rows, cols, tuple(pending), seq, device, wall)
                    index += 1
                    pending = []
                    times = None
        if pending:
            raise ReplayFormatError(f"{self.path}: ends inside a frame ({len(pending)} of {cells} values)")

    def arrays(self):
        """All frames as one NumPy array of shape (frames, rows, cols), uint16."""
        import numpy
        frames = [f.values for f in self.frames()]
        return numpy.asarray(frames, dtype=numpy.uint16).reshape(len(frames), self.rows, self.cols)


def _times(line: str, path: str, number: int) -> Tuple[int, int, int]:
    parts = line[len(TIMES_MARK):].split()
    try:
        seq, device, wall = (int(p) for p in parts)
    except ValueError:
        raise ReplayFormatError(f"{path}:{number}: a frame-times line is '#@ SEQUENCE DEVICE_TIME_US TIME_US'") from None
    return seq, device, wall


def read(path: str, rows: Optional[int] = None, cols: Optional[int] = None) -> Recording:
    """Opens a recording (see :class:`Recording`)."""
    return Recording(path, rows, cols)
