"""The store's public API is what `forum_toolkit.store.__all__` says, no more and no less."""

import types

import forum_toolkit.store as store


def test_all_names_the_public_api():
    public = {name for name, value in vars(store).items() if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert sorted(store.__all__) == sorted(public)


def test_everything_exported_is_documented():
    undocumented = [name for name in store.__all__ if callable(getattr(store, name)) and not getattr(store, name).__doc__]
    assert undocumented == []
