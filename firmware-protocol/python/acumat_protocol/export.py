"""Files that ``acumat export`` writes: the replay format (text) and ``--format npz``.

An npz export is a NumPy zip that ``numpy.load`` opens without pickling:

==================  ===========================  ==============================================
array               shape, dtype                 content
==================  ===========================  ==============================================
``frames``          (N, rows, cols) uint16       raw counts, as the mat sent them
``sequence``        (N,) uint32                  the mat's sequence numbers
``device_time_us``  (N,) int64                   the mat's clock
``time_us``         (N,) int64                   wall clock, microseconds since the epoch
``calibration``     (n, 2) int64                 points as (raw, pascals); n = 0: raw counts
``pitch_mm``        (2,) float64                 row pitch, column pitch
``mat_id``          () str                       the mat id
``session_id``      () str                       the session's id (empty for a time range)
``order``           () str                       the mat's cell order (``none`` for acumat's)
==================  ===========================  ==============================================
"""

from typing import Dict

from .replay import Recording

NPZ_ARRAYS = ("frames", "sequence", "device_time_us", "time_us", "calibration", "pitch_mm", "mat_id", "session_id",
              "order")


def load(path: str) -> Dict[str, object]:
    """An export of either format as the arrays of the table above (NumPy needed).

    A text export without per-frame times gets ``sequence``, ``device_time_us`` and ``time_us``
    of -1 where its frames carry none.
    """
    import numpy
    with open(path, "rb") as f:
        zipped = f.read(4) == b"PK\x03\x04"
    if zipped:
        with numpy.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    recording = Recording(path)
    frames = list(recording.frames())
    header = recording.header
    n = len(frames)
    return {
        "frames": numpy.asarray([f.values for f in frames], dtype=numpy.uint16).reshape(n, recording.rows, recording.cols),
        "sequence": numpy.asarray([-1 if f.sequence is None else f.sequence for f in frames], dtype=numpy.int64),
        "device_time_us": numpy.asarray([-1 if f.device_time_us is None else f.device_time_us for f in frames],
                                        dtype=numpy.int64),
        "time_us": numpy.asarray([-1 if f.time_us is None else f.time_us for f in frames], dtype=numpy.int64),
        "calibration": numpy.asarray([(p.raw, p.pressure_pa) for p in header.calibration] if header else [],
                                     dtype=numpy.int64).reshape(-1, 2),
        "pitch_mm": numpy.asarray([header.row_pitch_mm, header.col_pitch_mm] if header else [float("nan")] * 2),
        "mat_id": numpy.asarray((header.mat if header else None) or ""),
        "session_id": numpy.asarray((header.session if header else None) or ""),
        "order": numpy.asarray(header.order if header else "none"),
    }
