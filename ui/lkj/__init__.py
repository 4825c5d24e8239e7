"""The LKj editor: narrative sections, PDF, Word export, the Camat's signature lock."""
