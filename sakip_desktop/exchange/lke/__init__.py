"""The LKE template as an .xlsx workbook: written (`write`) and read back, checked whole (`read`)."""
