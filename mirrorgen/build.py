"""Rebuild the whole offline mirror: ``python -m mirrorgen`` (or ``make mirror``).

Rewrites ``newsarchive/mirror/sites/`` (the pages ``newsarchive crawl --mirror`` serves) and
``newsarchive/mirror/truth/`` (what extraction must give, read by the tests and the benchmarks), one site
module after another. The output is a pure function of ``seed`` and ``extra_articles``: byte-identical on every
run, so ``tests/test_mirror.py`` can check the committed pages against a fresh build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import newsarchive.mirror

from . import baolongan, baotayninh, longan_gov

MIRROR_DIR = Path(newsarchive.mirror.__file__).resolve().parent
SEED = 20220413


def build(out_dir: Path = MIRROR_DIR, seed: int = SEED, extra_articles: int = 0) -> None:
    """(Re)write ``out_dir/sites`` and ``out_dir/truth``; ``extra_articles`` grows each newspaper edition."""
    out_dir = Path(out_dir)
    for sub in ("sites", "truth"):
        if (out_dir / sub).exists():
            shutil.rmtree(out_dir / sub)
    baolongan.build(out_dir, seed, extra_articles)
    baotayninh.build(out_dir, seed, extra_articles)
    longan_gov.build(out_dir, seed)  # reads the English newspaper truth written above


def main() -> None:
    build(MIRROR_DIR)
    print(f"mirror written to {MIRROR_DIR / 'sites'} and {MIRROR_DIR / 'truth'}")


if __name__ == "__main__":
    main()
