"""A small library of our own making where the glossary knows 강화학습 = reinforcement learning (RL).

Two papers write the pair (the glossary keeps a pair two papers write); one writes only the English
form, one only the Korean. Shared by the search-mode, glossary-view and search-worker tests.
"""

from __future__ import annotations

from pathlib import Path

DAY = "2025-03-01"
PAPERS = [
    ("2503.00001", "Walking Robots", "보행 로봇을 강화학습(Reinforcement Learning; RL)으로 훈련한다."),
    ("2503.00002", "Reward Growth", "우리는 강화 학습(RL)으로 보상을 키운다."),
    ("2503.00003", "Agent Recipes", "A new reinforcement learning recipe for agents, 보상 설계 포함."),
    ("2503.00004", "Korean Only", "강화학습 기반 보행 제어를 다룬다."),
    ("2503.00005", "Unrelated Vision", "이미지 분할 모델을 개선한다."),
]
ENGLISH_ONLY = "2503.00003"
KOREAN_WRITERS = {"2503.00001", "2503.00002", "2503.00004"}


def write_digests(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"## Daily Papers ({DAY})", ""]
    for arxiv_id, title, body in PAPERS:
        lines += [f"### [{title}](https://arxiv.org/abs/{arxiv_id})", "", "Authors: Kim Lee", "", f"- {body}", ""]
    (folder / f"{DAY}.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def bilingual_data_dir(tmp_path: Path) -> Path:
    """An indexed data directory holding only these papers (the seeds hidden)."""
    from reader.library import Library

    data_dir = tmp_path / "bilingual"
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([write_digests(tmp_path / "digests")])
        library.update()
    return data_dir
