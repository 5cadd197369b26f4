"""Sybil runs every code block of every page under docs/ and checks the output block after it.

The parsing and checking live in tools/pages.py, shared with `make update-outputs`.
"""

from sybil import Sybil

from tools.pages import sybil_parser

pytest_collect_file = Sybil(parsers=[sybil_parser()], patterns=["*.md"], path="docs").pytest()
