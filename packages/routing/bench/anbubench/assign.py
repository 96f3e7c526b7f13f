"""Minimum-cost assignment of routes to vehicle classes (a small transportation problem).

Successive shortest paths with Dijkstra and potentials; the graph is source → route (1 unit) →
class (allowed pairs, cost = distance) → sink (as many units as the class has vehicles).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass


@dataclass
class _Edge:
    to: int
    capacity: int
    cost: int
    reverse: int


class _Network:
    def __init__(self, size: int) -> None:
        self.graph: list[list[_Edge]] = [[] for _ in range(size)]

    def add(self, frm: int, to: int, capacity: int, cost: int) -> None:
        self.graph[frm].append(_Edge(to, capacity, cost, len(self.graph[to])))
        self.graph[to].append(_Edge(frm, 0, -cost, len(self.graph[frm]) - 1))

    def min_cost_flow(self, source: int, sink: int) -> int:
        """Pushes as much flow as possible, cheapest first; returns the flow."""
        size = len(self.graph)
        potential = [0] * size
        flow = 0
        while True:
            dist = [float("inf")] * size
            previous: list[tuple[int, int] | None] = [None] * size
            dist[source] = 0
            queue = [(0.0, source)]
            while queue:
                d, node = heapq.heappop(queue)
                if d > dist[node]:
                    continue
                for index, edge in enumerate(self.graph[node]):
                    if edge.capacity <= 0:
                        continue
                    candidate = d + edge.cost + potential[node] - potential[edge.to]
                    if candidate < dist[edge.to]:
                        dist[edge.to] = candidate
                        previous[edge.to] = (node, index)
                        heapq.heappush(queue, (candidate, edge.to))
            if dist[sink] == float("inf"):
                return flow
            for node in range(size):
                if dist[node] < float("inf"):
                    potential[node] += int(dist[node])
            node = sink
            while node != source:
                step = previous[node]
                assert step is not None
                frm, index = step
                edge = self.graph[frm][index]
                edge.capacity -= 1
                self.graph[node][edge.reverse].capacity += 1
                node = frm
            flow += 1


def assign(costs: list[dict[int, int]], supply: list[int]) -> list[int | None]:
    """For each route, the class it goes to (or None), minimising the total cost.

    `costs[r]` maps the classes route r may use to its cost there; `supply[k]` is how many
    routes class k can take. As many routes as possible are assigned.
    """
    routes, classes = len(costs), len(supply)
    source, sink = routes + classes, routes + classes + 1
    network = _Network(routes + classes + 2)
    for r, options in enumerate(costs):
        network.add(source, r, 1, 0)
        for k, cost in options.items():
            network.add(r, routes + k, 1, cost)
    for k, count in enumerate(supply):
        network.add(routes + k, sink, count, 0)
    network.min_cost_flow(source, sink)
    chosen: list[int | None] = [None] * routes
    for r in range(routes):
        for edge in network.graph[r]:
            if routes <= edge.to < routes + classes and edge.capacity == 0 and edge.cost >= 0:
                chosen[r] = edge.to - routes
    return chosen
