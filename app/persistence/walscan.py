"""A check SQLite does not make: is a committed transaction hidden behind a damaged WAL frame?

SQLite's recovery replays the `-wal` file frame by frame and stops, silently, at the first
frame whose salts or cumulative checksum do not match: that frame and every frame after
it are ignored. A single flipped bit in the WAL therefore throws away every transaction
committed after it, and the database opens as if they had never happened (test_corruption
measures it). That is right for a torn tail left by a power cut (nothing after it was ever
acknowledged), wrong for damage in the middle of the log.

`scan` tells the two apart without the key (the checksums cover the encrypted bytes): the
log is damaged when a frame fails and a commit frame of the same WAL generation (same
salts) lies at or after it, or when the header fails while its frames hold a commit.
`open_store` runs it before the first normal connection replays the WAL and refuses a
damaged log (`DatabaseDamaged`), leaving every file as it was.
File format: https://sqlite.org/fileformat.html#the_write_ahead_log
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER, FRAME_HEADER = 32, 24
MAGIC = (0x377F0682, 0x377F0683)  # checksums of little- / big-endian words


@dataclass(frozen=True)
class WalScan:
    frames: int  # whole frames in the file
    valid: int  # frames SQLite will replay (the valid prefix, up to its last commit or not)
    damaged: bool  # a commit lies beyond the point where replay stops
    reason: str = ""


def checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for x0, x1 in zip(words[0::2], words[1::2]):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return s0, s1


def scan(path: Path) -> WalScan:
    data = path.read_bytes() if path.exists() else b""
    if len(data) < HEADER:
        return WalScan(0, 0, False, "no log")
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:HEADER])
    big = magic == MAGIC[1]
    size = FRAME_HEADER + (page_size if 512 <= page_size <= 65536 else 4096)
    frames = [data[o:o + size] for o in range(HEADER, len(data) - size + 1, size)]
    heads = [struct.unpack(">6I", f[:FRAME_HEADER]) for f in frames]
    if magic not in MAGIC or checksum(data[:24], 0, 0, big) != (c0, c1):
        committed = bool(heads) and any(h[1] and h[2:4] == heads[0][2:4] for h in heads)
        return WalScan(len(frames), 0, committed, "the WAL header is damaged")
    s0, s1 = c0, c1
    for i, (frame, head) in enumerate(zip(frames, heads)):
        s0, s1 = checksum(frame[:8] + frame[FRAME_HEADER:], s0, s1, big)
        if head[2:4] != (salt1, salt2) or head[4:6] != (s0, s1):
            later = [j for j in range(i, len(frames))
                     if heads[j][1] and heads[j][2:4] == (salt1, salt2)]
            return WalScan(len(frames), i, bool(later),
                           f"frame {i + 1} breaks the log; commit frames after it: "
                           f"{[j + 1 for j in later][:5]}" if later else "")
    return WalScan(len(frames), len(frames), False)
