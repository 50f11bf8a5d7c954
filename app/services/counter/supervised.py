"""The shift and return actions that need a supervisor, authorised through `authorise.approve`.

`approve` knows an action by its entry in `authorise.ACTIONS` and lets a shift lead, store
manager or administrator do it alone; anyone else needs one of them to type their user
name and PIN (under the account lockout). Either way it audits `counter.<action>` in its
own unit of work, naming who approved, or `counter.authorisation_refused`. The entries
below are added to that table when the counter package loads:

- `cash_out_over_limit`: taking more cash out of the drawer than `counter.cash_out_limit`;
- `shift_close`: closing someone else's shift, or closing with an over/short beyond
  `counter.over_short_limit`;
- `refund`: a return with its refund (a classic fraud path: never a cashier alone).
"""
from __future__ import annotations

from app.services.counter.authorise import ACTIONS, SUPERVISORS, Action

SUPERVISED = (
    Action("cash_out_over_limit", "超出限额取出现金", "take out cash above the limit"),
    Action("shift_close", "交班（他人的班次，或长短款超出限额）",
           "close the shift (someone else's, or over/short beyond the limit)"),
    Action("refund", "退货退款", "a return and its refund"),
)
for _action in SUPERVISED:
    ACTIONS.setdefault(_action.key, _action)


def is_supervisor(role: str) -> bool:
    return role in SUPERVISORS
