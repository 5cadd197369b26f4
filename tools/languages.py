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


SPANISH = Language(
    code="es",
    name="Spanish",
    output_title="Salida",
    og_locale="es_ES",
    dictionary="es_ES",
    answer="respuesta",
    check="comprobar_ejercicio",
)
ENGLISH = Language(
    code="en",
    name="English",
    output_title="Output",
    og_locale="en_US",
    dictionary="en_US",
    answer="answer",
    check="check_exercise",
)

LANGUAGE = {language.code: language for language in (SPANISH, ENGLISH)}
LANGUAGES = tuple(LANGUAGE)  # ("es", "en"): the original first
DEFAULT = LANGUAGES[0]
