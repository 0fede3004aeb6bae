"""The pipeline checks stage order when built and survives a stage failing on a document."""

from __future__ import annotations

import pytest

from khronika.extract import build_pipeline
from khronika.model import Document
from khronika.pipeline import Pipeline, PipelineError


class _Stage:
    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...],
                 fail_on: str | None = None) -> None:
        self.name, self.requires, self.assigns, self.fail_on = name, requires, assigns, fail_on
        self.seen: list[str | None] = []

    def __call__(self, doc: Document) -> None:
        self.seen.append(doc.id)
        if doc.id == self.fail_on:
            raise ValueError("cannot read this one")


def test_missing_requirement_is_named_when_built() -> None:
    with pytest.raises(PipelineError, match=r"E002 stage 'b' requires lang"):
        Pipeline([_Stage("b", ("lang",), ("x",)), _Stage("a", ("text",), ("lang",))])


def test_duplicate_stage_names_are_refused() -> None:
    with pytest.raises(PipelineError, match="E001"):
        Pipeline([_Stage("a", ("text",), ("x",)), _Stage("a", ("text",), ("y",))])


def test_failure_is_recorded_dependents_skipped_and_batch_goes_on() -> None:
    first = _Stage("first", ("text",), ("x",), fail_on="bad")
    second = _Stage("second", ("x",), ("y",))
    independent = _Stage("independent", ("text",), ("z",))
    pipe = Pipeline([first, second, independent])
    docs = list(pipe.pipe([Document("good", "a"), Document("bad", "b"), Document("late", "c")]))
    assert [d.id for d in docs] == ["good", "bad", "late"]
    assert docs[1].errors[0] == "first: ValueError: cannot read this one"
    assert docs[1].errors[1] == "second: skipped, needs x"
    assert second.seen == ["good", "late"]
    assert independent.seen == ["good", "bad", "late"]
    assert docs[0].errors == [] and docs[2].errors == []


def test_default_pipeline_is_well_formed() -> None:
    names = build_pipeline().stage_names
    assert names[:2] == ["language", "sentences"]
    assert set(names) >= {"dates", "places", "entities", "counts", "events", "attribution"}
