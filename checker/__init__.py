"""figcheck: checks the figures in Chinese-language reports.

The package reads as the flow: source -> normalize -> extract -> table -> rules -> report.
"""

__version__ = "0.1.0"
