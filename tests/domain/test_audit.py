from dataclasses import replace

from hypothesis import given, strategies as st

from app.domain.audit import seal, verify_chain

KEY = b"k" * 32


def chain(n):
    records, prev = [], None
    for i in range(n):
        prev = seal(KEY, prev, "T1", f"2026-11-22T10:00:{i:02d}", 1, "post", f"XS-{i}",
                    {"total": i, "名称": "可乐"})
        records.append(prev)
    return records


def test_intact_chain_verifies():
    assert verify_chain(KEY, chain(5)) == []


def test_edit_is_detected():
    records = chain(5)
    records[2] = replace(records[2], detail=records[2].detail.replace("可乐", "雪碧"))
    assert any("edited" in p for p in verify_chain(KEY, records))


def test_delete_reorder_insert_are_detected():
    records = chain(5)
    assert verify_chain(KEY, records[:2] + records[3:])  # deleted
    assert verify_chain(KEY, [records[0], records[2], records[1], *records[3:]])  # reordered
    forged = seal(KEY, records[1], "T1", "2026-11-22T10:00:01", 1, "post", "X", {})
    assert verify_chain(KEY, records[:2] + [forged] + records[2:])  # inserted


def test_wrong_key_fails():
    assert verify_chain(b"x" * 32, chain(2))


@given(st.integers(1, 12), st.data())
def test_any_single_field_change_is_detected(n, data):
    records = chain(n)
    i = data.draw(st.integers(0, n - 1))
    field = data.draw(st.sampled_from(["at", "action", "target", "detail"]))
    records[i] = replace(records[i], **{field: getattr(records[i], field) + "x"})
    assert verify_chain(KEY, records)
