"""The receiver of PROTOCOL.md section 7: a state machine over bytes, however they are chunked."""

from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Tuple, Union

from . import wire

_SYNCING, _COLLECTING, _DISCARDING = range(3)


@dataclass
class DecoderStats:
    """What section 7 says a receiver should count, since it started."""
    bytes_received: int = 0
    messages: int = 0
    bytes_skipped: int = 0
    bytes_dropped: int = 0
    errors: Dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    """A stretch the receiver dropped, and why (one of the section 7 error kinds)."""
    kind: str
    length: int


Output = Union[wire.DeviceInfo, wire.PressureFrame, wire.InfoRequest, Rejected]


class StreamDecoder:
    """Feed it bytes; it yields each decoded message or :class:`Rejected` stretch, in order.

    It starts in the syncing state, as a receiver that joins a stream mid-message must: the
    bytes before the first delimiter are skipped silently. It never raises on bad input and
    never holds more than ``MAX_STUFFED`` bytes.
    """

    def __init__(self, max_stuffed: int = wire.MAX_STUFFED):
        self._max = max_stuffed
        self._buf = bytearray()
        self._state = _SYNCING
        self.stats = DecoderStats()

    def reset(self) -> None:
        """Back to syncing: the port was reopened, or bytes may have been lost."""
        self._buf.clear()
        self._state = _SYNCING

    def feed(self, data: bytes) -> List[Output]:
        """Decodes what ``data`` completes; the start of an unfinished stretch is kept."""
        out: List[Output] = []
        stats = self.stats
        stats.bytes_received += len(data)
        start = 0
        n = len(data)
        while start < n:
            end = data.find(0, start)
            chunk_end = n if end < 0 else end
            self._take(data, start, chunk_end, out)
            if end < 0:
                break
            if self._state == _COLLECTING and self._buf:
                out.append(self._process(bytes(self._buf)))
            self._buf.clear()
            self._state = _COLLECTING
            start = end + 1
        return out

    def _take(self, data: bytes, start: int, end: int, out: List[Output]) -> None:
        count = end - start
        if count == 0:
            return
        if self._state == _SYNCING:
            self.stats.bytes_skipped += count
        elif self._state == _DISCARDING:
            self.stats.bytes_dropped += count
        else:
            room = self._max - len(self._buf)
            if count <= room:
                self._buf += data[start:end]
            else:
                self._buf += data[start:start + room]
                dropped = len(self._buf) + count - room
                self._reject(wire.OVERSIZE, dropped, out)
                self._buf.clear()
                self._state = _DISCARDING

    def _reject(self, kind: str, length: int, out: List[Output]) -> None:
        self.stats.errors[kind] = self.stats.errors.get(kind, 0) + 1
        self.stats.bytes_dropped += length
        out.append(Rejected(kind, length))

    def _process(self, stuffed: bytes) -> Output:
        try:
            message = wire.decode_stretch(stuffed)
        except wire.DecodeError as e:
            self.stats.errors[e.kind] = self.stats.errors.get(e.kind, 0) + 1
            self.stats.bytes_dropped += len(stuffed)
            return Rejected(e.kind, len(stuffed))
        self.stats.messages += 1
        return message


def decode_stream(chunks) -> Iterator[Output]:
    """Every output of a byte stream given as an iterable of ``bytes`` (e.g. a file read in blocks)."""
    decoder = StreamDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)


def read_file(path: str, block: int = 65536) -> Iterator[Output]:
    """Every output of a capture of the wire (a ``.bin`` vector, a logged serial stream)."""
    with open(path, "rb") as f:
        yield from decode_stream(iter(lambda: f.read(block), b""))


__all__: Tuple[str, ...] = ("StreamDecoder", "DecoderStats", "Rejected", "decode_stream", "read_file")
