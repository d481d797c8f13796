"""The duplicate check (防撞单): existing customers that a new or edited customer may be.

A match is a live customer with the same unified social credit code, the
same phone (on the customer or any of its contacts), or a very similar name.
The desktop calls `find_duplicate_customers` before saving, and the
customer commands run the same function on the client and on the server.
Suppliers are checked by the same rules with `find_duplicate_suppliers`,
which the supplier editor calls before saving.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import and_, bindparam, literal, or_, select, union_all
from sqlalchemy.orm import Session

from domain.models import Customer, CustomerContact, MatchField, Supplier, SupplierContact
from domain.validation import parse_phone

log = logging.getLogger(__name__)

# Two names whose keys have a difflib.SequenceMatcher ratio of at least this
# are "very similar". At 0.85, 丽江茶业 and 丽江市茶业 match (0.89), while
# 华联五金一店 and 华联五金二店 do not (0.83) and stay two customers.
NAME_SIMILARITY_THRESHOLD = Decimal("0.85")
# Words that name the legal form of a business rather than the business.
# They are listed longest first, so 有限责任公司 is removed before 公司.
LEGAL_FORM_WORDS = ("股份有限公司", "有限责任公司", "有限公司", "商店", "股份", "公司", "商行", "店")
LATIN_LEGAL_FORM_WORDS = re.compile(r"\b(?:co|company|corp|corporation|inc|limited|ltd|llc)\b")
# Everything that is not a letter or a digit: spaces, brackets (NFKC has
# already turned full-width （） into ASCII ones), dots and other punctuation.
NOT_WORD = re.compile(r"[\W_]+")
# A name shared by more customers than this (a chain's branches) reports the most similar ones only.
MAX_NAME_MATCHES = 50
# Keys remembered by name_key: the check normalizes the same candidates' names again and again.
NAME_KEY_CACHE_SIZE = 100_000
# Names compared with a new one start with its first this many characters.
NAME_PREFIX_CHARACTERS = 2
# Customers whose names start that way that are compared at most: half of
# them the nearest names after the new one in name order, half before it.
MAX_NAME_CANDIDATES = 200
# Above every character, so prefix + LAST_CHARACTER ends the range of names that start with prefix.
LAST_CHARACTER = chr(0x10FFFF)


@dataclasses.dataclass(frozen=True)
class CustomerMatch:
    """An existing customer that looks like the candidate, with the reason.

    `reason` is a MatchField value. `value` is the shared USCC, the phone key
    or the existing customer's name. `contact_id` names the contact whose
    phone matched, when it was not the customer's own phone.
    """

    customer_id: str
    code: str
    name: str
    reason: str
    value: str
    similarity: Decimal | None = None
    contact_id: str | None = None

    @property
    def record_id(self) -> str:
        return self.customer_id


@functools.lru_cache(maxsize=NAME_KEY_CACHE_SIZE)
def name_key(name: str | None) -> str:
    """Return the form of a customer name that the similarity check compares.

    NFKC folds full-width letters, digits and brackets to ASCII; the key is
    case-folded, and legal-form words, spaces, brackets and punctuation are
    removed: "上海华联（浦东）有限公司" and "上海华联 浦东" give the same key.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = LATIN_LEGAL_FORM_WORDS.sub(" ", text)
    text = NOT_WORD.sub("", text)
    for word in LEGAL_FORM_WORDS:
        text = text.replace(word, "")
    return text


@dataclasses.dataclass(frozen=True)
class SupplierMatch:
    """An existing supplier that looks like the candidate; the fields mean what they mean in CustomerMatch."""

    supplier_id: str
    code: str
    name: str
    reason: str
    value: str
    similarity: Decimal | None = None
    contact_id: str | None = None

    @property
    def record_id(self) -> str:
        return self.supplier_id


@dataclasses.dataclass(frozen=True)
class _Party:
    """The tables of one kind of party (customers or suppliers) that the check reads."""

    model: type
    contact_model: type
    contact_parent: object
    match: type


