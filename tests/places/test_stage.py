"""Place resolution (French and English cues, document context, traps), event location, geo eval."""
from __future__ import annotations

import pytest

from depeche.config import Settings
from depeche.places.index import gazetteer
from depeche.models import Document, Mention, Place
from depeche.places.stage import event_place
from depeche.places.toponyms import most_populous, resolve

from tests.support import shared


@pytest.fixture(scope="module")
def gaz():
    return gazetteer(Settings())


def read(gaz, text, *names):
    """Resolve the named toponyms (first occurrence of each) in ``text``."""
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return dict(zip(names, resolve(gaz, text, spans), strict=True))


@pytest.mark.parametrize("text, name, country, admin1", [
    # the Littoral trap: in a Russian context it is Primorsky Krai, not Cameroon/Benin/Slovenia
    ("Il s'est rendu à Vladivostok, dans la région du Littoral.", "Littoral", "RU", "RU.59"),
    ("Un séisme a frappé la région russe du Littoral.", "Littoral", "RU", "RU.59"),
    ("Des pluies sont tombées à Douala, dans la région du Littoral.", "Littoral", "CM", "CM.05"),
    ("Les pêcheurs de Cotonou, dans le département du Littoral, protestent.", "Littoral", "BJ", None),
])
def test_littoral_by_context(gaz, text, name, country, admin1):
    got = read(gaz, text, "Littoral", *[w for w in ("Vladivostok", "Douala", "Cotonou") if w in text])[name]
    assert got.country == country and got.feature == "ADM1"
    if admin1:
        assert got.admin1 == admin1


def test_washington_alone_is_the_capital_not_the_state(gaz):
    got = read(gaz, "Le sommet s'est ouvert à Washington mardi.", "Washington")["Washington"]
    assert (got.country, got.feature, got.geonameid) == ("US", "PPLC", 4140963)


def test_washington_state_when_the_text_says_so(gaz):
    got = read(gaz, "Des incendies ravagent l'État de Washington.", "Washington")["Washington"]
    assert (got.country, got.feature, got.admin1) == ("US", "ADM1", "US.WA")


@pytest.mark.parametrize("text, name, country", [
    ("Paris, Texas, a voté.", "Paris", "US"),
    ("Paris a accueilli le sommet.", "Paris", "FR"),
    ("À Tbilissi, la Géorgie a protesté.", "Géorgie", "GE"),
    ("In Atlanta, Georgia, officials met.", "Georgia", "US"),
    ("Farms in Pandi, Bulacan were quarantined.", "Pandi", "PH"),
    ("London, Ontario police said the suspect fled toward Toronto.", "London", "CA"),
    ("Le ministre est arrivé à Londres.", "Londres", "GB"),
])
def test_ambiguous_names_resolved_by_context(gaz, text, name, country):
    others = [w for w in ("Texas", "Tbilissi", "Atlanta", "Bulacan", "Ontario", "Toronto") if w in text]
    assert read(gaz, text, name, *others)[name].country == country


@pytest.mark.parametrize("text, name, feature", [
    ("Des pluies ont inondé Rio de Janeiro.", "Rio de Janeiro", "PPLA"),
    ("Des pluies ont inondé l'État de Rio de Janeiro.", "Rio de Janeiro", "ADM1"),
    ("Des frappes ont visé Tombouctou.", "Tombouctou", "PPLA"),
    ("Des frappes ont visé la région de Tombouctou.", "Tombouctou", "ADM1"),
    # French grammar: "à" before a town, an article or "en" before a country or region
    ("Moins de morts à New York hier.", "New York", "PPL"),
    ("A New York, la police enquête.", "New York", "PPL"),
    ("Le gouvernement du Québec a offert un prêt.", "Québec", "ADM1"),
    ("Il est arrivé à Québec mardi.", "Québec", "PPLA"),
    ("Il vit à Mexico.", "Mexico", "PPLC"),
    ("Il vit au Luxembourg.", "Luxembourg", "PCLI"),
    ("Il vit à Luxembourg.", "Luxembourg", "PPLC"),
    ("Un meeting dans l'Oklahoma.", "Oklahoma", "ADM1"),
    ("Le canton de Genève a voté.", "Genève", "ADM1"),
    # "region" after a town's name is the town's area, never a county of that name
    ("Nine cases were found in the Houston region this year.", "Houston", "PPLA2"),
])
def test_a_bare_name_is_the_city_not_its_namesake_region(gaz, text, name, feature):
    assert read(gaz, text, name)[name].feature == feature


