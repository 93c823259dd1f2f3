"""What decides, and the LLM calls of comparison in one place: the contradiction model's
scores (``model``: a ranking signal and a gate, never a verdict alone), the LLM judge of
flagged points (``llm``) and the points' labels (``labels``)."""
