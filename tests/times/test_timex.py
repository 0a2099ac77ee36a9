"""Recognition and TIMEX3 normalization of French time expressions, on sentences of our own.

Each case: sentence, document date (day, month or year precision), the expression's
exact text, its TIMEX3 type and value (and mod when given).
"""
from __future__ import annotations

import pytest

from depeche.api import make_document
from depeche.config import Settings
from depeche.inputs.segments import SegmentStage
from depeche.times.tense import tense
from depeche.times.rules import recognize
from depeche.times.units import duration_value, number
from depeche.times.stage import tag


def times(text: str, date: str | None = None):
    doc = make_document(text, date)
    SegmentStage(Settings())(doc)
    return [t for t in tag(doc) if not t.dct]


def find(text: str, date: str | None, expr: str):
    found = [t for t in times(text, date) if t.text == expr]
    assert found, f"{expr!r} not found in {[t.text for t in times(text, date)]}"
    return found[0]


CASES = [
    # absolute dates, with and without year
    ("Le sommet s'est tenu le 24 avril 2019 à Vienne.", "2023-09-14", "le 24 avril 2019", "DATE", "2019-04-24"),
    ("La conférence aura lieu le 3 mars à Genève.", "2024-01-10", "le 3 mars", "DATE", "2024-03-03"),
    ("Le député a été élu le 3 novembre.", "2024-01-10", "le 3 novembre", "DATE", "2023-11-03"),
    ("Le député a été élu le 3 novembre.", "2024-01", "le 3 novembre", "DATE", "2023-11-03"),
    ("Le député a été élu le 3 novembre.", "2024", "le 3 novembre", "DATE", "2024-11-03"),
    ("Le traité a été signé en 2019 par les deux pays.", "2023-09-14", "2019", "DATE", "2019"),
    ("Les élections auront lieu en septembre.", "2024-03", "septembre", "DATE", "2024-09"),
    ("Le scrutin a eu lieu en septembre.", "2024-03-02", "septembre", "DATE", "2023-09"),
    # days of the month in words
    ("Le drame s'est produit le quatorze juillet dernier.", "2019-09-02", "le quatorze juillet dernier", "DATE",
     "2019-07-14"),
    ("Il sera jugé le trente et un mars.", "2019-01-10", "le trente et un mars", "DATE", "2019-03-31"),
    ("L'accord a été signé le vingt-deux mai 2018.", "2019-01-10", "le vingt-deux mai 2018", "DATE", "2018-05-22"),
    # a time zone and a modifier belong to a clock time; "dans la soirée" is the evening of the day
    ("Le lancement a eu lieu à 14H16 GMT.", "2020-05-30", "14H16 GMT", "TIME", "2020-05-30T14:16"),
    ("Le drame s'est produit mardi peu après 15 heures.", "2020-02-12", "peu après 15 heures", "TIME",
     "2020-02-11T15:00"),
    ("Il a été frappé dans la soirée.", "2018-10-28", "la soirée", "TIME", "2018-10-28TEV"),
    ("Elle est arrivée au début du mois d'avril.", "2020-07-02", "début du mois d'avril", "DATE", "2020-04"),
    # an edge of a season, a part of a weekday, a night between two days of a month
    ("Les échanges ont eu lieu entre février et mars 2013.", "2020-05-31", "février", "DATE", "2013-02"),
    ("Les salles, fermées depuis mars, resteront fermées.", "2020-06-29", "mars", "DATE", "2020-03"),
    # a colon ends the clause whose verb dates a weekday
    ("Le navire doit arriver jeudi: les secours avaient cessé.", "2020-06-22", "jeudi", "DATE", "2020-06-25"),
    ("Les travaux finiront à la fin de cet été.", "2020-06-20", "la fin de cet été", "DATE", "2020-SU"),
    ("Il a été interpellé mardi en début de soirée.", "2020-02-12", "mardi en début de soirée", "TIME",
     "2020-02-11TEV"),
    ("L'armée a tiré dans la nuit du 3 au 4 juin 1989.", "2020-06-11", "la nuit du 3 au 4 juin 1989", "TIME",
     "1989-06-03TNI"),
    ("Pour l'instant, rien n'est décidé.", "2020-07-02", "l'instant", "TIME", "PRESENT_REF"),
    # a number after a weekday is no day without a month
    ("La police a arrêté mardi trois manifestants.", "2023-05-05", "mardi", "DATE", "2023-05-02"),
    ("La grève a commencé fin septembre 2000.", "2003-02-01", "fin septembre 2000", "DATE", "2000-09"),
    ("Le festival ouvrira samedi 5 juin.", "2021-05-30", "samedi 5 juin", "DATE", "2021-06-05"),
    ("Les stages auront lieu du 19 au 23 juillet.", "2022-06-01", "19", "DATE", "2022-07-19"),
    ("Les stages auront lieu du 19 au 23 juillet.", "2022-06-01", "23 juillet", "DATE", "2022-07-23"),
    ("Entre le 7 et le 13 juin, 300 patients ont été admis.", "2022-06-20", "le 7", "DATE", "2022-06-07"),
    ("Les enquêteurs sont venus les 8 et 10 juin.", "2022-06-20", "8", "DATE", "2022-06-08"),
    ("Le colis est arrivé le 6 mai dernier.", "2020-05-27", "le 6 mai dernier", "DATE", "2020-05-06"),
    ("La loi s'appliquera à compter du 1er septembre prochain.", "2020-02-07", "1er septembre prochain", "DATE",
     "2020-09-01"),
    ("L'accord a été signé le 29 février à Doha.", "2021-05-26", "le 29 février", "DATE", "2020-02-29"),
    ("Le rapport daté du 12/03/2021 a fuité.", "2021-04-02", "12/03/2021", "DATE", "2021-03-12"),
    # days of the week, by tense, at each precision of the document date
    ("Le ministre a déclaré mercredi que rien n'était décidé.", "2023-09-15", "mercredi", "DATE", "2023-09-13"),
    ("Le président se rendra mardi à Berlin.", "2023-09-15", "mardi", "DATE", "2023-09-19"),
    ("Le ministre a déclaré mercredi que rien n'était décidé.", "2023-09", "mercredi", "DATE", "2023-09"),
    ("Le ministre a déclaré mercredi que rien n'était décidé.", "2023", "mercredi", "DATE", "2023"),
    ("Les blessés ont été évacués dimanche matin.", "2023-09-15", "dimanche matin", "TIME", "2023-09-10TMO"),
    # relative days and units
    ("Le navire a coulé hier au large de Brest.", "2023-09-15", "hier", "DATE", "2023-09-14"),
    ("Le navire a coulé hier au large de Brest.", "2023-09", "hier", "DATE", "2023-09"),
    ("Le navire a coulé hier au large de Brest.", "2023", "hier", "DATE", "2023"),
    ("Le verdict sera rendu demain.", "2023-12-31", "demain", "DATE", "2024-01-01"),
    ("Les pourparlers ont échoué avant-hier.", "2023-03-01", "avant-hier", "DATE", "2023-02-27"),
    ("Le conseil s'est réuni hier soir en urgence.", "2023-09-15", "hier soir", "TIME", "2023-09-14TEV"),
    ("Le texte sera voté ce soir.", "2023-09-15", "ce soir", "TIME", "2023-09-15TEV"),
    ("Les ventes ont chuté la semaine dernière.", "2023-09-15", "la semaine dernière", "DATE", "2023-W36"),
    ("Les prix augmenteront le mois prochain.", "2023-12-05", "le mois prochain", "DATE", "2024-01"),
    ("Les prix augmenteront le mois prochain.", "2023-12", "le mois prochain", "DATE", "2024-01"),
    ("Le festival a attiré moins de monde l'an dernier.", "2023", "l'an dernier", "DATE", "2022"),
    ("Le chantier sera achevé d'ici la fin de l'année.", "2023-05-02", "la fin de l'année", "DATE", "2023"),
    ("Le chantier sera achevé cette année.", "2023-05", "cette année", "DATE", "2023"),
    # vague references
    ("Le pays traverse actuellement une crise grave.", "2023-09-15", "actuellement", "TIME", "PRESENT_REF"),
    ("Un accord est attendu dans les prochains jours.", "2023-09-15", "les prochains jours", "TIME", "FUTURE_REF"),
    ("Le village vivait autrefois de la pêche.", "2023-09-15", "autrefois", "TIME", "PAST_REF"),
    ("Aujourd'hui, la ville compte dix mille habitants.", "2023-09-15", "Aujourd'hui", "TIME", "PRESENT_REF"),
    ("Le procès doit s'ouvrir aujourd'hui à Lyon.", "2023-09-15", "aujourd'hui", "DATE", "2023-09-15"),
    # clock times
    ("Le rassemblement a eu lieu hier vers 18 h devant la gare.", "2023-09-15", "18 h", "TIME", "2023-09-14T18:00"),
    ("Le train partira à 14h30.", "2023-09-15", "14h30", "TIME", "2023-09-15T14:30"),
    ("Les bureaux ouvriront à 20 heures.", "2023-09-15", "20 heures", "TIME", "2023-09-15T20:00"),
    ("Le concert commencera à 8 heures du soir.", "2023-09-15", "8 heures du soir", "TIME", "2023-09-15T20:00"),
    ("Elle est montée sur scène samedi soir 19 mai.", "2018-05-20", "samedi soir 19 mai", "TIME", "2018-05-19TEV"),
    # durations
    ("Les secours ont cherché pendant 20 heures.", "2023-09-15", "20 heures", "DURATION", "PT20H"),
    ("Il a été condamné à trois ans de prison.", "2023-09-15", "trois ans", "DURATION", "P3Y"),
    ("Les travaux dureront environ deux mois.", "2023-09-15", "environ deux mois", "DURATION", "P2M"),
    ("Leur alliance a duré plus de vingt ans.", "2023-09-15", "plus de vingt ans", "DURATION", "P20Y"),
    ("La mission a duré un an et demi.", "2023-09-15", "un an et demi", "DURATION", "P18M"),
    ("La région est disputée depuis un demi-siècle.", "2023-09-15", "un demi-siècle", "DURATION", "P50Y"),
    ("Les peines vont de 8 à 24 mois de prison.", "2023-09-15", "8", "DURATION", "P8M"),
    ("Le maire a été élu pour un quinquennat.", "2023-09-15", "quinquennat", "DURATION", "P5Y"),
    # sets
    ("La fête est organisée chaque année en juin.", "2023-09-15", "chaque année", "SET", "P1Y"),
    ("Le marché se tient tous les jeudis.", "2023-09-15", "tous les jeudis", "SET", "XXXX-WXX-4"),
    ("La population augmente de 1 % par an.", "2023-09-15", "an", "SET", "P1Y"),
    ("Le dîner annuel de l'association a été annulé.", "2023-09-15", "annuel", "SET", "P1Y"),
    # decades, centuries, quarters, ordinals
    ("Le groupe est né dans les années 90.", "2023-09-15", "les années 90", "DATE", "199X"),
    ("Au début des années 2000, la ville a changé.", "2023-09-15", "début des années 2000", "DATE", "200X"),
    ("Ce château a été bâti au XIXe siècle.", "2023-09-15", "XIXe siècle", "DATE", "18"),
    ("Ces textes datent du 3e siècle avant Jésus-Christ.", "2023-09-15", "3e siècle", "DATE", "BC02"),
    ("Les ventes ont reculé au premier trimestre 2019.", "2023-09-15", "premier trimestre 2019", "DATE", "2019-Q1"),
    ("La croissance reprendra au second semestre.", "2023-03", "second semestre", "DATE", "2023-H2"),
    ("La fête aura lieu le premier dimanche de mars.", "2023-01-10", "le premier dimanche de mars", "DATE",
     "2023-03-05"),
    # seasons
    ("Des législatives anticipées auront lieu à l'automne.", "2023-05-21", "l'automne", "DATE", "2023-FA"),
    ("Les touristes affluent en été.", "2023-05-21", "été", "DATE", "XXXX-SU"),
]