@pytest.mark.parametrize("text, name, country", [
    ("Des raids ont frappé Gaza.", "Gaza", "PS"),
    ("Le forum sur l'Extrême-Orient s'est tenu à Vladivostok.", "Extrême-Orient", "RU"),
    ("Les élections au Mali ont été reportées.", "Mali", "ML"),
    ("Il vit aux États-Unis.", "États-Unis", "US"),
    ("La police de La Nouvelle-Orléans enquête.", "La Nouvelle-Orléans", "US"),
    ("Moscou a démenti.", "Moscou", "RU"),
    # regions, islands and heights from data/places_fr.tsv
    ("Des combats ont repris dans la province du Katanga.", "Katanga", "CD"),
    ("Le conflit au Tigré a fait des milliers de morts.", "Tigré", "ET"),
    ("Des pluies diluviennes ont frappé le Baloutchistan.", "Baloutchistan", "PK"),
    ("Un ferry a chaviré au large de Mindanao.", "Mindanao", "PH"),
    ("Le typhon a frappé le nord de Luzon mardi.", "Luzon", "PH"),
    ("Des inondations ont touché la province de Quang Nam.", "Quang Nam", "VN"),
    ("La police a arrêté trois hommes en Casamance.", "Casamance", "SN"),
    ("Les élections dans la province de Nyanza ont été calmes.", "Nyanza", "KE"),
    # ...and the bare names they must not take
    ("Un accident a eu lieu à Cherbourg, dans la Manche.", "Manche", "FR"),
    ("Le Niger a fermé sa frontière.", "Niger", "NE"),
])
def test_french_phrases(gaz, text, name, country):
    assert read(gaz, text, name)[name].country == country


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Un pétrolier a été saisi dans le détroit d'Ormuz.", "détroit d'Ormuz", 27.2, 56.3),
    ("Tankers crossed the Strait of Hormuz on Monday.", "Strait of Hormuz", 27.2, 56.3),
    ("Des migrants ont péri en mer Égée.", "mer Égée", 38.4, 26.1),
    ("Pirates attacked a ship in the Gulf of Aden.", "Gulf of Aden", 12.5, 47.5),
    ("Des barges ont coulé sur le Danube.", "Danube", 47.5, 19.0),
    ("Des pêcheurs ont disparu sur le lac Tchad.", "lac Tchad", 13.0, 14.5),
])
def test_seas_lakes_and_rivers(gaz, text, name, lat, lon):
    from depeche.places.toponyms import haversine_km

    got = read(gaz, text, name)[name]
    assert haversine_km(got.lat, got.lon, lat, lon) < 300, got


@pytest.mark.parametrize("text, name", [
    ("Les plages de l'Atlantique sont pleines.", "Atlantique"),  # not Benin's Atlantique department
    ("The storm crossed the Pacific.", "Pacific"),  # not Pacific, Missouri
])
def test_a_sea_outweighs_a_small_namesake(gaz, text, name):
    got = read(gaz, text, name)[name]
    assert (got.feature, got.country, got.match) == ("RGN", None, "curated")


def test_a_region_and_its_namesake_town_in_one_document(gaz):
    text = "Des cas ont été rapportés dans l'État de New York. À New York, les hôpitaux sont pleins."
    second = text.rindex("New York")
    state, city = resolve(gaz, text, [(text.index("New York"), text.index("New York") + 8), (second, second + 8)])
    assert (state.feature, city.feature) == ("ADM1", "PPL")


def test_one_reading_per_name_per_document(gaz):
    text = "Paris, Texas. Later in Paris the mayor spoke."
    spans = [(0, 5), (text.index("Paris", 6), text.index("Paris", 6) + 5), (7, 12)]
    first, second, _ = resolve(gaz, text, spans)
    assert first == second


def test_unknown_toponym_reads_none(gaz):
    assert resolve(gaz, "Près de Zzyzxqvw.", [(8, 16)]) == [None]


def test_unknown_toponym_reads_as_the_documents_country(gaz):
    text = "Des combats à Gao et à Tombouctou, puis près de Zzyzxqvw."
    got = read(gaz, text, "Gao", "Tombouctou", "Zzyzxqvw")
    assert got["Zzyzxqvw"].country == "ML" and got["Zzyzxqvw"].match == "context"
    assert resolve(gaz, text, [(text.index("Zzyzxqvw"), len(text) - 1)], fallback=False) == [None]


