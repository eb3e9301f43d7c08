"""For you: a ranking learned from the reader's stars and "not interested" marks, with reasons and similar papers.

The model is a Rocchio profile over the tf-idf rows of :mod:`reader.features.recommend_text`: the mean of the
starred rows (each term weighted by the share of stars that have it, and spread over the other forms of each
English word), minus the mean of the dismissed ones, minus a little of the mean of all papers (what every paper
shares ranks nothing). A paper's score is its dot product with that profile. bench/recommend_quality.py
measures it against scikit-learn's TfidfVectorizer + LinearSVC (arxiv-sanity-lite's model) on the same simulated
readers: as good or better, with numpy only, and fitted in a few milliseconds once the matrix is built.

Below MIN_STARS stars there is too little to learn from: papers are ordered by votes, and the reasons say so.
Reasons are codes with arguments (:class:`~reader.features.recommend_reasons.Reason`), so a front end can
say them in its own language; ``str(reason)`` is the English text the command line prints.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from reader.features.recommend_reasons import MIN_STARS, Reason
from reader.features.recommend_text import CONCEPT_PREFIX, Corpus, FloatArray, IntArray

DISMISSED_WEIGHT = 1.0  # how far a "not interested" pushes its terms down, against a star's pull
BACKGROUND_WEIGHT = 0.5  # how much of the mean paper is taken away
LIKE_SIMILARITY = 0.08  # a starred paper closer than this is named as "because you starred ..."
REASON_TERMS = 3
# Similar papers: the paper's text plus that of its nearest papers ("more like these"), in two rounds: the nearest
# FEEDBACK_ROUNDS[0][0] weighted by their similarity ** [0][1], then, from what that finds, the nearest 5 again.
# One round of the nearest 3 gave precision@10 within a topic 0.562 on the development corpus; these rounds
# 0.591 (bench/recommend_quality.py), the first round's many papers reaching a subject's other wordings and the
# cube keeping the closest in front.
FEEDBACK_ROUNDS = ((20, 3.0), (5, 3.0))
FEEDBACK_WEIGHT = 1.0  # how much the nearest papers count, together, against the paper itself
# An expanded query keeps its heaviest terms: at 100,000 papers similar papers took 100 ms (median, quiet) with
# 600, 60 ms with 300, 44 ms with 200; precision@10 on the development corpus 0.605, 0.606, 0.600.
QUERY_TERMS = 300
# A term of the paper and its nearest papers counts by (the share of them that have it) ** this: what they
# agree on is the subject (one round of the nearest 3: precision@10 0.550 -> 0.562 on the development corpus,
# bench/recommend_quality.py; 1.0 gave 0.560).
FEEDBACK_AGREEMENT = 0.5
# The starred mean spreads over each English word's other forms (manipulation -> manipulative): a form gets
# this much of what its group holds. Daily top-3 hit, bench/recommend_quality.py: synthetic library 0.815 ->
# 0.863 (0.840 / 0.852 / 0.848 with 0.75 / 1.0 / 2.0), development corpus 0.883 -> 0.891. Only the profile
# spreads: the rows, and so similar papers, keep their own words (extra stem terms in the rows cost similar
# papers' precision@10 0.605 -> 0.50-0.53).
WORD_FORM_WEIGHT = 1.5


class ForYou:
    """One reader's For you over one library: scores, reasons and similar papers.

    Immutable once made, so a background thread can make it and the window use it.
    """

    def __init__(self, corpus: Corpus, starred: Collection[str], dismissed: Collection[str]) -> None:
        self.corpus = corpus
        self.matrix = matrix = corpus.matrix
        self.starred = frozenset(starred)
        self.dismissed = frozenset(dismissed)
        self._votes = votes = corpus.votes
        self._titles = corpus.titles
        self._labels = corpus.concept_labels
        self._starred_rows = [matrix.row_of[i] for i in sorted(self.starred) if i in matrix.row_of]
        self._stars: tuple[IntArray, FloatArray, IntArray] | None = None  # see _closest_star
        self.learned = len(self._starred_rows) >= MIN_STARS
        self.profile = self._profile() if self.learned else np.zeros(len(matrix.vocabulary), dtype=np.float32)
        by_votes = np.array([votes.get(i) or 0 for i in matrix.ids], dtype=np.float32)
        self._scores = matrix.times(self.profile) if self.learned else by_votes
        # Every paper's sort key, made here (on the thread that fits), so sorting 100,000 rows is one look-up each.
        self._order: dict[str, tuple[bool, float, int]] = {
            arxiv_id: (arxiv_id in self.dismissed, -score, -(votes.get(arxiv_id) or 0))
            for arxiv_id, score in zip(matrix.ids, self._scores.tolist(), strict=True)}

    def _profile(self) -> FloatArray:
        matrix = self.matrix
        # Each term of the starred mean is weighted by the share of starred papers that have it: what
        # several stars share is the subject, what one has is noise (daily top-3 hit on the synthetic
        # library 0.84 -> 0.86, on the development corpus 0.87 -> 0.88, bench/recommend_quality.py).
        star_columns = np.concatenate([matrix.row(index)[0] for index in self._starred_rows])
        share = np.bincount(star_columns, minlength=len(matrix.vocabulary)) / len(self._starred_rows)
        profile = matrix.sum_of_rows(self._starred_rows) / len(self._starred_rows) * share.astype(np.float32)
        columns, groups = matrix.word_forms()
        if len(columns):
            weights = profile[columns]
            group_sums = np.bincount(groups, weights=weights).astype(np.float32)
            profile[columns] = weights + WORD_FORM_WEIGHT * (group_sums[groups] - weights)
        dismissed_rows = [matrix.row_of[i] for i in self.dismissed if i in matrix.row_of]
        if dismissed_rows:
            profile -= DISMISSED_WEIGHT * matrix.sum_of_rows(dismissed_rows) / len(dismissed_rows)
        profile -= BACKGROUND_WEIGHT * matrix.mean_row
        return profile.astype(np.float32)

    def score(self, arxiv_id: str) -> float:
        """Higher is better; a paper the model has never seen scores 0 (or its votes, before MIN_STARS)."""
        row = self.matrix.row_of.get(arxiv_id)
        if row is None:
            return 0.0 if self.learned else float(self._votes.get(arxiv_id) or 0)
        return float(self._scores[row])

    def order_key(self, arxiv_id: str) -> tuple[bool, float, int]:
        """A sort key, best first: not dismissed, then score, then votes."""
        known = self._order.get(arxiv_id)
        if known is not None:
            return known
        return (arxiv_id in self.dismissed, -self.score(arxiv_id), -(self._votes.get(arxiv_id) or 0))

    def reasons(self, arxiv_id: str) -> list[Reason]:
        """Why this paper scores as it does; never empty."""
        if arxiv_id in self.dismissed:
            return [Reason("dismissed")]
        votes = self._votes.get(arxiv_id)
        if not self.learned:
            reasons = [Reason("few_stars", (str(len(self._starred_rows)), str(MIN_STARS)))]
            return reasons + ([Reason("votes", (str(votes),))] if votes is not None else [])
        reasons = [Reason("starred")] if arxiv_id in self.starred else []
        row = self.matrix.row_of.get(arxiv_id)
        if row is not None:
            liked = self._closest_star(row)
            if liked is not None:
                reasons.append(Reason("starred_like", (self._titles.get(liked, liked),)))
            named = self._top_terms(row)
            if named:
                reasons.append(Reason("terms", (", ".join(named),)))
        return reasons or [Reason("weak")]

    def similar(self, arxiv_id: str, limit: int = 5) -> list[tuple[str, float]]:
        """The papers most like this one, best first, the paper itself left out.

        Pseudo-relevance feedback: the cosine with the paper's terms plus those of its nearest papers
        (FEEDBACK_ROUNDS), less the mean paper's (what every paper shares says nothing), each term weighted by how
        many of them have it (FEEDBACK_AGREEMENT). The nearest papers bring the words a subject is also written
        with; on the development corpus precision@10 within a topic went 0.47 (cosine alone) -> 0.53 (one round
        of 3) -> 0.56 (agreement weights) -> 0.59 (two rounds; bench/recommend_quality.py). The score is scaled to
        about 1 for a twin, and may be below 0 (less alike than the mean paper) in a small library.
        """
        row = self.matrix.row_of.get(arxiv_id)
        if row is None or limit <= 0 or len(self.matrix) < 2:
            return []
        matrix = self.matrix
        columns, values = matrix.row(row)
        centred = matrix.mean_scores()
        cosine = matrix.times_sparse(columns, values)
        similarity = cosine - centred
        for papers, sharpness in FEEDBACK_ROUNDS:
            similarity[row] = -np.inf
            near = _best(similarity, min(papers, len(similarity) - 1))
            weights = np.maximum(similarity[near], np.float32(1e-6)) ** sharpness
            similarity = self._expanded(columns, values, near, weights / weights.sum(), centred)
        similarity[row] = -np.inf
        best = _best(similarity, min(limit, len(similarity) - 1))
        # A paper sharing no term with this one is not similar, however the nearest papers lean.
        return [(matrix.ids[index], float(similarity[index])) for index in best if cosine[index] > 0]

    def _expanded(self, columns: IntArray, values: FloatArray, near: IntArray, shares: FloatArray,
                  centred: FloatArray) -> FloatArray:
        """Every paper's similarity to a paper's terms (columns, values) plus its nearest papers', in these shares."""
        matrix = self.matrix
        parts = [matrix.row(int(index)) for index in near]
        all_columns = np.concatenate([columns, *(part[0] for part in parts)])
        all_values = np.concatenate([values, *(part[1] * (FEEDBACK_WEIGHT * share)
                                               for part, share in zip(parts, shares.tolist(), strict=True))])
        agreement = np.bincount(all_columns, minlength=len(matrix.vocabulary)) / (1 + len(parts))
        all_values *= (agreement[all_columns] ** FEEDBACK_AGREEMENT).astype(np.float32)
        query, where = np.unique(all_columns, return_inverse=True)
        weights = np.bincount(where, weights=all_values).astype(np.float32)
        if len(query) > QUERY_TERMS:
            heaviest = np.argpartition(-weights, QUERY_TERMS)[:QUERY_TERMS]
            query, weights = query[heaviest], weights[heaviest]
        return (matrix.times_sparse(query.astype(np.int32), weights) - centred) / (1 + FEEDBACK_WEIGHT)

    def _closest_star(self, row: int) -> str | None:
        """The starred paper most like this one (itself aside), when it is alike enough to name."""
        stars = self._stars
        if stars is None:  # the starred rows side by side, made on first use
            parts = [self.matrix.row(star_row) for star_row in self._starred_rows]
            owners = np.repeat(np.arange(len(parts), dtype=np.int32), [len(columns) for columns, _ in parts])
            stars = self._stars = (np.concatenate([columns for columns, _ in parts]),
                                   np.concatenate([values for _, values in parts]), owners.astype(np.int32))
        star_columns, star_values, owners = stars
        columns, values = self.matrix.row(row)
        dense = np.zeros(len(self.matrix.vocabulary), dtype=np.float32)
        dense[columns] = values
        similarity = np.bincount(owners, weights=dense[star_columns] * star_values, minlength=len(self._starred_rows))
        if row in self._starred_rows:
            similarity[self._starred_rows.index(row)] = -1.0
        best = int(np.argmax(similarity))
        return self.matrix.ids[self._starred_rows[best]] if similarity[best] > LIKE_SIMILARITY else None

    def _top_terms(self, row: int) -> list[str]:
        """The readable terms that lift this paper most: English words and glossary concepts, not Hangul bigrams."""
        columns, values = self.matrix.row(row)
        lift = values * self.profile[columns]
        named: list[str] = []
        for index in np.argsort(-lift, kind="stable"):
            if lift[index] <= 0 or len(named) == REASON_TERMS:
                break
            term = self.matrix.vocabulary[columns[index]]
            if term.startswith(CONCEPT_PREFIX):
                label = self._labels.get(term[len(CONCEPT_PREFIX):])
                if label and label not in named:
                    named.append(label)
            elif term.isascii():
                named.append(term)
        return named


def _best(scores: FloatArray, count: int) -> IntArray:
    """The indices of the `count` highest scores, highest first."""
    best = np.argpartition(-scores, count - 1)[:count]
    return best[np.argsort(-scores[best], kind="stable")].astype(np.int32)
