"""Device registration: the short device code and the device's counters."""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.ids import new_id
from domain.models import Device, User
from server_stub.admin import server_change
from server_stub.errors import ApiError
from server_stub.tables import DeviceState
from sync.protocol import DeviceInfo, DeviceRegistration

log = logging.getLogger(__name__)

# Crockford's base 32: no I, L, O or U, so a code read aloud or from paper is unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# The first code is "A0": two characters, and never mistaken for a plain number.
FIRST_CODE_NUMBER = 10 * 32
MAX_CODE_ATTEMPTS = 50


def encode_code(number: int) -> str:
    digits = []
    while True:
        number, remainder = divmod(number, 32)
        digits.append(CODE_ALPHABET[remainder])
        if number == 0:
            return "".join(reversed(digits))


def device_info(session: Session, device: Device) -> DeviceInfo:
    state = session.get(DeviceState, device.id)
    return DeviceInfo(
        device_id=device.id,
        code=device.code,
        counters=dict(state.counters or {}) if state else {},
        high_water=int(state.high_water or 0) if state else 0,
    )


def _ensure_state(session: Session, device_id: str) -> None:
    if session.get(DeviceState, device_id) is None:
        session.add(DeviceState(device_id=device_id, high_water=0, counters={}))


def _insert_with_new_code(session: Session, device: Device) -> None:
    number = FIRST_CODE_NUMBER + session.execute(select(func.count()).select_from(Device)).scalar_one()
    for _ in range(MAX_CODE_ATTEMPTS):
        device.code = encode_code(number)
        savepoint = session.begin_nested()
        try:
            session.add(device)
            session.flush()
        except IntegrityError:
            savepoint.rollback()
            number += 1
            continue
        savepoint.commit()
        return
    raise RuntimeError("no free device code found")


def register_device(session: Session, user: User, request: DeviceRegistration) -> DeviceInfo:
    """Register a device, or return the code and counters of one registered before."""
    device = session.get(Device, request.device_id) if request.device_id else None
    if device is not None:
        if device.revoked:
            raise ApiError(403, "device_revoked", device_id=device.id)
        if device.user_id != user.id or device.name != request.name:
            with server_change(session):
                device.user_id = user.id
                device.name = request.name
        _ensure_state(session, device.id)
        session.flush()
        log.info("device %s (%s) registered again by user %s", device.code, device.id, user.id)
        return device_info(session, device)
    with server_change(session):
        device = Device(id=request.device_id or new_id(), name=request.name, user_id=user.id, revoked=False)
        _insert_with_new_code(session, device)
    _ensure_state(session, device.id)
    session.flush()
    log.info("registered device %s (%s) for user %s", device.code, device.id, user.id)
    return device_info(session, device)
