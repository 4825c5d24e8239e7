"""The shared UI kit: tables (`table`), row colours (`colours`), form pieces (`forms`), dialogs (`dialogs`),
pages (`pages`) and files (`files`). Feature packages build their screens from these."""
