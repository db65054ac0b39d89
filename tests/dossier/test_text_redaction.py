"""Free-text redaction: every spelling of a withheld person, and phone numbers,
e-mail addresses and identity numbers, are replaced; dates and the rest are kept."""

from __future__ import annotations

import pytest

from casebook.export.text_redaction import Markers, TextRedactor, Withheld, spelling_variants

HALABI = Withheld(("Ahmad al-Halabi", "أحمد الحلبي"), "Witness A")
ALI = Withheld(("علي",), "Victim 2")


def redact(text: str, *people: Withheld, kept: tuple[str, ...] = ()) -> str:
    return TextRedactor(people or (HALABI,), kept=kept).redact(text)


@pytest.mark.parametrize("written", [
    "والحلبي", "بالحلبي", "للحلبي", "الحلبي", "حلبي", "فالحلبي", "كالحلبي", "وللحلبي",
    "الحَلَبِيّ", "الحلـــبي", "ٱلحلبي", "أَحْمَد", "احمد", "إحمد", "آحمد", "وأحمد", "بأحمد",
])
def test_arabic_spellings_clitics_diacritics_tatweel_hamza(written: str) -> None:
    out = redact(f"قال {written} إنه رأى")
    assert out == "قال Witness A إنه رأى", out


@pytest.mark.parametrize("written", [
    "Ahmad al-Halabi", "AHMAD AL-HALABI", "ahmad Al Halabi", "Ahmad", "al-Halabi", "Halabi",
    "Alhalabi", "el-Halabi", "El Halabi", "Ḥalabī", "Aḥmad", "HALABI's",
])
def test_latin_spellings_case_accents_articles(written: str) -> None:
    out = redact(f"Then {written} left.")
    assert "halabi" not in out.casefold() and "ahmad" not in out.casefold(), out
    assert out.startswith("Then ") and "Witness A" in out, out


def test_multiword_name_replaced_once() -> None:
    assert redact("Ahmad al-Halabi and أحمد الحلبي came.") == "Witness A and Witness A came."


def test_unrelated_words_kept() -> None:
    text = "Aleppo, Halab and the market of Ahmadiyya were shelled; الحلبية sweets."
    assert redact(text) == text


def test_preposition_ala_is_not_ali() -> None:
    text = "سقطت القذيفة على البيت وعلى السوق. ثم جاء علي."
    out = redact(text, ALI)
    assert out == "سقطت القذيفة على البيت وعلى السوق. ثم جاء Victim 2.", out
    # With the name's own spelling, and with clitics, it is the name.
    assert redact("قال وعلي", ALI) == "قال Victim 2"
    assert redact("رأيت عَلِيّ", ALI) == "رأيت Victim 2"


def test_name_words_alone_and_particles() -> None:
    person = Withheld(("Abu Omar al-Zoubi",), "Source B")
    out = redact("Abu Omar said that Omar and al-Zoubi and Zoubi met Abu Bakr.", person)
    assert "omar" not in out.casefold() and "zoubi" not in out.casefold(), out
    assert "Abu Bakr" in out  # a particle alone is not a name


def test_kept_names_are_not_broken_up() -> None:
    witness = Withheld(("Hanan Zqx",), "Witness A")
    out = redact("Hanan Consenta met Hanan Zqx; later Hanan left.", witness,
                 kept=("Hanan Consenta",))
    assert out == "Hanan Consenta met Witness A; later Witness A left.", out


def test_contact_line_is_replaced_whole_not_word_by_word() -> None:
    contact = Withheld(("Baker street 5, Aleppo",), "[withheld]", words_alone=False)
    out = redact("He lives at Baker street 5, Aleppo. Aleppo is big.", contact)
    assert out == "He lives at [withheld]. Aleppo is big.", out


