"""Tags, notes, the queue, saved searches and mutes in a `state export` file, and how an import merges them.

The sections sit next to ``papers`` in the same version-1 document: an older reader imports the stars
and read marks of a newer file and leaves these alone. The merge rules, each safe to run twice:

* tags: the union (a tag from either side stays);
* notes: the newer note wins; when the other one says something else it is kept below the winner as a
  conflict copy, so nothing written on either computer is lost;
* queue: the order of the side whose queue changed last; a paper only the other side has stays when it
  was queued after that change (the newer side cannot have taken it off), else it was finished there;
* saved searches: the union by name, the newer one when both have a name; mutes: the union.
"""

from __future__ import annotations

from typing import Any

from reader.core import arxiv
from reader.core.errors import StateError
from reader.stores.organise import Note, OrganiseStore, SavedSearch, clean_mute, clean_tag

CONFLICT_RULE = "\n\n---\n\n"


def export_organise(store: OrganiseStore) -> dict[str, Any]:
    """The sections `export_state` adds to the document."""
    notes = store.notes()
    times = store.saved_search_times()
    return {
        "tags": {arxiv_id: list(tags) for arxiv_id, tags in sorted(store.all_tags().items())},
        "notes": {arxiv_id: {"text": notes[arxiv_id].text, "updated_at": notes[arxiv_id].updated_at}
                  for arxiv_id in sorted(notes)},
        "queue": {"changed_at": store.queue_changed_at(),
                  "papers": [{"arxiv_id": arxiv_id, "added_at": added_at}
                             for arxiv_id, added_at in store.queue_entries()]},
        "saved_searches": [{"name": saved.name, "query": saved.query, "exact": saved.exact,
                            "updated_at": times.get(saved.name.casefold(), "")} for saved in store.saved_searches()],
        "mutes": store.mutes(),
    }


def import_organise(store: OrganiseStore, data: dict[str, Any], skipped: list[str]) -> list[str]:
    """Merge the sections of an exported document (a file without them changes nothing); returns one line
    per kind of thing the import changed, and appends to `skipped` one message per entry it could not use."""
    changes = [
        _count(_merge_tags(store, data.get("tags"), skipped), "paper", "newly tagged"),
        _count(_merge_notes(store, data.get("notes"), skipped), "note", "added or merged"),
        _merge_queue(store, data.get("queue"), skipped),
        _count(_merge_saved(store, data.get("saved_searches"), skipped), "saved search", "added or updated",
               plural="saved searches"),
        _count(_merge_mutes(store, data.get("mutes"), skipped), "mute filter", "added"),
    ]
    return [change for change in changes if change]


def merged_note(here: Note | None, incoming: Note) -> Note | None:
    """The note to keep after an import, or None when this computer's note already says it all."""
    if here is None:
        return incoming
    if incoming.text.strip() in here.text:
        return None  # the same note, or one merged before
    if here.text.strip() in incoming.text:
        return incoming
    newer, older = (incoming, here) if incoming.updated_at > here.updated_at else (here, incoming)
    where = "the imported file" if older is incoming else "this computer"
    copy = f"**Conflict copy** (from {where}, written {older.updated_at[:16].replace('T', ' ')} UTC):\n\n{older.text}"
    return Note(newer.text.rstrip() + CONFLICT_RULE + copy, newer.updated_at)


def _merge_tags(store: OrganiseStore, section: Any, skipped: list[str]) -> int:
    if section is None:
        return 0
    if not isinstance(section, dict):
        skipped.append('"tags": expected an object of arXiv id -> list of tags')
        return 0
    before = store.all_tags()
    changed = 0
    for arxiv_id, tags in section.items():
        if not _is_id(arxiv_id) or not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            skipped.append(f"tags of {arxiv_id!r}: expected an arXiv id and a list of tags")
            continue
        names = []
        for tag in tags:
            try:
                names.append(clean_tag(tag))
            except StateError as error:
                skipped.append(f"tag {tag!r} of {arxiv_id}: {error}")
        known = {tag.casefold() for tag in before.get(arxiv.normalise(arxiv_id), ())}
        if any(name.casefold() not in known for name in names):
            store.add_tags([arxiv_id], names)
            changed += 1
    return changed


