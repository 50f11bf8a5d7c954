"""Where the store keeps its document PDF template and logo: two rows of jxc_meta, the
template as JSON and the logo image as base64 (none: no row)."""
from __future__ import annotations

import base64

from app.domain.document_template import (DEFAULT_DOCUMENT_TEMPLATE, DocumentTemplate,
                                          parse_document_template)
from app.persistence.schema import Meta

DOCUMENT_TEMPLATE_KEY, LOGO_KEY = "document_template", "document_logo"


def stored_document_setup(s) -> tuple[DocumentTemplate, bytes | None]:
    """The saved template (the default until one is saved) and the logo's bytes."""
    row, logo = s.get(Meta, DOCUMENT_TEMPLATE_KEY), s.get(Meta, LOGO_KEY)
    template = DEFAULT_DOCUMENT_TEMPLATE if row is None or not row.value else \
        parse_document_template(row.value)
    return template, base64.b64decode(logo.value) if logo is not None and logo.value else None
