"""Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM."""

from summarizer.api import ItemError, asummarize, summarize, summarize_many
from summarizer.errors import SummarizerError
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings

__all__ = ["Digest", "ItemError", "ProviderSettings", "SummarizerError", "asummarize", "summarize", "summarize_many"]
__version__ = "0.1.0"
