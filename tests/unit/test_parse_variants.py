"""Every variant of the digest-format guide, on synthetic text, with its exact parse result."""

from __future__ import annotations

import textwrap

import pytest

from reader.core.models import Digest, Media, Paper, Problem, Section
from reader.core.parse import parse_digest

PATH = "digest.md"
URL = "https://arxiv.org/abs/2501.00001"


def parse(text: str) -> Digest:
    return parse_digest(textwrap.dedent(text).lstrip("\n"), PATH)


def only_paper(text: str) -> Paper:
    digest = parse(text)
    assert digest.problems == ()
    (paper,) = digest.papers
    return paper


def paper_with(body: str, heading: str = f"### [Synthetic Paper]({URL})") -> Paper:
    """The one paper of a 2025-01-02 digest whose heading is followed by ``body``."""
    return only_paper(f"## Daily Papers (2025-01-02)\n\n{heading}\n\n{textwrap.dedent(body).strip()}\n")


# --- header and file ---------------------------------------------------------------------------


def test_skeleton_parses_into_every_field() -> None:
    digest = parse(
        f"""
        ## Daily Papers (2025-01-02)

        ### [Synthetic Paper]({URL})

        ![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png)

        Vote: 7

        Authors: Ana Lima, Bo Chen

        - ***What's New***: 새로운 방법을 제안합니다.
        - ***Technical Details***: 두 단계로 학습합니다.
        - ***Performance Highlights***: 기존 모델보다 좋습니다.

        ### [Second Paper](https://arxiv.org/abs/2501.00002)

        Vote: 1
        """
    )
    assert digest.problems == ()
    assert digest.papers == (
        Paper(
            arxiv_id="2501.00001",
            date="2025-01-02",
            title="Synthetic Paper",
            url=URL,
            votes=7,
            authors=("Ana Lima", "Bo Chen"),
            media=Media("image", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png"),
            sections=(
                Section("What's New", "새로운 방법을 제안합니다."),
                Section("Technical Details", "두 단계로 학습합니다."),
                Section("Performance Highlights", "기존 모델보다 좋습니다."),
            ),
            source=PATH,
            line=3,
        ),
        Paper("2501.00002", "2025-01-02", "Second Paper", "https://arxiv.org/abs/2501.00002", 1,
              source=PATH, line=15),
    )


def test_repeated_header_continues_the_same_day_and_a_new_date_switches_day() -> None:
    digest = parse(
        """
        ## Daily Papers (2025-01-02)

        ### [One](https://arxiv.org/abs/2501.00001)

        ## Daily Papers (2025-01-02)

        ### [Two](https://arxiv.org/abs/2501.00002)

        ## Daily Papers (2025-01-03)

        ### [Three](https://arxiv.org/abs/2501.00003)
        """
    )
    assert digest.problems == ()
    assert [(p.title, p.date, p.line) for p in digest.papers] == [
        ("One", "2025-01-02", 3),
        ("Two", "2025-01-02", 7),
        ("Three", "2025-01-03", 11),
    ]
    assert digest.dates == ("2025-01-02", "2025-01-03")


def test_same_paper_on_two_days_gives_two_entries() -> None:
    digest = parse(
        """
        ## Daily Papers (2025-01-02)

        ### [Shared](https://arxiv.org/abs/2501.00001)

        ## Daily Papers (2025-01-03)

        ### [Shared](https://arxiv.org/abs/2501.00001)
        """
    )
    assert digest.problems == ()
    assert [paper.key for paper in digest.papers] == ["2025-01-02/2501.00001", "2025-01-03/2501.00001"]


def test_readme_wrapper_sections_are_not_digest_content() -> None:
    digest = parse(
        """
        # Daily Papers

        ## Project Description

        This repository summarises papers, e.g. [a paper](https://arxiv.org/abs/2401.99999).

        ### [Example in the description](https://arxiv.org/abs/2401.99998)

        ## Daily Papers (2025-01-02)

        ### [Real Paper](https://arxiv.org/abs/2501.00001)

        - 요약입니다.

        ## License

        - 라이선스 문단은 요약이 아닙니다.

        ### [After the license](https://arxiv.org/abs/2401.99997)

        ## Citation

        ```bibtex
        @misc{daily,
        ### [Inside bibtex](https://arxiv.org/abs/2401.99996)
        }
        ```

        ## Star History

        [![Star History Chart](https://api.star-history.com/svg)](https://star-history.com)
        """
    )
    assert digest.problems == ()
    assert digest.papers == (
        Paper("2501.00001", "2025-01-02", "Real Paper", "https://arxiv.org/abs/2501.00001", None,
              sections=(Section(None, "요약입니다."),), source=PATH, line=11),
    )


def test_fenced_code_inside_digest_content_is_never_a_paper() -> None:
    digest = parse(
        """
        ## Daily Papers (2025-01-02)

        ~~~
        ### [Quoted heading](https://arxiv.org/abs/2501.00009)
        ~~~

        ### [Real](https://arxiv.org/abs/2501.00001)
        """
    )
    assert [paper.arxiv_id for paper in digest.papers] == ["2501.00001"]
    assert digest.problems == ()


def test_file_without_header_is_not_a_digest() -> None:
    digest = parse(
        """
        # My notes

        ### [A paper](https://arxiv.org/abs/2501.00001)
        """
    )
    assert digest.papers == ()
    assert digest.problems == (Problem(PATH, 0, "no '## Daily Papers (YYYY-MM-DD)' header; not a digest"),)


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-01", "2025-1-2", "yesterday"])
def test_header_with_an_impossible_date_is_reported_and_its_papers_skipped(date: str) -> None:
    digest = parse(
        f"""
        ## Daily Papers ({date})

        ### [Lost](https://arxiv.org/abs/2501.00001)

        ## Daily Papers (2025-01-03)

        ### [Kept](https://arxiv.org/abs/2501.00002)
        """
    )
    assert [paper.title for paper in digest.papers] == ["Kept"]
    assert digest.problems == (
        Problem(PATH, 1, f"invalid date {date!r} in header; its papers are skipped"),
    )


# --- title line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "A*: Sampling with Stars",
        "S*: Test Time Scaling for Code Generation",
        "CFG-Zero*: Improved Guidance",
        "[IDK] Token: Teaching Uncertainty",
        "Towards GPT-[n] Agents",
        "Aligning V_AI with Users",
        "M$^{2}$UGen: Music Understanding",
        "$\\textit{Trans-LoRA}$: data-free transfer",
        "$\\nabla^2$DFT: a universal dataset",
        "Nested [link](https://example.org) inside a title",
    ],
)
def test_title_is_kept_exactly_as_written(title: str) -> None:
    paper = only_paper(f"## Daily Papers (2025-01-02)\n\n### [{title}]({URL})\n")
    assert (paper.title, paper.url, paper.arxiv_id) == (title, URL, "2501.00001")


