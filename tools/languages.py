"""The site's two languages and every fact that differs between them, in one place.

Spanish is the original (the site's root); English is a full translation under /en/. Tools, tests
and the MkDocs hooks read these facts from here instead of writing them again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # "es": the folder under docs/ and snippets/, the /en/ prefix of the site
    name: str  # in English, for messages to contributors: "Spanish"
    output_title: str  # the title of an output block: ```text title="Salida"
    og_locale: str  # Open Graph's locale
    dictionary: str  # hunspell's dictionary (Debian's hunspell-es, hunspell-en-us)
    answer: str  # the name an exercise's solution binds its answer to, in its snippet module
    check: str  # the notebook's checker function: check(number, answer)
    # Stated values (tools/claims.py). An integer followed by a word is a count ("3 values"),
    # unless the word is one of these, which may follow a value: "x.grad is 2 and ...".
    value_words: frozenset[str]
    labels: frozenset[str]  # "exercise 3": the number of a part, not a value
    numbers: dict  # number words, for shapes in words: {"three": 3, ...}
    rows: str  # a regex: the word for rows of a shape ("rows?")
    columns: str
    and_: str
    shape: str  # a regex: the word before a shape written as a tuple, "shape (3, 1)"
    errors_shown_in: str  # before the links from an error index entry to the lessons showing it
    # An output line named in prose (tools/printed_lines.py): "the second line", "the last line".
    line_ordinals: dict  # {"first": 1, ..., "last": -1}
    line_word: str  # a regex around {o}, the ordinal: "the second line"
    next_one: str  # a regex around {o}: "The second shows ..." counts on from a named line

    @property
    def site_prefix(self) -> str:
        """Where its pages are on the site: "" for the original (the root), "en/" for English."""
        return "" if self.code == DEFAULT else f"{self.code}/"


SPANISH = Language(
    code="es",
    name="Spanish",
    output_title="Salida",
    og_locale="es_ES",
    dictionary="es_ES",
    answer="respuesta",
    check="comprobar_ejercicio",
    value_words=frozenset(
        {"y", "e", "o", "u", "ni", "pero", "que", "porque", "pues", "sino", "si", "en", "a", "al"}
        | {"de", "del", "con", "por", "para", "como", "cuando", "donde", "tras", "entre", "sobre"}
        | {"sin", "es", "son", "era", "vale", "valen", "da", "dan", "sea", "sean", "queda"}
        | {"quedan", "menos", "más"}
    ),
    labels=frozenset({"ejercicio", "ejercicios", "sección", "secciones", "lección", "paso"}),
    numbers={
        "una": 1,
        "un": 1,
        "uno": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
    },
    rows="filas?",
    columns="columnas?",
    and_="y",
    shape="forma",
    errors_shown_in="Aparece en",
    line_ordinals={
        "primera": 1,
        "segunda": 2,
        "tercera": 3,
        "cuarta": 4,
        "quinta": 5,
        "última": -1,
    },
    line_word=r"(?:la\s+)?{o}\s+línea\b",
    next_one=r"(?:^|[.;]\s+)la\s+{o}\b",
)
ENGLISH = Language(
    code="en",
    name="English",
    output_title="Output",
    og_locale="en_US",
    dictionary="en_US",
    answer="answer",
    check="check_exercise",
    value_words=frozenset(
        {"and", "or", "nor", "but", "so", "then", "than", "because", "if", "when", "where"}
        | {"whatever", "in", "at", "on", "of", "by", "to", "for", "from", "with", "as", "is"}
        | {"are", "was", "were", "becomes", "gives", "give", "instead", "everywhere"}
        | {"elsewhere", "here", "there", "again", "less", "more", "below", "above", "almost"}
    ),
    labels=frozenset({"exercise", "exercises", "section", "sections", "lesson", "step"}),
    numbers={
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    },
    rows="rows?",
    columns="columns?",
    and_="and",
    shape="shape",
    errors_shown_in="Shown in",
    line_ordinals={"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1},
    line_word=r"(?:the\s+)?{o}\s+line\b",
    next_one=r"(?:^|[.;]\s+)the\s+{o}\b(?!\s+line)",
)

LANGUAGE = {language.code: language for language in (SPANISH, ENGLISH)}
LANGUAGES = tuple(LANGUAGE)  # ("es", "en"): the original first
DEFAULT = LANGUAGES[0]
