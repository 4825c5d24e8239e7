"""The LHE screen: the evaluation letters received, their rekomendasi, RATL and the TL LHE matrix (issue 16 §3)."""