@pytest.mark.parametrize(("text", "marker"), [
    ("call +963 944 000 111 now", Markers.phone),
    ("call 0944000111 now", Markers.phone),
    ("call 0944-000-111 now", Markers.phone),
    ("call (011) 223 4455 now", Markers.phone),
    ("اتصل ب ٠٩٤٤٠٠٠١١١ الآن", Markers.phone),
    ("write to zqx@example.org now", Markers.email),
    ("write to first.last+tag@mail.example.co.uk now", Markers.email),
    ("national ID 03123456789 now", Markers.id_number),
    ("passport no. N1234567 now", Markers.id_number),
    ("card AB 123456 now", Markers.id_number),
    ("passport AB-1234567 now", Markers.id_number),
    ("in 1500 homes and 120000 people now", None),
    ("in 12 homes, 3 km, 150 people now", None),
    ("رقم الهوية 03123456789 الآن", Markers.id_number),
    ("at 35.123456, 36.654321 now", Markers.coordinates),
])
def test_numbers_and_addresses(text: str, marker: str | None) -> None:
    out = redact(text)
    if marker is None:
        assert out == text
        return
    assert marker in out, out
    assert "944" not in out and "@" not in out and "123456" not in out, out
    assert out.endswith(("now", "الآن")), out


@pytest.mark.parametrize("text", [
    "On 2025-03-08 and 08/03/2025 and 8.3.2025 and 2025/03/08, from 2011-2025 "
    "(2011 – 2025, 2011/2025), in 2024-03, 12 people, 150 homes, 3 km.",
    "في ٢٠٢٥-٠٣-٠٨ و 08/03/2025 بين 2011-2025",
    "Between 2025-03-08 2025-03-10 the siege held.",
])
def test_dates_and_year_ranges_kept(text: str) -> None:
    redactor = TextRedactor([HALABI])
    assert redactor.redact(text) == text
    assert not redactor.counts


def test_counts_say_what_kind_never_what() -> None:
    redactor = TextRedactor([HALABI])
    redactor.redact("Ahmad called +963 944 000 111 and wrote to a@b.org; والحلبي.")
    assert dict(redactor.counts) == {"name": 2, "phone number": 1, "e-mail address": 1}


def test_arabic_markers() -> None:
    markers = Markers(phone="[رقم هاتف محجوب]")
    out = TextRedactor([], markers).redact("رقمه 0944000111")
    assert out == "رقمه [رقم هاتف محجوب]"


def test_spelling_variants() -> None:
    assert ["ahmad", "al", "halabi"] in spelling_variants("Ahmad al-Halabi")
    assert ["ahmad", "alhalabi"] in spelling_variants("Ahmad al-Halabi")
    assert ["halabi"] in spelling_variants("Ahmad al-Halabi")
    assert ["al"] not in spelling_variants("Ahmad al-Halabi")
    assert spelling_variants("Ahmad al-Halabi", words_alone=False)[0] == [
        "ahmad", "al", "halabi"]
    assert ["ahmad"] not in spelling_variants("Ahmad al-Halabi", words_alone=False)
    assert spelling_variants("   ") == []


def test_empty_text_and_no_people() -> None:
    assert TextRedactor([]).redact("") == ""
    assert TextRedactor([]).redact("Ahmad al-Halabi") == "Ahmad al-Halabi"


def test_descriptions_recorded_as_names_do_not_eat_the_text() -> None:
    """A person recorded as "Unidentified man (coastal road south of Jableh)" is found
    whole, but "man", "road" or "Jableh" elsewhere stay as written."""
    redactor = TextRedactor(
        [Withheld(("رجل مجهول الهوية (الطريق الساحلي جنوب جبلة)",
                   "Unidentified man (coastal road south of Jableh)"), "Victim 1")],
        not_alone=("Jableh", "جبلة"),
    )
    text = ("عُثر على جثة رجل على الطريق الساحلي جنوب جبلة. "
            "A man was seen on the coastal road near Jableh.")
    assert redactor.redact(text) == text
    whole = redactor.redact("The Unidentified man (coastal road south of Jableh) was buried.")
    assert whole.startswith("The Victim 1") and "Unidentified" not in whole


def test_a_group_is_found_only_by_its_whole_description() -> None:
    redactor = TextRedactor([Withheld(("Members of a security patrol",), "Person 1",
                                      words_alone=False)])
    assert redactor.redact("The security patrol was ambushed.") == (
        "The security patrol was ambushed.")
    assert redactor.redact("Members of a security patrol were killed.") == (
        "Person 1 were killed.")
