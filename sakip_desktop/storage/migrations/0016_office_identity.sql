-- Schema version 16: a stable identity of the office file (issue 17). The kode wilayah of the kecamatan
-- (Kemendagri code "NN.NN.NN": provinsi, kabupaten/kota, kecamatan) is entered in the wizard or in Profil kantor;
-- an older file has none until the office enters it. The random UUID tells two files of the same kode wilayah
-- apart (a kabupaten imports a file only into the schema of the office it came from); an older file gets one in
-- the Python part of this step (`identity_0016.py`).
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE office ADD COLUMN region_code VARCHAR(8) NOT NULL DEFAULT '';
ALTER TABLE office ADD COLUMN uuid VARCHAR(36) NOT NULL DEFAULT '';
