"""One base for every error the user may see, and one ``N_``."""

from __future__ import annotations

import pytest

from zorgapp import cli, errors, i18n
from zorgapp.domain import errors as domain_errors
from zorgapp.domain.errors import DomainError, UserFacingError
from zorgapp.errors import EXIT_DAMAGED, EXIT_USAGE, DamagedVaultError, KnownError, UsageError


def test_known_and_domain_errors_share_one_base() -> None:
    assert issubclass(KnownError, UserFacingError)
    assert issubclass(DomainError, UserFacingError)
    assert issubclass(DomainError, ValueError)  # existing ``except ValueError`` sites
    assert errors.UserFacingError is UserFacingError and errors.DomainError is DomainError


def test_exit_codes_come_with_the_error() -> None:
    assert DomainError("x").exit_code == EXIT_USAGE
    assert KnownError("x").exit_code == EXIT_DAMAGED
    assert DamagedVaultError("x").exit_code == EXIT_DAMAGED
    assert UsageError("x").exit_code == EXIT_USAGE


def test_messages_translate_in_the_active_language() -> None:
    msgid = "Kluis {bestand} bestaat niet."
    for exc in (DomainError(msgid, bestand="a.zorg"), UsageError(msgid, bestand="a.zorg")):
        assert errors.user_message(exc) == "Kluis a.zorg bestaat niet."
        i18n.set_language("en")
        try:
            assert errors.user_message(exc) == "Vault a.zorg does not exist."
        finally:
            i18n.set_language("nl")
    assert UsageError(msgid, bestand="a.zorg").user_message() == "Kluis a.zorg bestaat niet."
    # str() stays what it was: the filled-in Dutch text for a rule, the msgid for a KnownError
    assert str(DomainError(msgid, bestand="a.zorg")) == "Kluis a.zorg bestaat niet."
    assert str(UsageError(msgid, bestand="a.zorg")) == msgid


def test_there_is_one_n_() -> None:
    assert i18n.N_ is domain_errors.N_ and errors.N_ is domain_errors.N_


def test_the_command_line_turns_a_rule_refusal_into_a_usage_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(args: object) -> int:
        raise DomainError("De einddatum ligt vóór de begindatum.")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser.set_defaults(command="x", func=refuse)
    assert cli.main([]) == EXIT_USAGE
    assert "De einddatum ligt vóór de begindatum." in capsys.readouterr().err
