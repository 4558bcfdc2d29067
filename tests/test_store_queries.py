"""The store's statements are tested through `Store`; here, the canonical JSON that retries rely on."""

from types import MappingProxyType

import pytest

from forum_toolkit.store.queries import to_json


def test_the_same_answers_give_the_same_text_in_any_order():
    assert to_json({"park": "park", "idea": "Bänke"}) == to_json({"idea": "Bänke", "park": "park"})


def test_text_stays_readable():
    assert to_json({"idea": "حديقة للأطفال"}) == '{"idea":"حديقة للأطفال"}'


def test_any_mapping_is_stored_as_an_object():
    assert to_json(MappingProxyType({"town_life": MappingProxyType({"safety": 2})})) == '{"town_life":{"safety":2}}'


def test_what_json_cannot_hold_is_refused():
    with pytest.raises(TypeError, match="cannot store set in JSON"):
        to_json({"barriers": {"time"}})
