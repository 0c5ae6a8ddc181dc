"""The decoder and the encoder against every test vector: the files the Java and C tests use."""

import random
import unittest

from acumat_protocol import StreamDecoder, Rejected, wire
from tests import vectors


def decoded(data, chunk=None):
    decoder = StreamDecoder()
    out = []
    if chunk is None:
        out = decoder.feed(data)
    else:
        for i in range(0, len(data), chunk):
            out.extend(decoder.feed(data[i:i + chunk]))
    result = []
    for o in out:
        if isinstance(o, Rejected):
            result.append(("error", o.kind))
        else:
            kind, fields = vectors.fields_of(o)
            result.append(("message", kind, fields))
    return result


class VectorTest(unittest.TestCase):
    def test_there_are_vectors(self):
        self.assertIn("stream_with_errors", vectors.names())
        self.assertGreaterEqual(len(vectors.names()), 14)

    def test_every_vector_decodes_to_its_records(self):
        for name in vectors.names():
            with self.subTest(vector=name):
                self.assertEqual(decoded(vectors.read_bin(name)), vectors.records(name))

    def test_chunking_does_not_matter(self):
        for name in vectors.names():
            data = vectors.read_bin(name)
            for chunk in (1, 3, 254, 255):
                with self.subTest(vector=name, chunk=chunk):
                    self.assertEqual(decoded(data, chunk), vectors.records(name))

    def test_encoder_reproduces_every_single_message_vector(self):
        for name in vectors.names():
            records = vectors.records(name)
            if len(records) != 1 or records[0][0] != "message":
                continue
            with self.subTest(vector=name):
                _, kind, fields = records[0]
                message = vectors.message_of(kind, fields)
                self.assertEqual(wire.encode_wire(message), vectors.read_bin(name)[1:])

    def test_crc32c_check_value(self):
        self.assertEqual(wire.crc32c(b"123456789"), 0xE3069283)


class RobustnessTest(unittest.TestCase):
    def test_oversize_is_reported_once_and_the_next_message_decodes(self):
        good = vectors.read_bin("frame_2x3_dense")
        decoder = StreamDecoder()
        out = decoder.feed(b"\x00" + b"\x01" * (wire.MAX_STUFFED + 10) + good)
        self.assertEqual([type(o) for o in out], [Rejected, wire.PressureFrame])
        self.assertEqual(out[0].kind, wire.OVERSIZE)

    def test_random_bytes_never_raise(self):
        rng = random.Random(7)
        decoder = StreamDecoder()
        for _ in range(200):
            decoder.feed(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        out = decoder.feed(vectors.read_bin("frame_8x6_sparse"))
        self.assertIsInstance(out[-1], wire.PressureFrame)

    def test_calibration_is_the_reference_conversion(self):
        info = wire.decode_stretch(vectors.read_bin("device_info_calibrated")[1:-1])
        self.assertEqual(info.pressure_pa(0), 0.0)
        self.assertEqual(info.pressure_pa(5), 0.0)
        self.assertEqual(info.pressure_pa(200), 1000.0)
        self.assertAlmostEqual(info.pressure_pa(425), 2250.0)
        self.assertEqual(info.pressure_pa(65535), 120000.0)


if __name__ == "__main__":
    unittest.main()
