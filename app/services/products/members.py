"""Customers and members: level, tags, points, birthday, phone and card. Listed a page at a
time (a store may have a hundred thousand), saved with an audit entry that records a
change of points with its before and after (points are money to the member)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.permissions import check
from app.persistence.schema import Customer
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.custom_forms import check_form_values, write_form_values
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit, write_outbox

from .custom_lists import custom_filtered, with_custom
from .errors import FormInvalid, RecordNotFound

MEMBER_PAGE = 200
_PHONE = re.compile(r"\+?[0-9][0-9 -]{4,19}")
_CARD = re.compile(r"[0-9A-Za-z]{4,32}")


@dataclass
class MemberForm:
    id: int | None = None
    code: str = ""
    name: str = ""
    phone: str = ""
    card_no: str = ""
    level: str = ""
    tags: str = ""       # comma separated: "常客, 老人"
    points: str = "0"
    birthday: str = ""   # YYYY-MM-DD or empty
    custom: dict[str, str] | None = None  # custom field values by key; None: not on the form


def list_members(store: LocalStore, search: str = "", after_code: str | None = None,
                 limit: int = MEMBER_PAGE, *, custom_key: str = "", custom_value: str = "",
                 actor: Actor = LOCAL_OPERATOR) -> list[MemberForm]:
    """Members by code after `after_code`, with their custom values; `search` matches the
    start of a code, phone or card number, or any part of the name or the tags;
    `custom_key`/`custom_value` keep the members whose custom field equals the value."""
    check(actor.role, "products.members.list_members")
    q = select(Customer).order_by(Customer.code)
    word = search.strip()
    if word:
        q = q.where(or_(Customer.code.startswith(word), Customer.phone.startswith(word),
                        Customer.card_no.startswith(word), func.instr(Customer.name, word) > 0,
                        func.instr(Customer.tags, word) > 0))
    if after_code is not None:
        q = q.where(Customer.code > after_code)
    with store.engine.connect() as conn, Session(conn) as s:
        q = custom_filtered(s, q, "customer", Customer.id, custom_key, custom_value)
        return with_custom(s, "customer", [_form(c) for c in s.scalars(q.limit(limit))])


def _form(c: Customer) -> MemberForm:
    return MemberForm(c.id, c.code, c.name, c.phone or "", c.card_no or "", c.level or "",
                      c.tags or "", str(c.points or 0),
                      c.birthday.isoformat() if c.birthday else "")


def _checked(form: MemberForm) -> tuple[dict, dict]:
    errors: dict = {}
    v = {"code": form.code.strip(), "name": " ".join(form.name.split()),
         "phone": form.phone.strip() or None, "card_no": form.card_no.strip() or None,
         "level": form.level.strip(),
         "tags": ", ".join(t.strip() for t in re.split(r"[,，;；]", form.tags) if t.strip())}
    if not v["code"] or len(v["code"]) > 32 or not v["code"].isascii() or " " in v["code"]:
        errors["code"] = ("会员编号必须填写，最多 32 个半角字符，不能有空格",
                          "the member code is required: up to 32 half-width characters, no spaces")
    if not v["name"] or len(v["name"]) > 100:
        errors["name"] = ("姓名必须填写，最多 100 个字符", "the name is required, at most 100 characters")
    if v["phone"] and not _PHONE.fullmatch(v["phone"]):
        errors["phone"] = (f"电话“{v['phone']}”无效", f"phone '{v['phone']}' is not valid")
    if v["card_no"] and not _CARD.fullmatch(v["card_no"]):
        errors["card_no"] = ("卡号为 4 到 32 位字母或数字", "a card number has 4 to 32 letters or digits")
    if len(v["level"]) > 16:
        errors["level"] = ("等级最多 16 个字符", "the level has at most 16 characters")
    if len(v["tags"]) > 200:
        errors["tags"] = ("标签合计最多 200 个字符", "the tags have at most 200 characters in all")
    points = form.points.strip() or "0"
    if not points.isdigit() or len(points) > 12:
        errors["points"] = (f"积分“{form.points}”必须是不小于 0 的整数",
                            f"points '{form.points}' must be a whole number, 0 or more")
    else:
        v["points"] = int(points)
    v["birthday"] = None
    if form.birthday.strip():
        try:
            v["birthday"] = date.fromisoformat(form.birthday.strip())
        except ValueError:
            errors["birthday"] = (f"生日“{form.birthday}”请写成 1990-05-20",
                                  f"birthday '{form.birthday}': write it as 1990-05-20")
        else:
            if not date(1900, 1, 1) <= v["birthday"] <= date.today():
                errors["birthday"] = ("生日不在合理范围内", "the birthday is out of range")
    return v, errors


def save_member(store: LocalStore, actor: Actor, form: MemberForm, *,
                clock: Clock = utc_now) -> int:
    check(actor.role, "products.members.save_member")
    values, errors = _checked(form)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        own = form.id or 0
        for column in ("code", "phone", "card_no"):
            value = values[column]
            if value and s.scalar(select(Customer.id).where(
                    getattr(Customer, column) == value, Customer.id != own)):
                errors.setdefault(column, (f"“{value}”已属于另一位会员",
                                           f"'{value}' belongs to another member"))
        custom, custom_errors = check_form_values(s, "customer", form.custom, form.id)
        errors.update(custom_errors)
        if errors:
            raise FormInvalid(errors)
        row = Customer(created_at=clock()) if form.id is None else s.get(Customer, form.id)
        if row is None:
            raise RecordNotFound(what_zh="会员", what_en="member", ref=form.code)
        points_before = row.points or 0
        for key, value in values.items():
            setattr(row, key, value)
        created = row.id is None
        if created:
            s.add(row)
        s.flush()
        now = clock()
        detail = {"code": row.code, "name": row.name, "level": row.level, "tags": row.tags,
                  "birthday": row.birthday.isoformat() if row.birthday else None,
                  "points": row.points, "phone": row.phone, "card_no": row.card_no}
        audit = dict(detail)
        custom_before, custom_after = write_form_values(s, "customer", row.id, custom)
        if custom_before != custom_after:
            audit["custom"] = {"before": custom_before, "after": custom_after}
        if not created and points_before != row.points:
            audit["points_before"] = points_before
        write_audit(s, store, actor, now, "member.create" if created else "member.update",
                    row.code, audit)
        write_outbox(s, store, now, "member.saved", {"id": row.id, **detail})
        uow.commit()
    return row.id
