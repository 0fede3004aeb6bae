"""Ordered processing stages, each declaring which document layers it needs and fills.

A :class:`Pipeline` is built from stages; construction fails with a coded error when a
stage needs a layer that no earlier stage assigns, so a mis-ordered pipeline never runs.
When a stage raises on one document the error is recorded on that document, the stages
that depend on what it should have assigned are skipped for it, and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from khronika.model import Document

log = logging.getLogger(__name__)

#: Layers every document has before any stage runs.
BASE_LAYERS = frozenset({"id", "text", "published"})


class Stage(Protocol):
    """One step of the pipeline: reads ``requires`` layers, fills ``assigns`` layers."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


class PipelineError(ValueError):
    """A pipeline that cannot run as assembled."""


ErrorHandler = Callable[[str, Document, Exception], None]


def _record_error(stage: str, doc: Document, exc: Exception) -> None:
    doc.errors.append(f"{stage}: {type(exc).__name__}: {exc}")
    log.debug("stage %s failed on %s", stage, doc.id, exc_info=exc)


class Pipeline:
    """Stages run in order over documents."""

    def __init__(self, stages: Iterable[Stage], on_error: ErrorHandler = _record_error) -> None:
        self.stages = list(stages)
        self.on_error = on_error
        self._check()

    def _check(self) -> None:
        available = set(BASE_LAYERS)
        names: set[str] = set()
        for stage in self.stages:
            if stage.name in names:
                raise PipelineError(
                    f"E001 stage {stage.name!r} appears twice; stage names must be unique"
                )
            names.add(stage.name)
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"E002 stage {stage.name!r} requires {', '.join(missing)}, which no earlier "
                    f"stage assigns. Put a stage that assigns it first; available here: "
                    f"{', '.join(sorted(available))}"
                )
            available.update(stage.assigns)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        failed: set[str] = set()
        for stage in self.stages:
            if failed and failed.intersection(stage.requires):
                doc.errors.append(f"{stage.name}: skipped, needs {', '.join(sorted(failed))}")
                failed.update(stage.assigns)
                continue
            try:
                stage(doc)
            except Exception as exc:  # one bad document must not stop the batch
                self.on_error(stage.name, doc, exc)
                failed.update(stage.assigns)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
