"""The desa and kelurahan of the kecamatan, and the indicators counted over them (issue 15 §3)."""