@pytest.mark.parametrize("text, where", [
    # A street of the town the document is about reads as that town...
    ("À Lyon, la rue Zzyzxqvw a été fermée ; Lyon attend des renforts.", "Lyon"),
    # ...a document naming only its country, as that country.
    ("La France a fermé la rue Zzyzxqvw.", "France"),
])
def test_unknown_toponym_reads_as_the_documents_town(gaz, text, where):
    names = [n for n in ("Lyon", "France", "Zzyzxqvw") if n in text]
    got = read(gaz, text, *names)
    assert got["Zzyzxqvw"].name == where and got["Zzyzxqvw"].match == "context"


def test_a_foreign_hamlet_gives_way_to_the_documents_country(gaz):
    text = "Flights at Heathrow were cancelled as London and Manchester faced storms across England."
    got = read(gaz, text, "Heathrow", "London", "Manchester", "England")
    assert got["Heathrow"].country == "GB"


def test_a_small_town_by_an_alternate_name_gives_way_to_the_documents_country(gaz):
    # "Kalam" is an alternate name of Kallam, India; the text is about Pakistan.
    text = "Des crues ont frappé Kalam, une vallée du nord du Pakistan."
    got = read(gaz, text, "Kalam", "Pakistan")["Kalam"]
    assert (got.country, got.match) == ("PK", "context")


def test_baseline_is_most_populous(gaz):
    cands = gaz.lookup("Littoral")
    assert most_populous(cands).population == max(c.population for c in cands)
    assert most_populous([]) is None


@pytest.mark.parametrize("text, name, expected", [
    ("Les Français ont voté dimanche.", "Français", False),
    ("Des Américains ont été évacués.", "Américains", False),
    ("Il pleut dans le Nord ce matin.", "Nord", False),
    ("Les inondations touchent le département du Nord.", "Nord", True),
    ("La France a voté.", "France", True),
])
def test_people_nouns_and_bare_directions_are_not_places(gaz, text, name, expected):
    from depeche.places.stage import _is_place

    doc = Document(id="d", source="test", text=text)
    start = text.index(name)
    assert _is_place(doc, gaz, start, start + len(name)) is expected


def doc_with_places(text: str, places: dict[str, tuple[str, list[str]]]) -> Document:
    """A hand-built document: place id -> (feature, mention texts, first occurrences)."""
    out = []
    for pid, (feature, names) in places.items():
        mentions = [Mention(start=text.index(n), end=text.index(n) + len(n), text=n) for n in names]
        out.append(Place(id=pid, name=names[0], lat=0, lon=0, country="XXX", feature=feature, mentions=mentions))
    return Document(id="d", source="test", text=text, places=out)


@pytest.mark.parametrize("text, evidence, places, expected", [
    ("Au Mali, deux soldats ont été tués à Gao mardi.", "ont été tués", 
     {"P1": ("PCLI", ["Mali"]), "P2": ("PPL", ["Gao"])}, "P2"),
    ("L'ambassadeur de Russie a été reçu à Kiev.", "a été reçu",
     {"P1": ("PCLI", ["Russie"]), "P2": ("PPLC", ["Kiev"])}, "P2"),
    ("Des manifestants ont défilé en France.\nLe gouvernement de Berlin a réagi.", "ont défilé",
     {"P1": ("PCLI", ["France"]), "P2": ("PPLC", ["Berlin"])}, "P1"),
    ("Le président a parlé longuement.\nIl est à Rome.", "a parlé", {"P1": ("PPLC", ["Rome"])}, None),
    ("L'ambassadeur de Russie a protesté.", "a protesté", {"P1": ("PCLI", ["Russie"])}, None),
])
def test_event_place(text, evidence, places, expected):
    doc = doc_with_places(text, places)
    start = text.index(evidence)
    assert event_place(doc, start, start + len(evidence)) == expected


@pytest.mark.model
def test_stage_keeps_actors_out_of_places(analyze):
    doc = analyze("Washington craint que Pyongyang ne livre des armes. Le sommet s'est tenu au Mali.", "2023-09")
    names = {m.text for p in doc.places for m in p.mentions}
    assert "Mali" in names and "Washington" not in names
    for p in doc.places:
        for m in p.mentions:
            assert doc.text[m.start:m.end] == m.text


@pytest.mark.model
def test_event_place_is_not_the_subject(analyze):
    doc = analyze("Washington craint que Moscou s'approvisionne en armes. Le sommet a eu lieu à Vladivostok.",
                  "2023-09")
    start = doc.text.index("approvisionne")
    assert event_place(doc, start, start + len("approvisionne")) is None
    start = doc.text.index("sommet")
    (vladivostok,) = [p.id for p in doc.places if p.mentions[0].text == "Vladivostok"]
    assert event_place(doc, start, start + len("sommet")) == vladivostok


