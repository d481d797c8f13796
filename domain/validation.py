"""Input checks for party master data: phone numbers and the unified social credit code.

Each check returns the value in the form Kaidan stores, or raises
CommandRejected with a code and the payload field it applies to, so the
desktop can name the field in the user's language.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata

from stdnum.cn import uscc as uscc_number
from stdnum.exceptions import ValidationError

from domain.commands.framework import CommandRejected

log = logging.getLogger(__name__)

# Characters people type between the groups of a number: spaces (ASCII and
# full-width), hyphens, dots, slashes and brackets around the area code.
SEPARATORS = re.compile(r"[\s\u3000\-\u2010-\u2015\u2212.．/()（）]")
# Words and signs that introduce an extension, as clerks write them.
EXTENSION_MARKERS = re.compile(r"(?:转|分机|ext\.?|x|#)", re.IGNORECASE)
COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)")

# A mainland mobile number: 11 digits, "1" then 3-9 (no 10x, 11x or 12x ranges exist).
MOBILE = re.compile(r"1[3-9]\d{9}")
# Beijing (010) and the 02x cities have three-digit area codes. Every other
# area code has four digits: 0, then 3-9, then two more.
AREA_CODE = re.compile(r"0(?:10|2\d|[3-9]\d{2})")
# A local number has 7 or 8 digits and never starts with 0, which is the trunk prefix.
LOCAL_NUMBER = re.compile(r"[1-9]\d{6,7}")
EXTENSION = re.compile(r"\d{1,6}")


@dataclasses.dataclass(frozen=True)
class Phone:
    """A parsed mainland phone number.

    `area_code` and `local_number` are set for a landline, `mobile` for a
    mobile number. `extension` is kept for display and ignored by the
    duplicate key, because one switchboard serves the whole company.
    """

    mobile: str | None = None
    area_code: str | None = None
    local_number: str | None = None
    extension: str | None = None

    @property
    def text(self) -> str:
        """Return the stored form: "13912345678", "0871-65123456" or "010-12345678-123"."""
        if self.mobile is not None:
            return self.mobile
        text = f"{self.area_code}-{self.local_number}"
        return f"{text}-{self.extension}" if self.extension else text

    @property
    def key(self) -> str:
        """Return the digits that identify the line: the mobile number, or area code and local number."""
        if self.mobile is not None:
            return self.mobile
        return f"{self.area_code}{self.local_number}"


def parse_phone(value: str) -> Phone | None:
    """Parse a mainland mobile or landline number, or return None when it is neither.

    Accepted are full-width digits, separators between groups, the area code
    in brackets, and an extension after "-", "转", "分机", "ext", "x" or "#".
    An optional +86 or 0086 prefix may come first, and a landline written
    that way drops the trunk 0 of its area code. The area code of a landline
    is required, because the same local number exists in every city.
    """
    # Chinese input methods often type full-width digits and brackets; NFKC folds them to ASCII.
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    international = COUNTRY_PREFIX.match(text) is not None
    text = COUNTRY_PREFIX.sub("", text)
    main, extension = _split_extension(text)
    if extension is not None and not EXTENSION.fullmatch(extension):
        return None
    digits = SEPARATORS.sub("", main)
    if not digits.isdigit() or not digits.isascii():
        return None
    if MOBILE.fullmatch(digits):
        return Phone(mobile=digits) if extension is None else None
    if international:
        digits = "0" + digits
    area = AREA_CODE.match(digits)
    if area is None:
        return None
    local = digits[area.end():]
    if not LOCAL_NUMBER.fullmatch(local):
        return None
    return Phone(area_code=area.group(0), local_number=local, extension=extension)


def _split_extension(text: str) -> tuple[str, str | None]:
    """Split "0871-65123456 转 123" into the number and the extension digits."""
    marker = EXTENSION_MARKERS.search(text)
    if marker is not None:
        return text[:marker.start()], SEPARATORS.sub("", text[marker.end():])
    # Without a marker, a third group after hyphens is an extension: "010-12345678-123".
    groups = [group for group in re.split(r"[-\u2010-\u2015\u2212]", text)]
    if len(groups) == 3 and all(SEPARATORS.sub("", group).isdigit() for group in groups):
        area, local, extension = (SEPARATORS.sub("", group) for group in groups)
        if AREA_CODE.fullmatch(area) and LOCAL_NUMBER.fullmatch(local):
            return f"{area}-{local}", extension
    return text, None


def normalized_phone(value: str | None, field: str) -> str | None:
    """Return the stored form of a phone number, None for a blank one.

    Raises CommandRejected("invalid_phone", field=..., value=...) when the
    value is neither a mainland mobile nor a landline with its area code.
    """
    if value is None or not value.strip():
        return None
    phone = parse_phone(value)
    if phone is None:
        raise CommandRejected("invalid_phone", field=field, value=value)
    return phone.text


# A number abroad as E.164 counts it: the country code and the national number, 7 to 15 digits in all.
INTERNATIONAL_DIGITS = re.compile(r"[1-9]\d{6,14}")


def international_phone_text(value: str) -> str | None:
    """Return a number written with "+" and its country code in stored form, or None when it is not one.

    The stored form is "+" and the typed digit groups joined by single spaces,
    so "+81 (3) 3555-5011" is stored as "+81 3 3555 5011". Country codes never
    start with 0. A mainland number with +86 is not handled here, because
    parse_phone stores it in the mainland form.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if not text.startswith("+"):
        return None
    groups = [group for group in SEPARATORS.split(text[1:]) if group]
    digits = "".join(groups)
    if not digits.isascii() or not INTERNATIONAL_DIGITS.fullmatch(digits):
        return None
    return "+" + " ".join(groups)