_CUSTOMERS = _Party(Customer, CustomerContact, CustomerContact.customer_id, CustomerMatch)
_SUPPLIERS = _Party(Supplier, SupplierContact, SupplierContact.supplier_id, SupplierMatch)


def name_similarity(left_key: str, right_key: str) -> Decimal:
    """Return the SequenceMatcher ratio of two name keys, rounded down to 4 places so a ratio never rounds up past the threshold."""
    if not left_key or not right_key:
        return Decimal(0)
    return _rounded_down(difflib.SequenceMatcher(None, right_key, left_key, autojunk=False).ratio())


def find_duplicate_customers(
    session: Session,
    *,
    name: str | None = None,
    uscc: str | None = None,
    phones: Iterable[str | None] = (),
    exclude_id: str | None = None,
) -> list[CustomerMatch]:
    """Return the live customers that match the candidate fields, at most one match per customer.

    `uscc` is compared in its compact form and `phones` by their keys (see
    domain.validation.Phone.key), so pass the values as typed or as stored.
    `exclude_id` is the customer being edited. A customer found by several
    reasons is reported once, by the strongest: USCC, then phone, then name.
    """
    return _find(session, _CUSTOMERS, name, uscc, phones, exclude_id)


def find_duplicate_suppliers(
    session: Session,
    *,
    name: str | None = None,
    uscc: str | None = None,
    phones: Iterable[str | None] = (),
    exclude_id: str | None = None,
) -> list[SupplierMatch]:
    """Return the live suppliers that match the candidate fields, as find_duplicate_customers does for customers."""
    return _find(session, _SUPPLIERS, name, uscc, phones, exclude_id)


def _find(session: Session, party: _Party, name, uscc, phones, exclude_id) -> list:
    found: dict[str, object] = {}
    for match in _uscc_matches(session, party, uscc, exclude_id):
        found.setdefault(_record_id(match), match)
    for match in _phone_matches(session, party, phones, exclude_id):
        found.setdefault(_record_id(match), match)
    for match in _name_matches(session, party, name, exclude_id):
        found.setdefault(_record_id(match), match)
    return sorted(found.values(), key=lambda match: (_REASON_ORDER[match.reason], match.code))


def _record_id(match: CustomerMatch | SupplierMatch) -> str:
    return match.customer_id if isinstance(match, CustomerMatch) else match.supplier_id


_REASON_ORDER = {MatchField.USCC.value: 0, MatchField.PHONE.value: 1, MatchField.NAME.value: 2}


def _live(statement, party: _Party, exclude_id: str | None):
    statement = statement.where(party.model.deleted_at.is_(None))
    if exclude_id is not None:
        statement = statement.where(party.model.id != exclude_id)
    return statement


def _uscc_matches(session: Session, party: _Party, uscc: str | None, exclude_id: str | None) -> list:
    if not uscc or not uscc.strip():
        return []
    compact = re.sub(r"[\s\-]", "", uscc).upper()
    model = party.model
    rows = session.execute(_live(
        select(model.id, model.code, model.name).where(model.uscc == compact), party, exclude_id,
    ).order_by(model.code))
    return [party.match(row.id, row.code, row.name, MatchField.USCC.value, compact) for row in rows]


def phone_forms(phone: str) -> tuple[str, set[str]]:
    """Return (key, stored forms) of a phone: what the duplicate check compares, and the texts to look up.

    Stored phones are in the form domain.validation writes, so an indexed
    equality finds them; a landline also matches when stored with an
    extension. A value that is not a valid number yields its digits as key.
    """
    parsed = parse_phone(phone)
    if parsed is None:
        digits = re.sub(r"\D", "", phone)
        return digits, {phone.strip()}
    if parsed.mobile is not None:
        return parsed.key, {parsed.mobile}
    return parsed.key, {f"{parsed.area_code}-{parsed.local_number}"}


