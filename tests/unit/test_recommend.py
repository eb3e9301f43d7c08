"""For you: the order learned from stars and "not interested", its reasons, cold start, similar papers, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.contract import PAPER_KEYS
from reader.library import Library

DAYS = ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"]
# (title, Korean summary, votes) per kind; each day lists one of each, numbered by day.
KINDS = {
    "humanoid": ("Humanoid Robot Walking {n}", "휴머노이드 로봇의 보행 제어를 학습한다. 로봇 보행 정책.", 3),
    "arm": ("Robot Arm Grasping {n}", "로봇 팔의 파지 동작을 촉각 센서로 학습한다. 로봇 조작 정책.", 2),
    "speech": ("Speech Synthesis Voices {n}", "음성 합성 모델로 자연스러운 목소리를 만든다. 음성 데이터셋.", 30),
    "vision": ("Image Segmentation Benchmark {n}", "이미지 분할 벤치마크에서 비전 모델을 평가한다. 분할 성능.", 50),
    "avatar": ("Humanoid Avatar Animation {n}", "휴머노이드 아바타 애니메이션을 생성한다. 캐릭터 동작 생성.", 40),
}


def arxiv_id(day_index: int, kind_index: int) -> str:
    return f"2503.{day_index * 10 + kind_index + 1:05d}"


def ids_of(kind: str) -> list[str]:
    index = list(KINDS).index(kind)
    return [arxiv_id(day, index) for day in range(len(DAYS))]


def write_digests(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for day_index, day in enumerate(DAYS):
        lines = [f"## Daily Papers ({day})", ""]
        for kind_index, (title, body, votes) in enumerate(KINDS.values()):
            number = arxiv_id(day_index, kind_index)
            lines += [f"### [{title.format(n=day_index + 1)}](https://arxiv.org/abs/{number})", "",
                      f"Vote: {votes + day_index}", "", "Authors: Kim Lee", "", f"- {body}", ""]
        (folder / f"{day}.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([write_digests(tmp_path / "digests")])
        library.update()
    return data_dir


def cli_json(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> list[dict[str, object]]:
    assert main(["--data-dir", str(data_dir), *args, "--json"]) == 0
    objects: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return objects


def last_day_order(library: Library) -> list[str]:
    return [entry.paper.arxiv_id for entry in library.recommend(date=DAYS[-1])]


def test_below_three_stars_the_order_is_by_votes_and_the_reasons_say_so(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.set_starred(ids_of("arm")[:2])
        found = library.recommend(date=DAYS[-1])
        assert [entry.paper.votes for entry in found] == sorted((entry.paper.votes or 0 for entry in found),
                                                                 reverse=True)
        assert not library.for_you().learned
        assert all(entry.reasons[0].code == "few_stars" for entry in found)
        assert "only 2 of the 3 stars" in str(found[0].reasons[0])


def test_three_stars_put_their_kind_first_with_readable_reasons(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.set_starred(ids_of("arm")[:3])
        found = library.recommend(date=DAYS[-1])
        assert library.for_you().learned
        assert found[0].paper.arxiv_id == ids_of("arm")[3]  # the fewest votes of the day, and first
        reasons = [str(reason) for reason in found[0].reasons]
        assert any(reason.startswith("because you starred “Robot Arm Grasping") for reason in reasons)
        assert any(reason.startswith("terms: ") and "grasping" in reason for reason in reasons)
        assert found[-1].paper.arxiv_id not in (ids_of("arm") + ids_of("humanoid"))


def test_not_interested_leaves_the_list_and_pushes_its_terms_down(data_dir: Path) -> None:
    humanoid, arm = ids_of("humanoid")[3], ids_of("arm")[3]
    with Library(data_dir) as library:
        library.set_starred([*ids_of("humanoid")[:2], ids_of("arm")[0]])
        before = last_day_order(library)
        assert before.index(humanoid) < before.index(arm)
        model = library.for_you()
        gap = model.score(humanoid) - model.score(arm)
        library.set_dismissed(ids_of("avatar")[:3])  # humanoid avatars: not for this reader
        model = library.for_you()
        assert model.score(humanoid) - model.score(arm) < gap / 2
        library.set_dismissed([ids_of("humanoid")[2]])  # nor walking humanoids after all
        after = last_day_order(library)
        assert after.index(arm) < after.index(humanoid)
        library.set_dismissed([arm])
        assert arm not in last_day_order(library)
        assert arm not in [entry.paper.arxiv_id for entry in library.recommend()]
        library.set_dismissed([arm], False)
        assert arm in last_day_order(library)
        assert humanoid not in last_day_order_without(library, {humanoid})


def last_day_order_without(library: Library, hidden: set[str]) -> list[str]:
    return [entry.paper.arxiv_id for entry in library.recommend(date=DAYS[-1], exclude=hidden)]


def test_similar_papers_are_of_the_same_kind_and_leave_the_paper_out(data_dir: Path) -> None:
    arm = ids_of("arm")[0]
    with Library(data_dir) as library:
        found = library.similar(arm, 3)
        assert [paper.arxiv_id for paper, _ in found] == [i for i in ids_of("arm") if i != arm][:3] or \
            {paper.arxiv_id for paper, _ in found} == set(ids_of("arm")) - {arm}
        similarities = [similarity for _, similarity in found]
        assert similarities == sorted(similarities, reverse=True)


def test_cli_recommend_json_contract(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "star", *ids_of("speech")[:3]]) == 0
    assert main(["--data-dir", str(data_dir), "dismiss", ids_of("vision")[3]]) == 0
    capsys.readouterr()
    every = cli_json(capsys, data_dir, "recommend")
    assert len(every) == len(DAYS) * len(KINDS) - 1
    assert ids_of("vision")[3] not in [obj["arxiv_id"] for obj in every]
    listed = cli_json(capsys, data_dir, "list")
    for obj in every:
        assert list(obj)[: len(listed[0])] == list(listed[0]) and set(PAPER_KEYS) <= set(obj)
        assert isinstance(obj["score"], float)
        assert isinstance(obj["why"], list) and obj["why"] and all(isinstance(why, str) and why for why in obj["why"])
    scores = [obj["score"] for obj in every]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    day = cli_json(capsys, data_dir, "recommend", "--date", DAYS[-1], "--limit", "2")
    assert [obj["date"] for obj in day] == [DAYS[-1]] * 2
    assert day[0]["arxiv_id"] == ids_of("speech")[3]


def test_cli_similar_and_bad_input(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    speech = ids_of("speech")[1]
    found = cli_json(capsys, data_dir, "similar", speech, "--limit", "3")
    assert speech not in [obj["arxiv_id"] for obj in found]
    assert {obj["arxiv_id"] for obj in found} <= set(ids_of("speech")) and len(found) == 3
    assert [obj["score"] for obj in found] == sorted((obj["score"] for obj in found), reverse=True)  # type: ignore
    assert main(["--data-dir", str(data_dir), "similar", "2599.99999"]) == 1
    assert "not in the library" in capsys.readouterr().err
    for bad in (["recommend", "--date", "2025-13-01"], ["recommend", "--limit", "0"], ["similar", "nope"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["--data-dir", str(data_dir), *bad])
        assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_for_you_is_fitted_again_only_when_the_marks_change(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.set_starred(ids_of("arm")[:3])
        first = library.for_you()
        assert library.for_you() is first  # the same marks and papers: the same fit
        library.set_dismissed([ids_of("vision")[0]])
        again = library.for_you()
        assert again is not first and ids_of("vision")[0] in again.dismissed
        assert library.recommend()[-1].paper.arxiv_id != ids_of("vision")[0]  # a dismissed paper is not listed