def normalized_supplier_phone(value: str | None, field: str) -> str | None:
    """Return the stored form of a supplier's phone, None for a blank one.

    A number starting with "+" (other than +86) is a number abroad and is
    checked by international_phone_text. Any other number must be a mainland
    number, as in normalized_phone. Raises CommandRejected("invalid_supplier_phone",
    field=..., value=...) otherwise, so "(03) 3555-5011" without its country
    code is rejected with a hint to add it.
    """
    return normalized_phone_or_abroad(value, field, "invalid_supplier_phone")


def normalized_phone_or_abroad(value: str | None, field: str, error_code: str, mobile: bool = False) -> str | None:
    """Return the stored form of a mainland number or of a number abroad, None for a blank one.

    A number starting with "+" (other than +86) must pass international_phone_text.
    Any other number must be a mainland number as parse_phone reads it, and with
    `mobile` a mainland mobile. Raises CommandRejected(error_code, field=..., value=...)
    otherwise.
    """
    if value is None or not value.strip():
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if text.startswith("+") and COUNTRY_PREFIX.match(text) is None:
        stored = international_phone_text(text)
    else:
        phone = parse_phone(text)
        stored = phone.text if phone is not None and (phone.mobile is not None or not mobile) else None
    if stored is None:
        raise CommandRejected(error_code, field=field, value=value)
    return stored


def normalized_uscc(value: str | None, field: str = "uscc") -> str | None:
    """Return the compact upper-case USCC, None for a blank one.

    Raises CommandRejected("invalid_uscc", field=..., value=...) when the
    length, the characters or the check character are wrong. The 18th
    character is a check character over the other 17, and python-stdnum
    (stdnum.cn.uscc) computes it.
    """
    if value is None or not value.strip():
        return None
    try:
        return uscc_number.validate(value)
    except ValidationError:
        raise CommandRejected("invalid_uscc", field=field, value=value) from None


def required_text(value: str | None, field: str, table: str) -> str:
    """Return `value` without surrounding spaces, or raise CommandRejected("required_field") when blank."""
    if value is None or not value.strip():
        raise CommandRejected("required_field", table=table, field=field)
    return value.strip()
