"""Where the store keeps its label template: the `label_template` row of jxc_meta (JSON)."""
from __future__ import annotations

from app.domain.label_template import DEFAULT_LABEL_TEMPLATE, LabelTemplate, parse_label_template
from app.persistence.schema import Meta

LABEL_TEMPLATE_KEY = "label_template"


def stored_label_template(s) -> LabelTemplate:
    """The saved template; the default when none was saved."""
    row = s.get(Meta, LABEL_TEMPLATE_KEY)
    return DEFAULT_LABEL_TEMPLATE if row is None or not row.value else \
        parse_label_template(row.value)
