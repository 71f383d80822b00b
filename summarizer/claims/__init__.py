"""The claim checker: every number, name, date and negation a digest states, checked against its evidence."""

from summarizer.claims.verify import Finding, annotate, verify

__all__ = ["Finding", "annotate", "verify"]