def _phone_matches(session: Session, party: _Party, phones: Iterable[str | None], exclude_id: str | None) -> list:
    matches = []
    for phone in phones:
        if not phone or not phone.strip():
            continue
        key, forms = phone_forms(phone)
        # NOTE: a phone stored before validation existed, in another format
        # ("0871 6512 3456"), is not found, because the look-up is by the
        # stored form to use the index.
        (form,) = forms
        statement = _phone_statement(party, "-" in form, exclude_id is not None)
        params = {"form": form, "extension_low": form + "-", "extension_high": form + ".", "exclude_id": exclude_id}
        for row in session.execute(statement, params):
            matches.append(party.match(row.id, row.code, row.name, MatchField.PHONE.value, key,
                                       contact_id=row.contact_id))
    return sorted(matches, key=lambda match: (match.code, match.contact_id is not None))


# Statements built once per shape and reused: building a select and its cache
# key cost more than running it, and the check runs for every pushed customer.
_STATEMENTS: dict[tuple, object] = {}


def _phone_statement(party: _Party, with_extension: bool, excluding: bool):
    """Return the look-up of one stored phone form on the party and its contacts, with bound parameters.

    Parameters: form, extension_low and extension_high (form + "-" and form + ".",
    used when `with_extension`), and exclude_id (used when `excluding`).
    """
    cache_key = ("phone", party.model.__tablename__, with_extension, excluding)
    statement = _STATEMENTS.get(cache_key)
    if statement is not None:
        return statement
    model, contact = party.model, party.contact_model
    form = bindparam("form")
    extension = (bindparam("extension_low"), bindparam("extension_high")) if with_extension else None
    exclude_id = bindparam("exclude_id") if excluding else None
    own = _live_bound(
        select(model.id, model.code, model.name, literal(None).label("contact_id"))
        .where(_phone_equals(model.phone, form, extension)),
        party, exclude_id,
    )
    contacts = _live_bound(
        select(model.id, model.code, model.name, contact.id.label("contact_id"))
        .join(contact, party.contact_parent == model.id)
        .where(
            contact.deleted_at.is_(None),
            or_(_phone_equals(contact.phone, form, extension), _phone_equals(contact.mobile, form, extension)),
        ),
        party, exclude_id,
    )
    statement = own.union_all(contacts)
    _STATEMENTS[cache_key] = statement
    return statement


def _phone_equals(column, form, extension):
    """Return a SQL test that `column` is the bound `form`, or, when `extension` is given, form + "-" + an extension.

    `extension` is the bound (form + "-", form + ".") pair. The extension test
    is a range ("-" sorts just before "."), so the index on the column serves
    it where LIKE 'prefix%' would scan the table.
    NOTE: the range assumes a byte-order collation, as SQLite and a
    PostgreSQL database with the C or C.UTF-8 collation use.
    """
    if extension is None:
        return column == form
    low, high = extension
    return or_(column == form, and_(column > low, column < high))


def _live_bound(statement, party: _Party, exclude_id):
    """Return _live's filter with the excluded id as a bound parameter (None when nothing is excluded)."""
    statement = statement.where(party.model.deleted_at.is_(None))
    if exclude_id is not None:
        statement = statement.where(party.model.id != exclude_id)
    return statement


def _name_matches(session: Session, party: _Party, name: str | None, exclude_id: str | None) -> list:
    key = name_key(name)
    if not key:
        return []
    # Candidates share the name's first characters and are its nearest
    # neighbours in name order on either side, found by range scans of the
    # name index, so the check costs the same on 100 or 100,000 customers.
    # A difference at the very start costs so much similarity that such names
    # rarely reach the threshold anyway.
    # NOTE: the prefix is taken from the stored name, so "(昆明)华联" and
    # "华联" or "ABC" and "abc" are not compared with each other.
    name = name.strip()
    prefix = name[:NAME_PREFIX_CHARACTERS]
    statement = _name_statement(party, session.get_bind().dialect.name == "postgresql", exclude_id is not None)
    params = {"name": name, "prefix": prefix, "prefix_end": prefix + LAST_CHARACTER, "exclude_id": exclude_id}
    rows = session.execute(statement, params).all()
    matches = []
    similar = _SimilarTo(key)
    for row in rows:
        similarity = similar.at_threshold(name_key(row.name))
        if similarity is not None:
            matches.append(party.match(row.id, row.code, row.name, MatchField.NAME.value, row.name, similarity))
    matches.sort(key=lambda match: (-match.similarity, match.code))
    if len(matches) > MAX_NAME_MATCHES:
        log.info("name %r is similar to %d customers; reporting the first %d", name, len(matches), MAX_NAME_MATCHES)
    return matches[:MAX_NAME_MATCHES]