@pytest.mark.model
def test_stage_resolves_a_french_dispatch(analyze):
    doc = analyze("Vladimir Poutine s'est rendu à Vladivostok, dans la région du Littoral, "
                  "pour un forum sur l'Extrême-Orient.", "2023-09")
    by_text = {m.text: p for p in doc.places for m in p.mentions}
    assert by_text["Vladivostok"].country == "RUS"
    assert by_text["Littoral"].country == "RUS" and by_text["Littoral"].feature == "ADM1"
    assert by_text["Extrême-Orient"].country == "RUS"


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Le tribunal correctionnel de Bayonne a condamné un homme mardi.", {"Bayonne": "FRA"}),
    ("« Cela éliminera la compétition », a déclaré le ministre mardi à Lyon.", {"Lyon": "FRA"}),
    ("Les Français ont voté, a indiqué la ministre Élisabeth Borne.", {}),
    ("Au sud du pays, la Confédération a répondu aux éleveurs.", {"Confédération": "CHE"}),
    # a name the model missed is found whole, never by its tail ("York" of "New York")
    ("Des cas ont été rapportés lundi dans l'Etat de New York.", {"New York": "USA"}),
    # a district the gazetteer lacks stays a place, unresolved (no country)
    ("Ils vivent dans le quartier huppé de l'Upper East Side depuis dix ans.", {"Upper East Side": None}),
    ("Les Français profitent du pont de l'Ascension pour partir.", {}),  # a feast, not the island
    ("Ils sont montés au Mont qui domine la baie.", {}),  # "Mont" is a word; "Mont." is Montana
])
def test_stage_on_french_sentences(analyze, text, expected):
    doc = analyze(text, "2020-06")
    assert {m.text: p.country for p in doc.places for m in p.mentions} == expected


@pytest.mark.parametrize("text, names, country", [
    # No name says "Ontario", but the three are near each other only there.
    ("La police de London a arrêté un suspect à St. Thomas, dans le comté de Middlesex.",
     ("London", "St. Thomas", "Middlesex"), "CA"),
    # Sharing a country is not enough: two small American homonyms are no cluster.
    ("Des vols entre Toronto et Lyon ont repris.", ("Toronto",), "CA"),
    ("Des vols entre Toronto et Lyon ont repris.", ("Lyon",), "FR"),
])
def test_names_near_each_other_are_read_together(gaz, text, names, country):
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("London", "St. Thomas", "Middlesex", "Toronto", "Lyon")
             if n in text]
    got = {text[s:e]: c for (s, e), c in zip(spans, resolve(gaz, text, spans), strict=True)}
    assert all(got[n].country == country for n in names), got


def test_a_place_bearing_part_of_the_name_is_a_guess(gaz):
    assert {c.match for c in gaz.lookup("West Midlands")} == {"part"}  # Zimbabwe's Midlands
    text = "Des inondations à Birmingham, dans les West Midlands."
    got = read(gaz, text, "Birmingham", "West Midlands")
    assert got["West Midlands"].country == "GB" and got["West Midlands"].match == "context"


@pytest.mark.parametrize("text, names, feature, country", [
    # In a list of states, "Washington" is the state, not the capital.
    ("Des incendies ravagent l'Oregon, l'Idaho, Washington et le Montana.",
     ("Oregon", "Idaho", "Washington", "Montana"), "ADM1", "US"),
    ("Des vols vers Paris, Lyon, Marseille et Toulouse.", ("Paris", "Lyon", "Marseille", "Toulouse"), None, "FR"),
])
def test_names_in_a_list_are_of_one_kind(gaz, text, names, feature, country):
    got = read(gaz, text, *names)
    assert all(c.country == country and (feature is None or c.feature == feature) for c in got.values()), got


# Figures reached by `depeche eval geo` (see the issue report), minus a small margin.
REACHED = {
    "TR-News.xml": {"acc_161km": 0.897, "country_accuracy": 0.984},
    "GeoVirus.xml": {"acc_161km": 0.860, "country_accuracy": 0.985},
}


@pytest.mark.gold
@pytest.mark.parametrize("corpus", sorted(REACHED))
def test_geo_eval_regression(gaz, corpus):
    from depeche.evaluation.geo import evaluate

    result = evaluate(shared("geoparsing-en", corpus), gaz)
    ours, base = result["metrics"], result["baseline"]
    for key, reached in REACHED[corpus].items():
        assert ours[key] >= reached - 0.01, (key, ours[key])
    assert ours["acc_161km"] > base["acc_161km"]


