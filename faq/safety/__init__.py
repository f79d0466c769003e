"""Safety first: danger to life, abuse and manipulation, recognised before NLU and any flow."""

from __future__ import annotations

from faq.safety.detector import SafetyCheck, SafetyKind, SafetyVerdict

__all__ = ["SafetyCheck", "SafetyKind", "SafetyVerdict"]
