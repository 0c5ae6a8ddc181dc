"""Plots an acumat export: where the body pressed (mean pressure map) and how much of the mat
it covered, frame by frame, against the frames' wall-clock time.

    python3 examples/plot_session.py session.npz session.png

Needs NumPy and matplotlib (Debian: python3-numpy python3-matplotlib). Run from
firmware-protocol/python, or put that directory on PYTHONPATH.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt
import numpy

from acumat_protocol import export


def main(source, target):
    data = export.load(source)
    frames = data["frames"].astype(numpy.float64)
    calibration = data["calibration"]
    if len(calibration):
        # The reference conversion of PROTOCOL.md 4.1: linear between points, clamped, 0 stays 0.
        kpa = numpy.interp(frames, calibration[:, 0], calibration[:, 1]) / 1000.0
        kpa[frames == 0] = 0.0
        values, unit = kpa, "kPa"
    else:
        values, unit = frames, "raw counts"
    contact = (frames > 0).mean(axis=(1, 2))
    seconds = (data["time_us"] - data["time_us"][0]) / 1e6

    row_mm, col_mm = (float(v) for v in data["pitch_mm"])
    rows, cols = frames.shape[1:]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5), gridspec_kw={"width_ratios": [1, 2.2]})
    image = left.imshow(values.mean(axis=0), cmap="viridis", origin="upper",
                        extent=(0, cols * col_mm / 10, rows * row_mm / 10, 0))
    left.set_title("mean pressure")
    left.set_xlabel("across the mat (cm)")
    left.set_ylabel("from the head end (cm)")
    fig.colorbar(image, ax=left, label=unit, shrink=0.8)
    right.plot(seconds, 100 * contact, linewidth=0.8)
    right.set_xlabel("time (s)")
    right.set_ylabel("cells in contact (%)")
    right.set_title(f"{data['mat_id']}: {len(frames)} frames")
    right.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(target, dpi=90)
    print(f"{target}: {len(frames)} frames, {seconds[-1]:.0f} s, mean contact {100 * contact.mean():.1f} %")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: plot_session.py EXPORT.npz|EXPORT.txt OUT.png")
    main(sys.argv[1], sys.argv[2])
