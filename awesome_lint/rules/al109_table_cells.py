"""AL109 table-cells: a table row with more cells than the header (GitHub hides the extra text)
or fewer (GitHub pads it with empty cells)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from ..tables import Row, Table, document_tables

_SHOWN = 60  # characters of hidden text quoted in a message


class TableCells(Rule):
    code = "AL109"
    name = "table-cells"
    summary = "A table row with more cells than the header (GitHub hides the extra text) or fewer."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in document_tables(doc.text, doc.blocks):
            for row in table.rows:
                diagnostic = self._check_row(doc, table, row)
                if diagnostic is not None:
                    yield diagnostic

    def _check_row(self, doc: Document, table: Table, row: Row) -> Diagnostic | None:
        counts = f"row has {len(row.cells)} cells, the header {table.columns}"
        data = {"related_line": doc.span(table.start, table.start).line}
        if row.cut is not None:
            hidden = row.cut.text
            if len(hidden) > _SHOWN:
                hidden = hidden[: _SHOWN - 1] + "…"
            span = doc.span(row.cut.start, row.cut.end)
            return self.diagnostic(doc, span, f'{counts}: GitHub hides "{hidden}"', data=data)
        if row.missing and len(row.cells) > 1:  # one cell: a label across the row, on purpose
            return self.diagnostic(doc, doc.span(row.end, row.end), counts, data=data)
        return None  # extra cells that are all empty hide nothing
