"""The generated sections of the documentation: the warehouse tables and the project registry's columns,
written from their one declaration each (`python -m etl docs`)."""

from __future__ import annotations

from pathlib import Path

from hromada.contract import markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def replace_section(path: Path, name: str, content: str) -> Path:
    """Replace what stands between `<!-- NAME:start … -->` and `<!-- NAME:end -->` in a document."""
    start, end = f"<!-- {name}:start", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(start, 1)
    marker = rest.split("\n", 1)[0]
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{start}{marker}\n{content}{end}{tail}", encoding="utf-8")
    return path


def write_docs(docs: Path = DOCS) -> list[Path]:
    """Rewrite the generated sections: the warehouse tables and the templates' columns."""
    from etl.sources import hromada_register, programme  # each template's reader declares its columns
    from etl.sources.projects import markdown as registry_markdown
    from etl.sources.tabular import fields_markdown

    return [
        replace_section(docs / "warehouse.md", "tables", markdown()),
        replace_section(docs / "templates.md", "registry", registry_markdown()),
        replace_section(docs / "templates.md", "targets", fields_markdown(programme.TARGETS)),
        replace_section(docs / "templates.md", "documents", fields_markdown(programme.DOCUMENTS)),
        replace_section(docs / "templates.md", "connectivity", fields_markdown(programme.CONNECTIVITY)),
        replace_section(docs / "templates.md", "hromadas", fields_markdown(hromada_register.REGISTER)),
    ]
