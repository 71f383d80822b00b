"""Who produced an output, and with what: the six fields a digest's run (``schema.RunInfo``), a recording's meta
(``recording.RecordingMeta``) and an eval report (``evals.report.Report``) share, declared once."""

from __future__ import annotations

from pydantic import BaseModel


class Provenance(BaseModel):
    """The model, where it ran and how it was asked: what makes two outputs comparable."""

    model: str
    provider: str
    mode: str
    prompt_version: str
    prompt_hash: str
    schema_hash: str
