"""`python -m faq ...`: load entries, train the encoder, build the index, search, evaluate."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import typer
from tqdm import tqdm

from faq.errors import FaqError
from faq.settings import get_settings, stay_offline
from faq.staff_cli import staff_app

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="FAQ engine of the consultation assistant."
)


def _service():
    from faq.service import FaqService

    return FaqService()


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log at DEBUG level.")) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    stay_offline()


@app.command()
def load(entries_dir: Path = typer.Option(None, help="Folder of *.yml entry files.")) -> None:
    """Validate the YAML entry files and copy them into the database."""
    service = _service()
    try:
        report = service.load_corpus(entries_dir)
        local = service.load_supplements()
        rules = service.load_rules()
    except FaqError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for name, counts in (("entries", report), ("local supplements", local), ("eligibility rules", rules)):
        typer.echo(
            f"{name}: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.kept_staff_edit} kept as staff edited them"
        )


@app.command("train-safety")
def train_safety() -> None:
    """Fit the learned safety check on faq/data/safety/training.jsonl and the entries' questions."""
    from faq.safety import learned

    model = learned.train()
    typer.echo(f"safety classifier: {len(model.vocabulary)} features, saved to {learned.MODEL_FILE}")


@app.command("train-encoder")
def train_encoder(
    out: Path = typer.Option(None, help="Model folder (default: GOVBOT_ENCODER_PATH)."),
    epochs: int = typer.Option(12, help="Passes over the training pairs."),
    force: bool = typer.Option(False, help="Retrain even if the folder holds a model."),
) -> None:
    """Train the project's offline static encoder on the published entries."""
    from faq.search.encoder_training import train_static_encoder

    target = out or Path(get_settings().encoder_path)
    if (target / "modules.json").is_file() and not force:
        typer.echo(f"encoder present at {target} (use --force to retrain)")
        return
    entries = _service().store.published()
    if not entries:
        typer.echo("error: no published entries (run `python -m faq load` first)", err=True)
        raise typer.Exit(2)
    with tqdm(desc="train encoder", unit="step", file=sys.stderr, mininterval=10) as bar:

        def step(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        train_static_encoder(entries, target, epochs=epochs, progress=step)
    typer.echo(f"encoder saved to {target}")


@app.command()
def index(force: bool = typer.Option(False, help="Rebuild even if the index is current.")) -> None:
    """Build the search index if the entries or the encoder changed."""
    service = _service()
    try:
        with tqdm(desc="index", unit="entry", file=sys.stderr, mininterval=10) as bar:
            manifest = service.build_index(force=force, progress=lambda _stage: bar.update(1))
    except FaqError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if manifest is None:
        typer.echo("index is current")
        return
    encoder = manifest.encoder["name"] if manifest.encoder else "none (lexical only)"
    typer.echo(
        f"index built: {manifest.entry_count} entries, revision {manifest.corpus_revision}, "
        f"encoder {encoder}, dense weight {manifest.fusion['dense_weight']}"
    )


@app.command()
def search(
    query: str = typer.Argument(..., help="A question as a resident would type it."),
    k: int = typer.Option(5, "-k", help="How many results (1-50)."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON."),
) -> None:
    """Search the FAQ offline, the same way GET /api/faq/search does."""
    from faq.search.presenting import search_payload

    service = _service()
    try:
        service.warm_up()
        result = service.search(query, k)
    except (FaqError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    payload = search_payload(result)
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{result.outcome.value} (confidence {result.confidence:.2f})")
    for rank, hit in enumerate(payload["results"], 1):
        typer.echo(f"{rank}. [{hit['score']:.3f}] {hit['id']}: {hit['question']}")


@app.command("eval")
def evaluate_command(
    queries: Path = typer.Option(None, help="Labelled queries (default: GOVBOT_LABELLED_QUERIES)."),
    split: str = typer.Option("all", help="dev, test or all."),
    near_miss: list[Path] = typer.Option(
        [], help="Sets of labelled near-misses (tests/data/near_miss/*.jsonl): answered per label, writer."
    ),
) -> None:
    """Recall@1, Recall@3 and MRR for lexical-only, dense-only and hybrid retrieval; the decision's
    answered, clarified and refused counts; with ``--near-miss``, how many of a set are answered."""
    from faq.search.evaluation import answered_by_label, evaluate, load_labelled

    service = _service()
    service.warm_up()
    labelled = load_labelled(queries or service.settings.labelled_queries)
    splits = ["dev", "test", "all"] if split == "all" else [split]
    for name in splits:
        chosen = [q for q in labelled if name == "all" or q.split == name]
        metrics, decision = evaluate(service.index, chosen)
        typer.echo(
            f"\n{name}: {sum(q.in_scope for q in chosen)} in-scope, "
            f"{sum(not q.in_scope for q in chosen)} out-of-scope queries"
        )
        typer.echo("| mode | Recall@1 | Recall@3 | MRR | n |\n|---|---|---|---|---|")
        for mode, m in metrics.items():
            typer.echo(m.row(mode))
        for line in decision.lines():
            typer.echo(f"  {line}")
    for path in near_miss:
        typer.echo(f"\n{path.name}: answered from an entry")
        for key, (answered, total) in answered_by_label(service.index, path).items():
            typer.echo(f"  {key}: {answered}/{total}")


@app.command()
def kikumimi(place: str = typer.Argument(..., help="A prefecture, or a Hokkaido city or 振興局.")) -> None:
    """Show the きくみみ centre for a place."""
    from faq.places.directory import KikumimiDirectory

    directory = KikumimiDirectory.default()
    centre = directory.for_text(place)
    if centre is None:
        typer.echo(f"no prefecture found in {place!r}; 行政苦情110番 {directory.complaint_line.phone}")
        raise typer.Exit(1)
    typer.echo(f"{centre.name}\n{centre.address}\n{centre.phone}")


@app.command()
def feedback(
    entry: str = typer.Option(None, help="Show this entry's votes with the questions asked."),
) -> None:
    """Residents' 役に立った / 役に立たなかった votes: counts per entry, or one entry's votes."""
    from faq.residents.feedback import feedback_counts, votes

    service = _service()
    service.store.migrate()
    if entry:
        for vote in votes(service.store, entry):
            mark = "役に立った" if vote.helpful else "役に立たなかった"
            typer.echo(f"{vote.created_at:%Y-%m-%d %H:%M}\t{mark}\t{vote.question}")
        return
    typer.echo("entry\t役に立った\t役に立たなかった")
    for count in feedback_counts(service.store):
        typer.echo(f"{count.faq_id}\t{count.helpful}\t{count.not_helpful}")


app.add_typer(staff_app, name="staff")


@app.command()
def retention(
    days: int = typer.Option(None, help="Override GOVBOT_CONVERSATION_RETENTION_DAYS for this run."),
) -> None:
    """Delete conversations and residents' questions older than the retention period."""
    from faq.residents.retention import apply_retention

    service = _service()
    service.store.migrate()
    settings = service.settings
    report = apply_retention(
        service.store,
        settings.tracker_store_url,
        settings.conversation_retention_days if days is None else days,
    )
    typer.echo(
        f"deleted {report.conversations} conversations and {report.questions} questions; "
        f"cleared the text of {report.votes_cleared} votes"
    )


def _deployment_databases():
    from faq.content.backup import BackupError, deployment_databases

    settings = get_settings()
    try:
        return deployment_databases(settings.database_url, settings.tracker_store_url)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def backup(
    dest: Path = typer.Argument(..., help="A new directory for the backup (it must not exist or be empty)."),
) -> None:
    """Back up the FAQ and tracker databases while the server runs (SQLite's online backup API; pg_dump
    for PostgreSQL). Never copy a live SQLite file instead."""
    from faq.content.backup import BackupError
    from faq.content.backup import backup as run_backup

    databases = _deployment_databases()
    try:
        manifest = run_backup(databases, dest)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for entry in manifest["databases"]:
        typer.echo(
            f"{entry['name']}: {entry['source']} → {dest / entry['file']} "
            f"({entry['bytes']} bytes, integrity {entry['integrity']})"
        )
    for skipped in manifest["skipped"]:
        typer.echo(f"{skipped['name']}: not backed up: {skipped['reason']}")
    typer.echo(f"backup of {manifest['created_at']}, schema revision {manifest['alembic_revision']}: {dest}")


@app.command()
def restore(
    src: Path = typer.Argument(..., help="A directory made by `python -m faq backup`."),
    force: bool = typer.Option(False, "--force", help="Replace databases that hold tables."),
) -> None:
    """Put a backup back into the configured databases. Refuses to replace a database in use unless
    --force; stop the server first."""
    from faq.content.backup import BackupError, read_manifest
    from faq.content.backup import restore as run_restore

    databases = _deployment_databases()
    try:
        manifest = read_manifest(src)
        done = run_restore(databases, src, force=force)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    for restored in done:
        typer.echo(restored.line())
    typer.echo(
        f"restored the backup of {manifest['created_at']} (schema revision {manifest['alembic_revision']}); "
        f"next: `python -m faq index` (rebuilds the search index if the restored entries differ), then "
        f"start or restart the server (it brings the schema to this release's revision)"
    )