@pytest.mark.parametrize("text, names, name, country, admin1", [
    # the nearest region or country the sentence names holds the place
    ("Un incendie s'est déclaré à Springfield, dans l'Ohio.", ("Springfield", "Ohio"), "Springfield", "US", "US.OH"),
    ("Un incendie s'est déclaré à Springfield (Ohio).", ("Springfield", "Ohio"), "Springfield", "US", "US.OH"),
    ("Il vit à Saint-Denis, en France.", ("Saint-Denis", "France"), "Saint-Denis", "FR", None),
    # "X, dans la région de Y, en Z": Y inside Z (an overseas region is in its state), X inside Y
    ("Le train a été bloqué en gare de Saint-Denis, dans la région de La Réunion, en France.",
     ("Saint-Denis", "La Réunion", "France"), "Saint-Denis", "RE", None),
])
def test_a_place_resolves_inside_the_region_or_country_its_sentence_names(gaz, text, names, name, country, admin1):
    got = read(gaz, text, *names)[name]
    assert got.country == country and (admin1 is None or got.admin1 == admin1)


def test_a_place_with_no_reading_inside_its_country_does_not_jump_continents(gaz):
    text = "Un accident a eu lieu à Bayonne, en Australie."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Bayonne", "Australie")]
    bayonne = resolve(gaz, text, spans, fallback=False)[0]
    assert bayonne is None  # no Bayonne in Australia: not the French or the American one
    guess = resolve(gaz, text, spans)[0]
    assert guess.country == "AU" and guess.match == "context"  # only a guess, which the stage does not output


@pytest.mark.model
def test_a_place_the_gazetteer_cannot_resolve_stays_unresolved(analyze):
    doc = analyze("Des habitants ont manifesté lundi à Trifouillis-les-Oies, près de Lyon. "
                  "Trifouillis-les-Oies compte 300 âmes.", "2023-05-02")
    by_name = {p.name: p for p in doc.places}
    village = by_name["Trifouillis-les-Oies"]
    assert not village.resolved and (village.lat, village.lon, village.country, village.feature) == (None,) * 4
    assert [m.text for m in village.mentions] == ["Trifouillis-les-Oies"] * 2
    assert by_name["Lyon"].resolved and by_name["Lyon"].country == "FRA"
    (protest,) = [e for e in doc.events if e.type == "PROTEST"]
    assert protest.place == village.id  # "à Trifouillis-les-Oies" is where it happened


@pytest.mark.parametrize("text, name, label, country", [
    # the article the text contracted belongs to the name ("au Mans" is Le Mans)
    ("La course s'est tenue au Mans samedi.", "Mans", "Le Mans", "FR"),
    ("Un incendie a touché une station des Lilas.", "Lilas", "Les Lilas", "FR"),
    # or that the text left out, when the bare name is nowhere
    ("Un mariage a eu lieu à Pont-de-Beauvoisin.", "Pont-de-Beauvoisin", "Le Pont-de-Beauvoisin", "FR"),
])
def test_a_name_whose_article_the_text_contracted(gaz, text, name, label, country):
    got = read(gaz, text, name)[name]
    assert (got.name, got.country) == (label, country)


def test_a_glued_sentence_keeps_its_grammar_cue(gaz):
    got = read(gaz, "Le mot est féminin.Au Québec, il est masculin.", "Québec")["Québec"]
    assert got.feature == "ADM1"  # "au Québec" is the province, even without a space after the period


def test_a_country_named_by_an_adjective_keeps_a_small_town_abroad(gaz):
    from depeche.places.stage import kept_readings

    text = "La voiture a roulé sur le circuit portugais de Portimao."
    span = [(text.index("Portimao"), text.index("Portimao") + len("Portimao"))]
    (got,) = kept_readings(gaz, text, span)
    assert got is not None and got.country == "PT"
    alone = "La voiture a roulé sur le circuit de Portimao."
    (none,) = kept_readings(gaz, alone, [(alone.index("Portimao"), len(alone) - 1)])
    assert none is None  # a town of 40,000 in a country the text names nowhere: left unresolved


def test_an_unresolved_mention_must_look_like_a_name(gaz):
    from depeche.places.stage import _could_be_a_name

    assert _could_be_a_name(gaz, "Trifouillis-les-Oies")
    # a code, a Roman numeral, a word in capitals, a lone place noun, an adjective made from a known place
    assert not any(_could_be_a_name(gaz, t) for t in ("VH", "II", "CANTON", "Mont", "Parisien", "Neuchâteloise"))
