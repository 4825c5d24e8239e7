"""The SOP screens: the step screen, a run's alur, the library, the editor, compliance, days off.

Modules are imported where a screen is opened, so start-up does not pay for them.
"""