def _name_statement(party: _Party, postgresql: bool, excluding: bool):
    """Return the two range scans of _name_matches (after the name and before it) as one statement with bound parameters.

    Parameters: name, prefix, prefix_end (prefix + LAST_CHARACTER) and
    exclude_id (used when `excluding`). Each scan keeps its own ORDER BY and
    LIMIT inside a subquery, so the rows are those the two scans return alone.
    """
    cache_key = ("name", party.model.__tablename__, postgresql, excluding)
    statement = _STATEMENTS.get(cache_key)
    if statement is not None:
        return statement
    stored = party.model.name
    if postgresql:
        # Code-point order, as SQLite compares text; a linguistic collation could put names outside the range.
        # A server migration creates ix_customer_name_c and ix_supplier_name_c
        # with this collation on PostgreSQL only. The plain name indexes have
        # the database's collation and cannot serve these scans.
        stored = stored.collate("C")
    name, prefix, prefix_end = bindparam("name"), bindparam("prefix"), bindparam("prefix_end")
    exclude_id = bindparam("exclude_id") if excluding else None
    columns = select(party.model.id, party.model.code, party.model.name)
    after = columns.where(stored >= name, stored < prefix_end).order_by(stored)
    before = columns.where(stored >= prefix, stored < name).order_by(stored.desc())
    side = MAX_NAME_CANDIDATES // 2
    scans = (
        _live_bound(after, party, exclude_id).limit(side).subquery(),
        _live_bound(before, party, exclude_id).limit(side).subquery(),
    )
    statement = union_all(*(select(scan.c.id, scan.c.code, scan.c.name) for scan in scans))
    _STATEMENTS[cache_key] = statement
    return statement


class _SimilarTo:
    """Compares one name key with many candidates, as name_similarity does, keeping only those at the threshold.

    SequenceMatcher indexes its second sequence, so the key is indexed once and
    each candidate only set as the first one. Candidates whose length alone
    keeps the ratio below the threshold (ratio <= 2 * min / (la + lb)) are
    dropped first. Next go those with too few characters that occur in the
    key at all, an upper bound on the matched characters that runs in C.
    The matcher's cheap upper bounds (real_quick_ratio, quick_ratio) drop
    most of the rest before the full ratio runs.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.characters = frozenset(key)
        self.matcher = difflib.SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(key)
        threshold = float(NAME_SIMILARITY_THRESHOLD)
        self.threshold = threshold
        self.shortest = len(key) * threshold / (2 - threshold)
        self.longest = len(key) * (2 - threshold) / threshold

    def at_threshold(self, other: str) -> Decimal | None:
        if not other:
            return None
        if other == self.key:
            return Decimal(1)
        if not self.shortest <= len(other) <= self.longest:
            return None
        shared = sum(map(self.characters.__contains__, other))
        if 2 * shared < self.threshold * (len(other) + len(self.key)):
            return None
        matcher = self.matcher
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() < self.threshold or matcher.quick_ratio() < self.threshold:
            return None
        similarity = _rounded_down(matcher.ratio())
        return similarity if similarity >= NAME_SIMILARITY_THRESHOLD else None

def _rounded_down(ratio: float) -> Decimal:
    return Decimal(repr(ratio)).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
