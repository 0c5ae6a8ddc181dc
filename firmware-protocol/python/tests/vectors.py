"""Parser of the vectors' .txt files (firmware-protocol/vectors/README.md, ".txt format")."""

import os

from acumat_protocol import wire

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "vectors")


def names():
    return sorted(f[:-4] for f in os.listdir(VECTORS) if f.endswith(".txt"))


def read_bin(name):
    with open(os.path.join(VECTORS, name + ".bin"), "rb") as f:
        return f.read()


def records(name):
    """The records of NAME.txt: ("error", KIND) or ("message", KIND, {key: value})."""
    out = []
    fields = None
    kind = None
    with open(os.path.join(VECTORS, name + ".txt"), encoding="ascii") as f:
        for line in f:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            key, _, value = s.partition(" ")
            value = value.strip()
            if fields is not None:
                if key == "end":
                    out.append(("message", kind, fields))
                    fields = None
                else:
                    fields[key] = value
            elif key == "error":
                out.append(("error", value))
            elif key == "message":
                kind, fields = value, {}
            else:
                raise ValueError(f"{name}.txt: unexpected line {s!r}")
    return out


def fields_of(message):
    """A decoded message as the .txt file writes it."""
    if isinstance(message, wire.InfoRequest):
        return "info_request", {}
    if isinstance(message, wire.MatLayout):
        return "mat_layout", {"cell_order": str(message.cell_order), "layout": str(message.layout)}
    if isinstance(message, wire.DeviceInfo):
        return "device_info", {
            "mat_id": message.mat_id,
            "firmware": ".".join(str(v) for v in message.firmware),
            "rows": str(message.rows), "cols": str(message.cols),
            "row_pitch_um": str(message.row_pitch_um), "col_pitch_um": str(message.col_pitch_um),
            "adc_bits": str(message.adc_bits), "frame_interval_us": str(message.frame_interval_us),
            "deadband": str(message.deadband),
            "calibration": " ".join(f"{p.raw}:{p.pressure_pa}" for p in message.calibration),
        }
    if isinstance(message, wire.PressureFrame):
        return "pressure_frame", {
            "sequence": str(message.sequence), "device_time_us": str(message.device_time_us),
            "rows": str(message.rows), "cols": str(message.cols),
            "encoding": "sparse" if message.encoding == wire.ENCODING_SPARSE else "dense",
            "values": " ".join(str(v) for v in message.values),
        }
    raise TypeError(message)


def message_of(kind, fields):
    """The message a .txt record describes (for the encoder's check)."""
    if kind == "info_request":
        return wire.InfoRequest()
    if kind == "mat_layout":
        return wire.MatLayout(int(fields["cell_order"]), int(fields["layout"]))
    if kind == "device_info":
        points = tuple(wire.CalibrationPoint(int(r), int(p))
                       for r, p in (x.split(":") for x in fields["calibration"].split()))
        return wire.DeviceInfo(fields["mat_id"], tuple(int(v) for v in fields["firmware"].split(".")),
                               int(fields["rows"]), int(fields["cols"]), int(fields["row_pitch_um"]),
                               int(fields["col_pitch_um"]), int(fields["adc_bits"]),
                               int(fields["frame_interval_us"]), int(fields["deadband"]), points)
    if kind == "pressure_frame":
        return wire.PressureFrame(int(fields["sequence"]), int(fields["device_time_us"]), int(fields["rows"]),
                                  int(fields["cols"]), 0, 0, tuple(int(v) for v in fields["values"].split()))
    raise ValueError(kind)
