"""`newsarchive pair`: pair English articles with their Vietnamese originals, and confirm or reject a pair."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from . import translations
from .cli_options import db_option, open_existing_db


def _since(value: str | None) -> str | None:
    """An ISO date or time, compared with `first_seen_at` (UTC); a bare date means its start."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected an ISO date or time, got {value!r}", param_hint="--since"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


@click.group(invoke_without_command=True)
@db_option()
@click.option(
    "--since",
    metavar="DATE",
    help="Also re-decide articles stored since this ISO date or time (UTC) and their windows.",
)
@click.option("--full", is_flag=True, help="Re-decide every English article (confirmed pairs stay).")
@click.pass_context
def pair(ctx: click.Context, db_path: str, since: str | None, full: bool) -> None:
    """Pair each English article with the Vietnamese article it translates (table `translations`).

    Evidence that survives translation: numbers, amounts, dates and percentages in either edition's
    writing, names of people and places with marks stripped, a shared image file, within one source and
    the window English 0-14 days after Vietnamese. An English article without a convincing partner is
    stored as "no partner". A plain run decides only what is undecided; rerunning changes nothing. Pairs
    confirmed or rejected by a person are never overwritten. Every crawl runs it for its new articles.

    \b
    Examples:
        newsarchive pair                                # undecided English articles
        newsarchive pair --since 2025-06-01             # and what was stored since then
        newsarchive pair --full                         # re-decide everything
        newsarchive pair confirm baolongan:en:189901 baolongan:vi:189877
        newsarchive pair reject baolongan:en:189901 baolongan:vi:189877
    """
    if ctx.invoked_subcommand is not None:
        return
    db = open_existing_db(db_path)
    try:
        s = translations.run(db, since=_since(since), full=full)
    finally:
        db.close()
    click.echo(
        f"Examined {s.examined} English articles: {s.paired} paired, {s.unpaired} without a partner, "
        f"{s.republications} republications; {s.changed} decisions changed"
    )


def _verdict(name: str, verb: str) -> click.Command:
    @click.command(name=name)
    @click.argument("en_key")
    @click.argument("vi_key")
    @db_option()
    def command(en_key: str, vi_key: str, db_path: str) -> None:
        db = open_existing_db(db_path)
        try:
            getattr(translations, name)(db, en_key, vi_key)
        except translations.PairError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            db.close()
        click.echo(f"{verb} {en_key} ↔ {vi_key}")

    return command


confirm = _verdict("confirm", "Confirmed")
confirm.help = """Confirm that EN_KEY translates VI_KEY; no later run changes it.

\b
Example:
    newsarchive pair confirm baolongan:en:189901 baolongan:vi:189877
"""
reject = _verdict("reject", "Rejected")
reject.help = """Reject the pair EN_KEY ↔ VI_KEY; it is never proposed again (run `pair` to re-decide EN_KEY).

\b
Example:
    newsarchive pair reject baolongan:en:189901 baolongan:vi:189877
"""
pair.add_command(confirm)
pair.add_command(reject)
