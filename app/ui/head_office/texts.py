"""Words the head-office screens share: states, ages and head office's view of the clock."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication

from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


def state_title(state: str) -> str:
    return {
        "ok": translate("HeadOfficeTexts", "Online"),
        "offline": translate("HeadOfficeTexts", "Offline: head office cannot be reached"),
        "disabled": translate("HeadOfficeTexts", "Sync disabled"),
        "error": translate("HeadOfficeTexts", "Head office refused the last request"),
        "not_enrolled": translate("HeadOfficeTexts", "Not enrolled with head office"),
    }.get(state, state)


STATE_COLOURS = {"ok": "#1b7a2f", "offline": "#a15c00", "disabled": "#b3261e",
                 "error": "#b3261e", "not_enrolled": "#555555"}


def duration(seconds: int) -> str:
    seconds = abs(int(seconds))
    if seconds < 60:
        return fill(translate("HeadOfficeTexts", "%1 s"), seconds)
    if seconds < 3600:
        return fill(translate("HeadOfficeTexts", "%1 min"), seconds // 60)
    if seconds < 86400:
        return fill(translate("HeadOfficeTexts", "%1 h %2 min"), seconds // 3600,
                    seconds % 3600 // 60)
    return fill(translate("HeadOfficeTexts", "%1 d %2 h"), seconds // 86400,
                seconds % 86400 // 3600)


def local_time(text: str | None) -> str:
    """A stored UTC time (naive or with Z) in this PC's time zone, to the minute."""
    if not text:
        return translate("HeadOfficeTexts", "never")
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def clock_text(seen: dict | None) -> str:
    if not seen:
        return translate("HeadOfficeTexts", "not measured yet")
    offset = int(seen["offset_seconds"])
    side = translate("HeadOfficeTexts", "behind") if offset < 0 else \
        translate("HeadOfficeTexts", "ahead of")
    text = fill(translate("HeadOfficeTexts", "%1 %2 head office"), duration(offset), side)
    if seen.get("skewed"):
        return text + fill(translate("HeadOfficeTexts", " (flagged since %1: correct this "
                                                        "PC's date and time)"),
                           local_time(seen.get("skewed_since")))
    return text + fill(translate("HeadOfficeTexts", " (within %1 s)"),
                       seen.get("threshold_seconds"))
