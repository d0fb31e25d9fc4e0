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


def test_a_composed_message_reads_the_same_in_the_cli_and_the_gui() -> None:
    """A bundle dossier that breaks a rule: its own reason, dates as the user reads them,
    through both the CLI's ``user_message(exc)`` and the GUI's ``exc.user_message()``
    (the CLI once raised KeyError 'reden' here, found by the slow attack corpus)."""
    from zorgapp.exchange.spec import DossierRuleError

    i18n.set_language("nl")
    oorzaak = DomainError("De datum {datum} ligt in de toekomst.", datum="9999-12-31")
    exc = DossierRuleError("HM-2026-0001", oorzaak)
    cli_tekst, gui_tekst = errors.user_message(exc), exc.user_message()
    assert cli_tekst == gui_tekst
    assert "HM-2026-0001" in cli_tekst and "31 dec 9999" in cli_tekst
    assert "{" not in cli_tekst and "9999-12-31" not in cli_tekst
