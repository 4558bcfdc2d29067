"""Ballot codes: made at random from an unambiguous alphabet, read back however people type them."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum_toolkit.store.codes import ALPHABET, format_code, hash_code, new_codes, new_salt, normalize_code


def test_the_alphabet_leaves_out_the_characters_people_confuse():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_new_codes_are_distinct_and_printed_in_two_halves():
    codes = new_codes(500)
    assert len(set(codes)) == 500
    assert all(re.fullmatch(f"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code) for code in codes)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ABCD-EFGH", "ABCDEFGH"),
        ("abcd efgh", "ABCDEFGH"),
        ("  abcd-efgh\n", "ABCDEFGH"),
        ("AB.CD_EF/GH", "ABCDEFGH"),
        ("ABCD–EFGH", "ABCDEFGH"),  # an en dash from a phone's keyboard
        ("ＡＢＣＤ－ＥＦＧＨ", "ABCDEFGH"),  # full-width, from a Chinese input method
        ("АВСЕ-КМНР", "ABCEKMHP"),  # Cyrillic letters that look Latin: a Russian layout left on
        ("ΑΒΕΖ-ΗΚΜΝ", "ABEZHKMN"),  # Greek look-alikes
        ("٢٣٤٥-۶۷۸۹", "23456789"),  # Arabic-Indic and Persian digits
    ],
)
def test_normalize_code_forgives_what_a_reader_cannot_see(typed, meant):
    assert normalize_code(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFG0", "OBCD-EFGH", "1BCD-EFGH", "LBCD-EFGH", "ABCD-EFG!", "ABCD-EFGÄ"],
)
def test_normalize_code_refuses_what_cannot_be_a_code(typed):
    assert normalize_code(typed) is None


def test_format_code_splits_a_normalized_code():
    assert format_code("ABCDEFGH") == "ABCD-EFGH"


def test_the_hash_depends_on_the_session_salt():
    assert hash_code("salt-a", "ABCDEFGH") != hash_code("salt-b", "ABCDEFGH")
    assert hash_code("salt-a", "ABCDEFGH") == hash_code("salt-a", "ABCDEFGH")
    assert len(new_salt()) == 32 and new_salt() != new_salt()


code_strategy = st.text(alphabet=ALPHABET, min_size=8, max_size=8)
separators = st.sampled_from(["", " ", "-", "  ", "\t", "–", "."])


@given(code=code_strategy, cases=st.lists(st.booleans(), min_size=8, max_size=8), gaps=st.lists(separators, min_size=9, max_size=9))
def test_any_formatting_of_a_code_still_matches(code, cases, gaps):
    typed = gaps[0] + "".join(
        (char.lower() if lower else char) + gap for char, lower, gap in zip(code, cases, gaps[1:])
    )
    assert normalize_code(typed) == code
    assert normalize_code(format_code(code)) == code
    salt = "a-session-salt"
    assert hash_code(salt, normalize_code(typed)) == hash_code(salt, code)
