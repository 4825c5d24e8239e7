"""The "Evaluasi SAKIP (LKE)" tool: the yearly self-assessment with the program's proposals (issue 16 §1-2)."""
