"""SAKIP Desktop front end (PySide6). Calls operations of `sakip_desktop`; never imports sqlalchemy."""
