"""Frames from the ``acumat.frames`` Kafka topic (docs/TOPICS.md in the acumat repository).

A record's key is the mat id, its value one protocol message exactly as the mat sent it (a
pressure frame, or the mat's device-info and mat_layout, forwarded every few seconds), and its header
``acumat.clock-anchor-us`` the wall-clock microseconds at the mat's device time 0. A
:class:`FrameAssembler` turns records into :class:`MatFrame` objects that carry the
calibration of the latest device-info of their mat. :func:`read_topic` reads a topic with
confluent-kafka (Debian: python3-confluent-kafka) where it is installed.
"""

from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, Optional, Sequence, Tuple

from . import wire

TOPIC = "acumat.frames"
HEADER_ENCODING = "acumat.encoding"
HEADER_CLOCK_ANCHOR = "acumat.clock-anchor-us"
ENCODING_PROTOCOL_V1 = "1"


@dataclass(frozen=True)
class MatFrame:
    """A pressure frame of a named mat, with its time and the mat's latest device-info."""
    mat_id: str
    frame: wire.PressureFrame
    time_us: Optional[int]
    info: Optional[wire.DeviceInfo]
    partition: Optional[int] = None
    offset: Optional[int] = None
    #: The mat's latest mat_layout (cell order, kind of mat), None when it sent none.
    layout: Optional[wire.MatLayout] = None

    @property
    def sequence(self) -> int:
        return self.frame.sequence

    @property
    def device_time_us(self) -> int:
        return self.frame.device_time_us

    def array(self):
        """The raw counts as a ``rows x cols`` NumPy uint16 array."""
        return self.frame.array()

    def pressure_kpa(self):
        """The cells in kPa through the mat's calibration (PROTOCOL.md 4.1), as a NumPy float
        array; None when the mat is uncalibrated or its device-info has not been seen yet."""
        if self.info is None or not self.info.calibrated:
            return None
        import numpy
        points = self.info.calibration
        raw = self.array().astype(numpy.float64)
        xs = numpy.array([p.raw for p in points], dtype=numpy.float64)
        ys = numpy.array([p.pressure_pa for p in points], dtype=numpy.float64)
        # numpy.interp clamps at both ends, as the reference conversion does; a 0 cell is no load.
        kpa = numpy.interp(raw, xs, ys) / 1000.0
        kpa[raw == 0] = 0.0
        return kpa


class FrameAssembler:
    """Turns ``acumat.frames`` records into :class:`MatFrame` objects, remembering each mat's
    device-info. Records it cannot read (a foreign encoding, a damaged value) are counted in
    ``skipped`` and passed over, as the acumat analytics do."""

    def __init__(self):
        self.infos: Dict[str, wire.DeviceInfo] = {}
        self.layouts: Dict[str, wire.MatLayout] = {}
        self.skipped = 0

    def add(self, key: Optional[bytes], value: Optional[bytes], headers: Sequence[Tuple[str, bytes]] = (),
            partition: Optional[int] = None, offset: Optional[int] = None) -> Optional[MatFrame]:
        """One record; the frame it holds, or None (a device-info, or a record skipped)."""
        hs = {k: v for k, v in (headers or ())}
        encoding = hs.get(HEADER_ENCODING)
        if key is None or value is None or (encoding is not None and _text(encoding) != ENCODING_PROTOCOL_V1):
            self.skipped += 1
            return None
        try:
            mat_id = key.decode("ascii")
            message = wire.parse_message(bytes(value))
        except (UnicodeDecodeError, wire.DecodeError):
            self.skipped += 1
            return None
        if isinstance(message, wire.DeviceInfo):
            self.infos[mat_id] = message
            return None
        if isinstance(message, wire.MatLayout):
            self.layouts[mat_id] = message
            return None
        if not isinstance(message, wire.PressureFrame):
            return None
        anchor = hs.get(HEADER_CLOCK_ANCHOR)
        time_us = None
        if anchor is not None:
            try:
                time_us = int(_text(anchor)) + message.device_time_us
            except ValueError:
                pass
        return MatFrame(mat_id, message, time_us, self.infos.get(mat_id), partition, offset,
                        self.layouts.get(mat_id))

    def frames(self, records: Iterable) -> Iterator[MatFrame]:
        """Frames of ``(key, value, headers)`` tuples."""
        for record in records:
            frame = self.add(*record)
            if frame is not None:
                yield frame


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, (bytes, bytearray)) else str(value)


def read_topic(bootstrap: str, mat: Optional[str] = None, topic: str = TOPIC,
               from_ms: Optional[int] = None, to_ms: Optional[int] = None,
               timeout_s: float = 10.0) -> Iterator[MatFrame]:
    """The frames of a topic, from its beginning (or ``from_ms``) to its end as it was when the
    call started, read committed; only mat ``mat`` when given, only frames before ``to_ms``.

    Needs confluent-kafka (``apt-get install python3-confluent-kafka``).
    """
    try:
        from confluent_kafka import Consumer, TopicPartition, OFFSET_BEGINNING
    except ImportError:
        raise RuntimeError("reading Kafka needs confluent-kafka: apt-get install python3-confluent-kafka") from None
    import uuid
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"acumat-py-{uuid.uuid4()}",
                         "enable.auto.commit": False, "isolation.level": "read_committed",
                         "auto.offset.reset": "earliest"})
    try:
        metadata = consumer.list_topics(topic, timeout=timeout_s)
        if metadata.topics[topic].error is not None:
            raise RuntimeError(f"topic {topic}: {metadata.topics[topic].error}")
        partitions = [TopicPartition(topic, p) for p in metadata.topics[topic].partitions]
        ends = {tp.partition: consumer.get_watermark_offsets(tp, timeout=timeout_s)[1] for tp in partitions}
        if from_ms is None:
            start = [TopicPartition(topic, tp.partition, OFFSET_BEGINNING) for tp in partitions]
        else:
            # A partition with no record at or after from_ms gets offset -1 (its end): nothing to read.
            start = [tp for tp in consumer.offsets_for_times(
                [TopicPartition(topic, tp.partition, from_ms) for tp in partitions], timeout=timeout_s)
                if 0 <= tp.offset < ends[tp.partition]]
        # Frames that come before the first device-info of their mat in what is read carry info=None.
        start = [tp for tp in start if ends[tp.partition] > 0]
        open_parts = {tp.partition for tp in start}
        consumer.assign(start)
        assembler = FrameAssembler()
        while open_parts:
            record = consumer.poll(timeout_s)
            if record is None:
                break
            if record.error() is not None:
                continue
            p = record.partition()
            if record.offset() >= ends[p] - 1:
                open_parts.discard(p)
            key = record.key()
            if mat is not None and (key is None or key.decode("ascii", "replace") != mat):
                continue
            frame = assembler.add(key, record.value(), record.headers() or (), p, record.offset())
            if frame is None:
                continue
            if to_ms is not None and frame.time_us is not None and frame.time_us >= to_ms * 1000:
                continue
            yield frame
    finally:
        consumer.close()