@pytest.mark.parametrize("text,date,expr,ttype,value", CASES)
def test_expression(text, date, expr, ttype, value):
    t = find(text, date, expr)
    assert (t.type, t.value) == (ttype, value)


PRECISIONS = ("2023-09-15", "2023-09", "2023")  # a Friday; then the month only; then the year only


@pytest.mark.parametrize("text,expr,values", [
    ("Le navire a coulé hier.", "hier", ("2023-09-14", "2023-09", "2023")),
    ("Le ministre a parlé mercredi.", "mercredi", ("2023-09-13", "2023-09", "2023")),
    ("Le ministre parlera mercredi.", "mercredi", ("2023-09-20", "2023-09", "2023")),
    ("Les ventes ont chuté la semaine dernière.", "la semaine dernière", ("2023-W36", "2023-09", "2023")),
    ("Les prix monteront le mois prochain.", "le mois prochain", ("2023-10", "2023-10", "2023")),
    ("Le festival a eu lieu l'an dernier.", "l'an dernier", ("2022", "2022", "2022")),
    ("La réunion a eu lieu le 3 mars.", "le 3 mars", ("2023-03-03", "2023-03-03", "2023-03-03")),
    ("La réunion aura lieu le 3 mars.", "le 3 mars", ("2024-03-03", "2024-03-03", "2023-03-03")),
    ("Les élections auront lieu en juin.", "juin", ("2024-06", "2024-06", "2023-06")),
    ("Les blessés sont arrivés mardi soir.", "mardi soir", ("2023-09-12TEV", "2023-09-XXTEV", "2023-XX-XXTEV")),
    ("Le train est parti à 14 h.", "14 h", ("2023-09-15T14:00", "2023-09-XXT14:00", "2023-XX-XXT14:00")),
    ("Le pays traverse actuellement une crise.", "actuellement", ("PRESENT_REF",) * 3),
    ("La fête est organisée chaque année.", "chaque année", ("P1Y",) * 3),
    ("Il a été condamné à trois ans de prison.", "trois ans", ("P3Y",) * 3),
    ("Les travaux ont commencé fin septembre 2000.", "fin septembre 2000", ("2000-09",) * 3),
    ("La croissance reprendra au second semestre.", "second semestre", ("2023-H2",) * 3),
])
def test_each_class_at_each_precision_of_the_document_date(text, expr, values):
    assert tuple(find(text, date, expr).value for date in PRECISIONS) == values


