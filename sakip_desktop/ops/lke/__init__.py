"""The LKE (Lembar Kerja Evaluasi) of SAKIP: templates, the yearly self-assessment, proposals from the records."""
