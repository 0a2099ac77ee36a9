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