@pytest.mark.parametrize("text,expr,mod", [
    ("Les travaux dureront environ deux mois.", "environ deux mois", "APPROX"),
    ("Leur alliance a duré plus de vingt ans.", "plus de vingt ans", "MORE_THAN"),
    ("Ils sont confinés depuis plus d'une semaine.", "plus d'une semaine", "MORE_THAN"),
    ("La grève a commencé fin septembre 2000.", "fin septembre 2000", "END"),
    ("Au début des années 2000, la ville a changé.", "début des années 2000", "START"),
    ("Le rassemblement a eu lieu hier vers 18 h devant la gare.", "18 h", "APPROX"),
])
def test_mod(text, expr, mod):
    assert find(text, "2023-09-15", expr).mod == mod


@pytest.mark.parametrize("text,date,expr,resolved", [
    ("L'usine a fermé il y a trois ans.", "2023-09-15", "trois ans", "2020"),
    ("L'usine a fermé il y a trois ans.", "2023-09", "trois ans", "2020"),
    ("Le pont rouvrira dans deux semaines.", "2023-09-15", "deux semaines", "2023-W39"),
    ("La décision tombera dans deux mois.", "2023-11", "deux mois", "2024-01"),
])
def test_counted_durations_point_to_a_date(text, date, expr, resolved):
    t = find(text, date, expr)
    assert t.type == "DURATION" and t.resolved == resolved and t.anchor is not None


