"""Sign-off: the evidence bundle of a run, approvals signed over it, requirement freshness, the PDF exit report."""
