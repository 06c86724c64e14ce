"""``python -m mirrorgen``: rebuild the bundled mirror's pages and truth files."""

from .build import main

main()