@pytest.mark.parametrize("text", [
    "Un homme de 38 ans a été blessé.",
    "Marie Dupont, 45 ans, a témoigné devant le juge.",
    "À 50 ans, la chanteuse prépare un nouvel album.",
    "J'avais 21 ans.",
    "Il a adhéré au parti dès ses 16 ans.",
    "Elles ont 13, 19 et 23 ans.",
    "Il a couru les 24 Heures du Mans.",
    "Nous vivons une crise sans précédent.",
    "Le conseil veille à l'équité des débats.",
    "Les enfants de 2 à 8 ans sont accueillis.",
    "Le texte de la résolution 1405 a été adopté.",
    "Quelque 2000 manifestants ont défilé.",
    "La population a atteint 60.082.000 habitants.",
    "Il a été entendu par les juges.",
    'La victime a également "été frappée sur le corps".',  # the auxiliary after a quotation mark
    "Ils ont été très vite arrêtés.",
    "Le Printemps de l'environnement réunit les associations.",
    "L'accord du Vendredi Saint reste fragile.",
])
def test_not_time_expressions(text):
    assert times(text, "2023-09-15") == []


def test_no_document_date_leaves_values_underspecified():
    assert find("Le navire a coulé hier.", None, "hier").value == "XXXX-XX-XX"
    assert find("La réunion aura lieu le 3 mars.", None, "le 3 mars").value == "XXXX-03-03"


