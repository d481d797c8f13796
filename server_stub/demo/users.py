"""The demo's sign-in accounts: the single list the READMEs and tests take them from.

Department codes refer to the departments the demo creates (see
server_stub.demo.org). The passwords are public on purpose: the demo data
set is for trying Kaidan out and must never hold real data.
"""

from __future__ import annotations

import dataclasses

HEADQUARTERS = "HQ"
DEPARTMENT_1 = "EAST"  # 华东销售部
DEPARTMENT_2 = "SOUTH"  # 华南销售部
EXPORT_DEPARTMENT = "EXPORT"  # 外贸部, the Northwind customers' department


@dataclasses.dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    department_code: str | None
    display_name: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "admin123", "admin", DEPARTMENT_1, "系统管理员"),
    DemoUser("manager", "manager123", "manager", DEPARTMENT_1, "周经理"),
    DemoUser("clerk", "clerk123", "clerk", DEPARTMENT_1, "王开单"),
    DemoUser("keeper", "keeper123", "warehouse", DEPARTMENT_1, "李库管"),
    DemoUser("finance", "finance123", "finance", DEPARTMENT_1, "赵财务"),
    DemoUser("clerk2", "clerk2123", "clerk", DEPARTMENT_2, "陈开单"),
    DemoUser("keeper2", "keeper2123", "warehouse", DEPARTMENT_2, "黄库管"),
)

# Northwind's nine employees become salespeople (role clerk) of the export
# department; each signs in as firstname.lastname with this password.
NORTHWIND_EMPLOYEE_PASSWORD = "northwind123"


def northwind_username(first_name: str, last_name: str) -> str:
    return f"{first_name}.{last_name}".lower()
