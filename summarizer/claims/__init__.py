"""The claim checker: every number, name, date and negation a digest states, checked against its evidence."""

# isort: off
from summarizer.findings import ERROR_CHECKS, ClaimStatus, Finding, FindingStatus
from summarizer.claims.verify import Checked, annotate, check, verify  # last: the function shadows the submodule

# isort: on

__all__ = ["ERROR_CHECKS", "Checked", "ClaimStatus", "Finding", "FindingStatus", "annotate", "check", "verify"]
