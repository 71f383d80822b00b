"""The claim checker: every number, name, date and negation a digest states, checked against its evidence."""

from summarizer.claims.finding import ERROR_CHECKS, ClaimStatus, Finding, FindingStatus
from summarizer.claims.verify import Checked, annotate, check, verify

__all__ = ["ERROR_CHECKS", "Checked", "ClaimStatus", "Finding", "FindingStatus", "annotate", "check", "verify"]
