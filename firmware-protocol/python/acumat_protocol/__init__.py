"""acumat's mat protocol in Python: decode the wire format, read exported recordings and
``acumat.frames`` records, get frames as NumPy arrays (NumPy optional).

    >>> from acumat_protocol import StreamDecoder
    >>> for out in StreamDecoder().feed(open("capture.bin", "rb").read()): ...

Standard library only; NumPy is needed only for the ``array()`` methods, confluent-kafka only
for :func:`records.read_topic`.
"""

from .wire import (CalibrationPoint, DecodeError, DeviceInfo, InfoRequest, MatLayout, PressureFrame, crc32c,
                   cobs_decode, cobs_encode, decode_stretch, encode_message, encode_wire, parse_message)
from .stream import DecoderStats, Rejected, StreamDecoder, decode_stream, read_file
from .replay import Recording, ReplayFormatError, ReplayFrame, ReplayHeader
from .records import FrameAssembler, MatFrame, read_topic
from . import export

__version__ = "1.0"
