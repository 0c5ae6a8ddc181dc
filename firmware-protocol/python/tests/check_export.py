"""Checks exports against what Kafka holds, frame by frame: run by the launcher's AnalyticsIT.

    python3 -m tests.check_export --bootstrap HOST:PORT --mat MAT FILE...

Reads every frame of MAT from acumat.frames (read committed) with the package's Kafka reader,
then every export FILE (replay text or npz) with the package's readers: each exported frame
must be a frame of Kafka with the same sequence number, device time, wall-clock time and cells,
the exported frames must be consecutive in Kafka (none left out inside the range), and each
file's calibration and pitch must be the mat's device-info's. Prints one line per file.
"""

import argparse
import sys

import numpy

from acumat_protocol import export, records


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--mat", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)

    kafka = list(records.read_topic(args.bootstrap, mat=args.mat))
    if not kafka:
        sys.exit(f"no frames of {args.mat} in Kafka")
    position = {(f.sequence, f.device_time_us): i for i, f in enumerate(kafka)}
    info = kafka[-1].info
    for path in args.files:
        data = export.load(path)
        frames = data["frames"]
        if len(frames) == 0:
            sys.exit(f"{path}: no frames")
        indexes = []
        for i in range(len(frames)):
            key = (int(data["sequence"][i]), int(data["device_time_us"][i]))
            if key not in position:
                sys.exit(f"{path}: frame {i} (sequence {key[0]}) is not in Kafka")
            k = kafka[position[key]]
            if not numpy.array_equal(frames[i], k.array()):
                sys.exit(f"{path}: frame {i} (sequence {key[0]}) differs from Kafka's")
            if int(data["time_us"][i]) != k.time_us:
                sys.exit(f"{path}: frame {i}: time_us {int(data['time_us'][i])}, Kafka's {k.time_us}")
            indexes.append(position[key])
        if indexes != list(range(indexes[0], indexes[0] + len(indexes))):
            sys.exit(f"{path}: the exported frames are not consecutive in Kafka")
        calibration = [[p.raw, p.pressure_pa] for p in info.calibration]
        if data["calibration"].tolist() != calibration:
            sys.exit(f"{path}: calibration {data['calibration'].tolist()}, the mat's {calibration}")
        pitch = [info.row_pitch_um / 1000.0, info.col_pitch_um / 1000.0]
        if [round(float(v), 3) for v in data["pitch_mm"]] != pitch:
            sys.exit(f"{path}: pitch {data['pitch_mm'].tolist()}, the mat's {pitch}")
        if str(data["mat_id"]) != args.mat:
            sys.exit(f"{path}: mat_id {data['mat_id']}")
        print(f"{path}: {len(frames)} frames equal to Kafka's (offsets {indexes[0]}..{indexes[-1]} of"
              f" {len(kafka)}), calibration and pitch the mat's")


if __name__ == "__main__":
    main(sys.argv[1:])
