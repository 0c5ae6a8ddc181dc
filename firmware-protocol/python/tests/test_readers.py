"""The recording reader, the export loader and the Kafka record assembler."""

import gzip
import os
import tempfile
import unittest

from acumat_protocol import FrameAssembler, Recording, ReplayFormatError, export, wire

try:
    import numpy
except ImportError:  # the package works without NumPy; these checks then skip, unless the build requires them
    if os.environ.get("ACUMAT_REQUIRE_NUMPY"):
        raise
    numpy = None

HEADER = ("# acumat-replay 1 rows=2 cols=3 row_pitch_mm=28.000 col_pitch_mm=35.000 hz=25.000 adc_bits=12 "
          "calibration=13:0,4000:120000 mat=mat-7 session=mat-7.1795592005000 first_ms=1795591995000 "
          "frame_times=1 future_key=x")


class RecordingTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, text, gz=False):
        path = os.path.join(self.dir.name, name)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(gzip.compress(data) if gz else data)
        return path

    def test_export_with_header_and_frame_times(self):
        path = self.write("s.txt", HEADER + "\n#@ 7 280000 1795591995000000\n1\t2\t3\t4\t5\t6\n"
                          "#@ 8 320000 1795591995040000\n0\t0\t0\t0\t0\t65535\n")
        recording = Recording(path)
        self.assertEqual(recording.header.mat, "mat-7")
        self.assertEqual(recording.header.calibration[1].pressure_pa, 120000)
        self.assertEqual(recording.header.extra, {"future_key": "x"})
        frames = list(recording.frames())
        self.assertEqual([f.sequence for f in frames], [7, 8])
        self.assertEqual(frames[1].time_us, 1795591995040000)
        self.assertEqual(frames[0].values, (1, 2, 3, 4, 5, 6))

    def test_plain_matrix_layout_gzip_bom_and_separators(self):
        path = self.write("m.txt.gz", "\ufeff# a comment\n1, 2, 3\n4;5;6\n".replace(";", " ") + "\n7\t8\t9,\r\n1 1 1\n",
                          gz=True)
        frames = list(Recording(path, rows=2, cols=3).frames())
        self.assertEqual([f.values for f in frames], [(1, 2, 3, 4, 5, 6), (7, 8, 9, 1, 1, 1)])
        self.assertIsNone(frames[0].sequence)

    def test_errors_name_the_line(self):
        path = self.write("bad.txt", HEADER + "\n1 2 3 4 5\n")
        with self.assertRaisesRegex(ReplayFormatError, r"bad.txt:2: 5 values"):
            list(Recording(path).frames())
        with self.assertRaisesRegex(ReplayFormatError, "give rows and cols"):
            Recording(self.write("plain.txt", "1 2 3\n"))

    @unittest.skipIf(numpy is None, "NumPy is not installed")
    def test_export_load_of_text(self):
        path = self.write("s.txt", HEADER + "\n#@ 7 280000 1795591995000000\n1 2 3 4 5 6\n")
        data = export.load(path)
        self.assertEqual(data["frames"].shape, (1, 2, 3))
        self.assertEqual(data["frames"].dtype, numpy.uint16)
        self.assertEqual(int(data["time_us"][0]), 1795591995000000)
        self.assertEqual(str(data["mat_id"]), "mat-7")
        self.assertEqual(data["calibration"].tolist(), [[13, 0], [4000, 120000]])

    @unittest.skipIf(numpy is None, "NumPy is not installed")
    def test_export_load_of_npz(self):
        path = os.path.join(self.dir.name, "s.npz")
        numpy.savez(path, frames=numpy.zeros((2, 2, 3), numpy.uint16), sequence=numpy.array([1, 2], numpy.uint32),
                    mat_id=numpy.array("mat-7"))
        data = export.load(path)
        self.assertEqual(str(data["mat_id"]), "mat-7")
        self.assertEqual(data["sequence"].tolist(), [1, 2])


class FrameAssemblerTest(unittest.TestCase):
    INFO = wire.DeviceInfo("mat-7", (1, 0, 0), 2, 3, 28000, 35000, 12, 40000, 0,
                           (wire.CalibrationPoint(13, 0), wire.CalibrationPoint(4013, 100000)))

    def test_frames_carry_time_and_the_latest_calibration(self):
        frame = wire.PressureFrame(5, 40000, 2, 3, 0, 0, (0, 13, 2013, 4013, 9000, 0))
        headers = [("acumat.encoding", b"1"), ("acumat.clock-anchor-us", b"1795591995000000")]
        assembler = FrameAssembler()
        records = [(b"mat-7", wire.encode_message(frame), headers),
                   (b"mat-7", wire.encode_message(self.INFO), headers),
                   (b"mat-7", wire.encode_message(wire.MatLayout(0x0a, 3)), headers),
                   (b"mat-7", wire.encode_message(frame), headers)]
        frames = list(assembler.frames(records))
        self.assertEqual(len(frames), 2)
        self.assertIsNone(frames[0].info)
        self.assertEqual(frames[1].info, self.INFO)
        self.assertEqual(frames[1].layout.kind, "lumbar-pad")
        self.assertEqual(frames[1].layout.steps, ("serpentine", "flip-cols"))
        self.assertEqual(frames[1].time_us, 1795591995040000)
        self.assertEqual(frames[1].frame.values, frame.values)
        if numpy is not None:
            self.assertEqual(frames[1].pressure_kpa().tolist(), [[0.0, 0.0, 50.0], [100.0, 100.0, 0.0]])
            self.assertIsNone(frames[0].pressure_kpa())

    def test_foreign_records_are_skipped_and_counted(self):
        frame = wire.encode_message(wire.PressureFrame(1, 0, 1, 1, 0, 0, (3,)))
        assembler = FrameAssembler()
        records = [(None, frame, ()), (b"mat-7", None, ()), (b"mat-7", b"not a message", ()),
                   (b"mat-7", frame, [("acumat.encoding", b"2")]), (b"\xff\xfe", frame, ()),
                   (b"mat-7", frame[:-1] + bytes([frame[-1] ^ 1]), ()), (b"mat-7", frame, ())]
        frames = list(assembler.frames(records))
        self.assertEqual(len(frames), 1)
        self.assertEqual(assembler.skipped, 6)


if __name__ == "__main__":
    unittest.main()
