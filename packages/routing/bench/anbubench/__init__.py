"""Benchmark harness for @anbu/routing: Solomon VRPTW and city-scale instances, peers, checker."""