@pytest.mark.parametrize("sentence,expected", [
    ("Le ministre a annoncé mardi sa démission.", "past"),
    ("Le ministre annoncera mardi sa démission.", "future"),
    ("Le ministre doit annoncer mardi sa démission.", "future"),
    ("Le ministre annonce mardi sa démission.", "present"),
    ("Ils ont rendez-vous mardi à la mairie.", "present"),
])
def test_tense(sentence, expected):
    at = sentence.index("mardi")
    assert tense(sentence, at, at + 5) == expected


def test_extents_leave_prepositions_out():
    text = "Il est arrivé en 2019, il y a quelques mois, depuis trois ans et jusqu'au 30 juin."
    spans = [text[c.start:c.end] for c in recognize(text)]
    assert spans == ["2019", "quelques mois", "trois ans", "30 juin"]


@pytest.mark.parametrize("word,value", [("vingt-deux", 22), ("soixante-dix", 70), ("trois", 3), ("1,5", 1.5)])
def test_number(word, value):
    assert number(word) == value


@pytest.mark.parametrize("n,unit,value", [(3, "an", "P3Y"), (20, "heure", "PT20H"), (1.5, "an", "P18M"),
                                         ("X", "mois", "PXM"), (2, "décennie", "P20Y")])
def test_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


@pytest.mark.parametrize("text", [c[0] for c in CASES] + [
    "Le 14 juillet 2019, vers 22 h 30, quelques jours après la fin du mois de juin et trois ans avant l'été "
    "prochain, la veille du premier dimanche de mars, les années 80 et le XXe siècle étaient loin; désormais, "
    "chaque jeudi et tous les ans, par an, la nuit de lundi à mardi 3 mai, d'ici la fin de l'année.",
])
def test_windowed_recognition_finds_what_a_full_scan_finds(text):
    spans = lambda cands: [(c.start, c.end, c.kind) for c in cands]  # noqa: E731
    assert spans(recognize(text)) == spans(recognize(text, everywhere=True))
