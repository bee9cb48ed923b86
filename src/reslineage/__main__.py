"""Run the command line as `python -m reslineage`."""

from .cli import main

main()
