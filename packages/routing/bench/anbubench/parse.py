"""Solomon VRPTW instance parsing (the classic 100-customer text format)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Customer:
    number: int
    x: float
    y: float
    demand: int
    ready: int
    due: int
    service: int


@dataclass(frozen=True)
class Instance:
    name: str
    vehicles: int
    capacity: int
    depot: Customer
    customers: tuple[Customer, ...]

    @property
    def nodes(self) -> tuple[Customer, ...]:
        """Depot first, then customers in file order (customer number i sits at index i)."""
        return (self.depot, *self.customers)

    @property
    def horizon(self) -> int:
        return self.depot.due

    def distance(self, a: Customer, b: Customer) -> float:
        return math.hypot(a.x - b.x, a.y - b.y)

    def distance_matrix(self) -> list[list[float]]:
        nodes = self.nodes
        return [[self.distance(a, b) for b in nodes] for a in nodes]


def instance_class(name: str) -> str:
    """C101 -> C1, RC208 -> RC2."""
    letters = name.rstrip("0123456789")
    digits = name[len(letters) :]
    return f"{letters}{digits[:1]}"


def parse_solomon(path: Path) -> Instance:
    lines = [line.strip() for line in path.read_text().splitlines()]
    name = lines[0] if lines and lines[0] else path.stem
    vehicles = capacity = None
    rows: list[Customer] = []
    section = ""
    for line in lines[1:]:
        if not line:
            continue
        upper = line.upper()
        if upper.startswith("VEHICLE"):
            section = "vehicle"
            continue
        if upper.startswith("CUSTOMER"):
            section = "customer"
            continue
        if upper.startswith(("NUMBER", "CUST")):
            continue
        fields = line.split()
        if section == "vehicle" and len(fields) == 2:
            vehicles, capacity = int(fields[0]), int(fields[1])
        elif section == "customer" and len(fields) == 7:
            number, x, y, demand, ready, due, service = fields
            rows.append(
                Customer(
                    int(number), float(x), float(y), int(demand), int(ready), int(due), int(service)
                )
            )
        else:
            raise ValueError(f"{path}: unexpected line {line!r}")
    if vehicles is None or capacity is None:
        raise ValueError(f"{path}: no VEHICLE section")
    if not rows or rows[0].number != 0:
        raise ValueError(f"{path}: the first customer row must be the depot (number 0)")
    for index, row in enumerate(rows):
        if row.number != index:
            raise ValueError(f"{path}: customer numbers must be 0..n in order, got {row.number}")
    return Instance(name, vehicles, capacity, rows[0], tuple(rows[1:]))
