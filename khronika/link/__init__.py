"""Linking: one incident per real event, across languages, spellings and sources.

- :mod:`~khronika.link.names`: transliteration and spelling-independent name keys
- :mod:`~khronika.link.features`: what the linker knows about one event of one report
- :mod:`~khronika.link.score`: pairwise comparison and the link decision, with reasons
- :mod:`~khronika.link.index`: in-memory blocking index (batch, benchmarks, scale)
- :mod:`~khronika.link.incident`: an incident's fields, provenance and conflicts
- :mod:`~khronika.link.linker`: linking stored reports (on ingest, or all again)
- :mod:`~khronika.link.review`: manual, reversible merge and split
- :mod:`~khronika.link.benchmark`, :mod:`~khronika.link.synth`,
  :mod:`~khronika.link.metrics`: the labelled benchmark and its measures
"""
