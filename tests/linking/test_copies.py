"""Copies: datasketch-equal signatures, exact/near/URL groups, order independence."""
from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from depeche.linking import CopyIndex, Fingerprint
from depeche.linking.copies import canonical_url, shingle_hashes, signature, words

BASE = ("Le maire de Lyon a inauguré mardi le nouveau pont sur le Rhône devant plusieurs centaines d'habitants. "
        "Les travaux avaient duré trois ans et coûté quarante millions d'euros selon la métropole. "
        "Les cyclistes pourront l'emprunter dès mercredi matin, a précisé la mairie dans un communiqué.")
REWRITE = ("Le maire de Lyon a inauguré mardi le nouveau pont sur le Rhône devant des centaines d'habitants. "
           "Les travaux avaient duré trois ans et coûté quarante millions d'euros selon la métropole. "
           "Les cyclistes pourront l'emprunter dès mercredi, a précisé la mairie.")
OTHER = ("A Marseille, la préfecture a interdit jeudi une manifestation prévue samedi sur le Vieux-Port. "
         "Les organisateurs dénoncent une décision politique et annoncent un recours devant le tribunal administratif.")


def test_signature_equals_datasketch_update_batch():
    hashes = shingle_hashes(words(BASE))
    reference = MinHash(num_perm=64, seed=1, hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(signature(words(BASE)), reference.hashvalues)


@pytest.mark.parametrize("a, b, copies, kind", [
    (BASE, BASE.upper().replace(".", " ."), True, "exact"),  # case and punctuation only
    (BASE, REWRITE, True, "near"),
    (BASE, OTHER, False, None),
])
def test_pairs(a, b, copies, kind):
    index = CopyIndex()
    index.add(Fingerprint.of("a", a, date="2024-03-14"))
    index.add(Fingerprint.of("b", b, date="2024-03-14"))
    links = index.links()
    assert (links["a"].group == links["b"].group) is copies
    assert links["b"].kind == kind


def test_rewrite_published_far_apart_is_not_a_copy_unless_near_identical():
    shorter = BASE.split(". ")[0] + ". " + BASE.split(". ")[1] + "."
    index = CopyIndex()
    index.add(Fingerprint.of("a", BASE + " " + OTHER, date="2024-03-14"))
    index.add(Fingerprint.of("b", shorter, date="2024-05-14"))
    assert index.links()["a"].group != index.links()["b"].group
    index = CopyIndex()
    index.add(Fingerprint.of("a", BASE + " " + OTHER, date="2024-03-14"))
    index.add(Fingerprint.of("b", shorter, date="2024-03-15"))
    assert index.links()["a"].group == index.links()["b"].group


def test_canonical_url_groups_and_normalises():
    assert canonical_url({"url": "https://www.exemple.fr/a/b/?utm=1#x"}) == "exemple.fr/a/b"
    assert canonical_url({}) is None
    index = CopyIndex()
    index.add(Fingerprint.of("a", BASE, {"url": "https://exemple.fr/a"}))
    index.add(Fingerprint.of("b", OTHER, {"canonical_url": "http://www.exemple.fr/a/"}))
    assert index.links()["b"].kind == "url" and index.links()["a"].group == index.links()["b"].group


def test_groups_do_not_depend_on_arrival_order():
    fps = [Fingerprint.of(n, t, date="2024-03-14") for n, t in (("x", BASE), ("y", OTHER), ("z", REWRITE))]
    one, two = CopyIndex(), CopyIndex()
    one.add_all(fps)
    two.add_all(reversed(fps))
    assert {d: l.group for d, l in one.links().items()} == {d: l.group for d, l in two.links().items()}
    assert one.add(fps[0]) == []  # a document added twice changes nothing


# A follow-up: the first two sentences of BASE kept as background, the rest new.
FOLLOW_UP = (BASE.split(". ")[0] + ". " + BASE.split(". ")[1] + ". "
             "Mercredi, les premiers cyclistes ont salué un ouvrage large et bien éclairé, mais les riverains "
             "du quai se plaignent déjà du bruit des scooters qui l'empruntent malgré l'interdiction.")


@pytest.mark.parametrize("later_day, copies", [("2024-03-14", True), ("2024-03-15", False)])
def test_a_follow_up_of_the_next_day_needs_more_shared_text(later_day, copies):
    index = CopyIndex()
    a, b = Fingerprint.of("a", BASE, date="2024-03-14"), Fingerprint.of("b", FOLLOW_UP, date=later_day)
    index.add_all([a, b])
    jaccard = float(np.count_nonzero(a.values() == b.values())) / len(a.values())
    contained = jaccard * (a.shingles + b.shingles) / (1 + jaccard) / min(a.shingles, b.shingles)
    assert index.containment <= contained < index.later  # between the two thresholds
    assert (index.links()["a"].group == index.links()["b"].group) is copies


@pytest.mark.parametrize("title_a, title_b, copies", [
    ("Lyon inaugure son nouveau pont sur le Rhône", "Lyon inaugure son nouveau pont sur le Rhône", True),
    ("Lyon inaugure son nouveau pont sur le Rhône", "Les cyclistes lyonnais attendent leur pont", False),
    ("Lyon", "Lyon", False),  # too short to tell anything
])
def test_the_same_title_on_the_same_day_is_one_dispatch_updated(title_a, title_b, copies):
    shared = BASE.split(". ")[0] + ". " + BASE.split(". ")[1] + "."
    a = Fingerprint.of("a", shared + " " + OTHER, date="2024-03-14", title=title_a)
    b = Fingerprint.of("b", shared + " Les riverains ont applaudi le maire, qui a promis une fête en juin pour "
                       "célébrer l'ouverture et remercier les ouvriers du chantier.", date="2024-03-14", title=title_b)
    index = CopyIndex(containment=0.95)  # containment alone does not decide here
    index.add_all([a, b])
    assert float(np.count_nonzero(a.values() == b.values())) / len(a.values()) >= 0.2
    assert (index.links()["a"].group == index.links()["b"].group) is copies


def test_bands_find_the_candidates_of_datasketch_lsh():
    from datasketch import LeanMinHash, MinHashLSH

    from depeche.linking.copies import Bands

    texts = [BASE, REWRITE, OTHER, FOLLOW_UP, BASE + " " + OTHER, OTHER.replace("jeudi", "vendredi")]
    ours, theirs = Bands(0.15), MinHashLSH(threshold=0.15, num_perm=64)
    for n, text in enumerate(texts):
        values = signature(words(text))
        lean = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        keys = ours.keys(values)
        assert ours.query(keys) == set(theirs.query(lean))
        ours.insert(str(n), keys)
        theirs.insert(str(n), lean)
    assert ours.query(ours.keys(signature(words(BASE)))) >= {"0", "1"}