@pytest.mark.parametrize(
    ("url", "arxiv_id"),
    [
        ("https://arxiv.org/abs/2501.00001v3", "2501.00001"),
        ("http://arxiv.org/abs/1312.6114", "1312.6114"),
        ("https://arxiv.org/pdf/2501.00001v2", "2501.00001"),
        ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ("https://arxiv.org/abs/math.GT/0309136v1", "math.GT/0309136"),
    ],
)
def test_arxiv_id_comes_from_the_link_without_version(url: str, arxiv_id: str) -> None:
    paper = only_paper(f"## Daily Papers (2025-01-02)\n\n### [Paper]({url})\n")
    assert (paper.arxiv_id, paper.url) == (arxiv_id, url)


def test_heading_without_arxiv_link_is_skipped_with_its_body() -> None:
    digest = parse(
        """
        ## Daily Papers (2025-01-02)

        ### [First](https://arxiv.org/abs/2501.00001)

        - 첫 논문 요약.

        ### [Blog post](https://example.org/post)

        - 이 요약은 첫 논문에 붙으면 안 됩니다.

        ### Plain heading

        ### [Last](https://arxiv.org/abs/2501.00002)
        """
    )
    assert [(paper.title, paper.sections) for paper in digest.papers] == [
        ("First", (Section(None, "첫 논문 요약."),)),
        ("Last", ()),
    ]
    assert digest.problems == (
        Problem(PATH, 7, "paper heading has no arXiv link; skipped"),
        Problem(PATH, 11, "paper heading has no arXiv link; skipped"),
    )