def _merge_notes(store: OrganiseStore, section: Any, skipped: list[str]) -> int:
    if section is None:
        return 0
    if not isinstance(section, dict):
        skipped.append('"notes": expected an object of arXiv id -> {"text", "updated_at"}')
        return 0
    changed = 0
    for arxiv_id, value in section.items():
        if (not _is_id(arxiv_id) or not isinstance(value, dict) or not isinstance(value.get("text"), str)
                or not isinstance(value.get("updated_at", ""), str)):
            skipped.append(f"note of {arxiv_id!r}: expected an arXiv id and {{\"text\", \"updated_at\"}}")
            continue
        if not value["text"].strip():
            continue
        keep = merged_note(store.note(arxiv_id), Note(value["text"], value.get("updated_at", "")))
        if keep is not None:
            try:
                store.set_note(arxiv_id, keep.text, keep.updated_at)
            except StateError as error:
                skipped.append(f"note of {arxiv_id}: {error}")
                continue
            changed += 1
    return changed


def _merge_queue(store: OrganiseStore, section: Any, skipped: list[str]) -> str:
    if section is None:
        return ""
    papers = section.get("papers") if isinstance(section, dict) else None
    changed_at = section.get("changed_at", "") if isinstance(section, dict) else None
    if not isinstance(papers, list) or not isinstance(changed_at, str):
        skipped.append('"queue": expected {"changed_at", "papers": [{"arxiv_id", "added_at"}]}')
        return ""
    incoming: list[tuple[str, str]] = []
    for entry in papers:
        if (not isinstance(entry, dict) or not _is_id(entry.get("arxiv_id"))
                or not isinstance(entry.get("added_at", ""), str)):
            skipped.append(f"queue entry {entry!r}: expected {{\"arxiv_id\", \"added_at\"}}")
            continue
        incoming.append((arxiv.normalise(entry["arxiv_id"]), entry.get("added_at", "")))
    here, here_changed = store.queue_entries(), store.queue_changed_at()
    if changed_at > here_changed:
        newer, older, newer_changed = incoming, here, changed_at
    else:
        newer, older, newer_changed = here, incoming, here_changed
    in_newer = {arxiv_id for arxiv_id, _added in newer}
    merged = newer + [(i, added) for i, added in older if i not in in_newer and added > newer_changed]
    if merged == here:
        return ""
    store.replace_queue(merged, max(changed_at, here_changed))
    side = "the imported file" if newer is incoming else "this computer"
    return f"reading queue: {len(merged)} papers, in the order of {side}"


def _merge_saved(store: OrganiseStore, section: Any, skipped: list[str]) -> int:
    if section is None:
        return 0
    if not isinstance(section, list):
        skipped.append('"saved_searches": expected a list of {"name", "query", "exact", "updated_at"}')
        return 0
    here = {saved.name.casefold(): saved for saved in store.saved_searches()}
    times = store.saved_search_times()
    changed = 0
    for entry in section:
        fields = ("name", "query", "updated_at")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(f, ""), str) for f in fields) \
                or not isinstance(entry.get("exact", False), bool):
            skipped.append(f"saved search {entry!r}: expected {{\"name\", \"query\", \"exact\", \"updated_at\"}}")
            continue
        saved = SavedSearch(entry.get("name", ""), entry.get("query", ""), entry.get("exact", False))
        key, updated_at = saved.name.strip().casefold(), entry.get("updated_at", "")
        if key in here and (here[key] == saved or updated_at <= times.get(key, "")):
            continue
        try:
            store.save_search(saved.name, saved.query, saved.exact, updated_at or None)
        except StateError as error:
            skipped.append(f"saved search {saved.name!r}: {error}")
            continue
        changed += 1
    return changed


def _merge_mutes(store: OrganiseStore, section: Any, skipped: list[str]) -> int:
    if section is None:
        return 0
    if not isinstance(section, list):
        skipped.append('"mutes": expected a list of words or author:NAME')
        return 0
    here = {rule.casefold() for rule in store.mutes()}
    new = []
    for rule in section:
        try:
            clean = clean_mute(rule) if isinstance(rule, str) else clean_mute("")
        except StateError as error:
            skipped.append(f"mute filter {rule!r}: {error}")
            continue
        if clean.casefold() not in here:
            here.add(clean.casefold())
            new.append(clean)
    if new:
        store.add_mutes(new)
    return len(new)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and arxiv.is_arxiv_id(value)


def _count(number: int, noun: str, done: str, plural: str | None = None) -> str:
    if not number:
        return ""
    return f"{number} {noun if number == 1 else plural or noun + 's'} {done}"
