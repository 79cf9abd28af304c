"""The screens: each one reads the session's state and submits actions through the app."""