def test_duplicate_paper_on_the_same_day_keeps_the_first() -> None:
    digest = parse(
        """
        ## Daily Papers (2025-01-02)

        ### [Original](https://arxiv.org/abs/2501.00001)

        Vote: 3

        ### [Copy](https://arxiv.org/abs/2501.00001v2)

        Vote: 9
        """
    )
    assert [(paper.title, paper.votes) for paper in digest.papers] == [("Original", 3)]
    assert digest.problems == (Problem(PATH, 7, "duplicate of line 3; skipped"),)


# --- media line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "media"),
    [
        ("![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png)",
         Media("image", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png")),
        ("![](https://cdn-uploads.huggingface.co/production/uploads/abc/fig.png)",
         Media("image", "https://cdn-uploads.huggingface.co/production/uploads/abc/fig.png")),
        ("![](https://cdn-avatars.huggingface.co/v1/production/uploads/u.png)",
         Media("image", "https://cdn-avatars.huggingface.co/v1/production/uploads/u.png")),
        ("![](/avatars/0123abcd.svg)", Media("image", "https://huggingface.co/avatars/0123abcd.svg")),
        ("![]()", None),
        ("<video src='https://cdn.example.org/clip.mp4'></video>",
         Media("video", "https://cdn.example.org/clip.mp4")),
        ('<video src="https://cdn.example.org/clip.mp4" controls></video>',
         Media("video", "https://cdn.example.org/clip.mp4")),
    ],
)
def test_media_line(line: str, media: Media | None) -> None:
    paper = paper_with(f"{line}\n\nVote: 2\n\n- 요약.")
    assert (paper.media, paper.votes, paper.sections) == (media, 2, (Section(None, "요약."),))


def test_watch_video_link_and_its_video_tag_are_one_media_item() -> None:
    paper = paper_with(
        """
        [Watch Video](https://cdn-uploads.huggingface.co/production/uploads/x/demo.mp4)
        <div><video controls src="https://cdn-uploads.huggingface.co/production/uploads/x/demo.mp4" muted="false"></video></div>

        Vote: 5

        - ***What's New***: 영상이 있는 논문.
        """  # noqa: E501 - the video tag is one line in the archive
    )
    assert paper.media == Media("video", "https://cdn-uploads.huggingface.co/production/uploads/x/demo.mp4")
    assert paper.sections == (Section("What's New", "영상이 있는 논문."),)


@pytest.mark.parametrize(
    "link",
    [
        "[Watch Video]https://cdn-uploads.huggingface.co/production/uploads/k9/clip.mp4",
        "[Watch Video] https://cdn-uploads.huggingface.co/production/uploads/k9/clip.mp4",
        "[Watch Video] (https://cdn-uploads.huggingface.co/production/uploads/k9/clip.mp4)",
    ],
    ids=["no-parentheses", "space-no-parentheses", "space-before-parentheses"],
)
def test_watch_video_link_without_parentheses_keeps_votes_and_authors(link: str) -> None:
    paper = paper_with(
        f"""
        {link}
        <div><video controls src="https://cdn-uploads.huggingface.co/production/uploads/k9/clip.mp4" muted="false"></video></div>

        Vote: 17

        Authors: Hana Park, Luis Ortega, +

        - 영상 설명이 붙은 요약입니다.
        - 두 번째 요점.
        """  # noqa: E501 - the video tag is one line in the archive
    )
    assert paper.media == Media("video", "https://cdn-uploads.huggingface.co/production/uploads/k9/clip.mp4")
    assert (paper.votes, paper.authors, paper.authors_truncated) == (17, ("Hana Park", "Luis Ortega"), True)
    assert paper.sections == (Section(None, "영상 설명이 붙은 요약입니다."), Section(None, "두 번째 요점."))


def test_unrecognised_lines_before_the_summary_do_not_turn_metadata_into_summary_text() -> None:
    paper = paper_with(
        """
        프로젝트 페이지: https://example.org/demo [데모]

        ![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png)

        (썸네일 설명)
        Vote: 8
        <span>표시되지 않은 줄</span>

        Authors: Mina Seo, Tom Baker

        - ***What's New***: 요약 본문.
        """
    )
    assert paper.media == Media("image", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png")
    assert (paper.votes, paper.authors) == (8, ("Mina Seo", "Tom Baker"))
    assert paper.sections == (
        Section(None, "프로젝트 페이지: https://example.org/demo [데모]\n(썸네일 설명)\n<span>표시되지 않은 줄</span>"),
        Section("What's New", "요약 본문."),
    )


@pytest.mark.parametrize("line", ["[Watch Video]", "[Watch Video] 영상 보기"], ids=["bare", "text"])
def test_watch_video_without_a_url_is_summary_text_and_the_metadata_kept(line: str) -> None:
    paper = paper_with(
        f"""
        {line}
        <div><video controls src="https://cdn.example.org/v/talk.mp4" muted="false"></video></div>
        Vote: 4
        Authors: Yuki Sato
        - 요약.
        """
    )
    assert paper.media == Media("video", "https://cdn.example.org/v/talk.mp4")
    assert (paper.votes, paper.authors) == (4, ("Yuki Sato",))
    assert paper.sections == (Section(None, line), Section(None, "요약."))


@pytest.mark.parametrize("first", ["- 첫 요점.", "1) 첫 요점.", "1. 첫 요점."], ids=["bullet", "paren", "dot"])
def test_metadata_looking_lines_after_the_first_summary_item_are_summary_text(first: str) -> None:
    paper = paper_with(f"Vote: 2\n\n{first}\nVote: 9\n\nAuthors: 본문에 쓰인 줄\n![](https://a.example.org/fig.png)")
    text = first.removeprefix("- ")
    assert (paper.votes, paper.authors, paper.media) == (2, (), None)
    assert paper.sections == (
        Section(None, f"{text}\nVote: 9\nAuthors: 본문에 쓰인 줄\n![](https://a.example.org/fig.png)"),
    )


def test_first_media_line_wins() -> None:
    paper = paper_with("![](https://a.example.org/1.png)\n![](https://a.example.org/2.png)\n\n- 요약.")
    assert paper.media == Media("image", "https://a.example.org/1.png")
    assert paper.sections == (Section(None, "요약."),)


# --- vote and authors lines ----------------------------------------------------------------------


@pytest.mark.parametrize(("body", "votes"), [("Vote: 54", 54), ("Vote: 0", 0), ("Vote: -", None), ("- 요약.", None)])
def test_vote_line(body: str, votes: int | None) -> None:
    assert paper_with(body).votes == votes


def test_comma_authors_with_plus_marker_keep_every_name() -> None:
    paper = paper_with("Authors: Alice Kim, Bob Stone, +, Carol Diaz, Dan Wu")
    assert paper.authors == ("Alice Kim", "Bob Stone", "Carol Diaz", "Dan Wu")
    assert paper.authors_truncated is True


def test_trailing_plus_marks_truncated_authors() -> None:
    paper = paper_with("Authors: Alice Kim, Bob Stone, +")
    assert (paper.authors, paper.authors_truncated) == (("Alice Kim", "Bob Stone"), True)


def test_list_literal_authors_drop_the_and_prefix() -> None:
    paper = paper_with("Authors: ['A. Author', \"B. O'Brien\", 'and C. Author']")
    assert (paper.authors, paper.authors_truncated) == (("A. Author", "B. O'Brien", "C. Author"), False)


def test_broken_list_literal_authors_fall_back_to_a_tolerant_split() -> None:
    paper = paper_with("Authors: ['A. Author', 'B. Author', 'and C. Author'")
    assert paper.authors == ("A. Author", "B. Author", "C. Author")


def test_author_names_keep_non_ascii_letters_apostrophes_and_hyphens() -> None:
    paper = paper_with("Authors: Efe Mert Çırpar, Mads Thunø, Seán O'Neill, Jean-Luc Picard, 김민수, , ")
    assert paper.authors == ("Efe Mert Çırpar", "Mads Thunø", "Seán O'Neill", "Jean-Luc Picard", "김민수")


# --- summary body --------------------------------------------------------------------------------


def test_labelled_bullets_in_every_style() -> None:
    paper = paper_with(
        """
        - ***What’s New***: 작은따옴표는 ’ 그대로 둡니다.
        - **Technical Details**: 굵은 라벨.
        - **Conclusion:** 콜론이 굵은 글씨 안에 있습니다.
        - **Limitations**: 한계.
        - **Related Work**: 관련 연구.
        - **Methodology**: 방법론.
        - ***고찰***: 한국어 라벨.
        - **What's New - Related Work**: 복합 라벨.
        """
    )
    assert paper.sections == (
        Section("What's New", "작은따옴표는 ’ 그대로 둡니다."),
        Section("Technical Details", "굵은 라벨."),
        Section("Conclusion", "콜론이 굵은 글씨 안에 있습니다."),
        Section("Limitations", "한계."),
        Section("Related Work", "관련 연구."),
        Section("Methodology", "방법론."),
        Section("고찰", "한국어 라벨."),
        Section("What's New - Related Work", "복합 라벨."),
    )


@pytest.mark.parametrize(
    "line",
    [
        "- ***Technical Details*: 닫는 별표가 하나뿐입니다.",
        "- ***Technical Details**: 닫는 별표가 두 개입니다.",
        "- **Technical Details***: 닫는 별표가 더 많습니다.",
        "- ***Technical Details:* 닫는 별표가 하나뿐입니다.",
    ],
    ids=["three-one", "three-two", "two-three", "three-colon-one"],
)
def test_label_whose_asterisks_do_not_balance_is_still_a_label(line: str) -> None:
    paper = paper_with(f"Vote: 3\n\n- ***What's New***: 새 방법.\n{line}\n- ***Performance Highlights***: 결과.")
    text = line.split(" ", 3)[-1]
    assert paper.sections == (
        Section("What's New", "새 방법."),
        Section("Technical Details", text),
        Section("Performance Highlights", "결과."),
    )


def test_plain_bullets_are_one_unlabelled_section_each() -> None:
    paper = paper_with(
        """
        - 첫 번째 요점.
        * 두 번째 요점은 **굵게** 강조합니다.
        - **굵은 시작** 문장이지만 라벨은 아닙니다.
        """
    )
    assert paper.sections == (
        Section(None, "첫 번째 요점."),
        Section(None, "두 번째 요점은 **굵게** 강조합니다."),
        Section(None, "**굵은 시작** 문장이지만 라벨은 아닙니다."),
    )


def test_nested_numbered_and_continuation_lines_join_the_current_section() -> None:
    paper = paper_with(
        """
        - **Technical Details**: 세 가지 구성 요소가 있습니다:
          - 인코더
            - 패치 임베딩
          - 디코더
        1) 첫째, 사전 학습.
        1. **Stage One**: 미세 조정.
        다음 줄로 이어지는 문장.
        - **Performance Highlights**: 좋습니다.
        """
    )
    assert paper.sections == (
        Section(
            "Technical Details",
            "세 가지 구성 요소가 있습니다:\n"
            "  - 인코더\n"
            "    - 패치 임베딩\n"
            "  - 디코더\n"
            "1) 첫째, 사전 학습.\n"
            "1. **Stage One**: 미세 조정.\n"
            "다음 줄로 이어지는 문장.",
        ),
        Section("Performance Highlights", "좋습니다."),
    )


def test_four_space_nesting_is_normalised_to_two_spaces_per_level() -> None:
    paper = paper_with("- 상위\n    - 하위\n        - 더 하위\n    - 다시 하위")
    assert paper.sections == (Section(None, "상위\n  - 하위\n    - 더 하위\n  - 다시 하위"),)


def test_numbered_lines_before_any_bullet_start_an_unlabelled_section() -> None:
    paper = paper_with("1) 첫째.\n2) 둘째.\n\n- 요점.")
    assert paper.sections == (Section(None, "1) 첫째.\n2) 둘째."), Section(None, "요점."))


def test_list_literal_value_becomes_bullets() -> None:
    paper = paper_with("- **Performance Highlights**: ['첫 번째 결과.', \"두 번째 'quoted' 결과.\"]")
    assert paper.sections == (Section("Performance Highlights", "- 첫 번째 결과.\n- 두 번째 'quoted' 결과."),)


def test_broken_list_literal_value_is_kept_as_written() -> None:
    paper = paper_with("- **Performance Highlights**: ['열린 문자열, 닫히지 않음]")
    assert paper.sections == (Section("Performance Highlights", "['열린 문자열, 닫히지 않음]"),)


def test_blank_lines_separate_without_ending_the_paper() -> None:
    paper = paper_with("- 하나.\n\n\n- 둘.\n\n이어짐.")
    assert paper.sections == (Section(None, "하나."), Section(None, "둘.\n이어짐."))


def test_text_keeps_markdown_urls_and_unicode_as_written() -> None:
    text = "`code`, *기울임*, [링크](https://example.org), https://github.com/x/y 참고, 𝒵𝒮2𝒵 모델, 4×4, ∞-Bench"
    paper = paper_with(f"- ***What's New***: {text}")
    assert paper.sections == (Section("What's New", text),)


def test_summary_cut_mid_word_is_shown_as_is() -> None:
    paper = paper_with("- **What's New**: 이 논문은 새로운 방법을 제안하며, 이는 기존 방")
    assert paper.sections == (Section("What's New", "이 논문은 새로운 방법을 제안하며, 이는 기존 방"),)


def test_early_2023_paper_with_heading_only_is_valid() -> None:
    digest = parse(
        """
        ## Daily Papers (2023-11-20)

        ### [Bare One](https://arxiv.org/abs/2311.00001)

        ### [Bare Two](https://arxiv.org/abs/2311.00002)
        - 짧은 요약.
        """
    )
    assert digest.problems == ()
    assert digest.papers == (
        Paper("2311.00001", "2023-11-20", "Bare One", "https://arxiv.org/abs/2311.00001", None,
              source=PATH, line=3),
        Paper("2311.00002", "2023-11-20", "Bare Two", "https://arxiv.org/abs/2311.00002", None,
              sections=(Section(None, "짧은 요약."),), source=PATH, line=5),
    )


def test_separator_lines_between_papers_are_not_summary_text() -> None:
    paper = paper_with("- 요약.\n\n---")
    assert paper.sections == (Section(None, "요약."),)


def test_level_four_heading_inside_a_paper_is_summary_text() -> None:
    paper = paper_with("- 요약.\n#### 부록")
    assert paper.sections == (Section(None, "요약.\n#### 부록"),)
