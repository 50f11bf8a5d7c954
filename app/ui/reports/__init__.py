"""The Reports section (issue 8): dashboard, report runner, report builder, morning brief."""
