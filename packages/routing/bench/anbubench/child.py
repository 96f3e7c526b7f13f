"""Run one solver as a child process: capture stdout, timestamp stderr lines, peak memory."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ChildRun:
    exit_code: int | None
    stdout: str
    # (seconds since start, line) for every stderr line, in order.
    stderr: list[tuple[float, str]] = field(default_factory=list)
    wall_ms: float = 0.0
    max_rss_mb: float = 0.0
    # User + system CPU time of the child: with `wall_ms` it shows how much of a core it got.
    cpu_ms: float = 0.0
    timed_out: bool = False

    def stderr_tail(self, lines: int = 8) -> str:
        return "\n".join(line for _, line in self.stderr[-lines:])


def run_child(
    command: list[str],
    env: dict[str, str],
    timeout: float,
    on_stderr: Callable[[float, str], None] | None = None,
) -> ChildRun:
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
        start_new_session=True,
    )
    stdout_parts: list[str] = []
    stderr_lines: list[tuple[float, str]] = []

    def read_stdout() -> None:
        assert process.stdout is not None
        stdout_parts.append(process.stdout.read())

    def read_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            at = time.monotonic() - started
            stderr_lines.append((at, line.rstrip("\n")))
            if on_stderr is not None:
                on_stderr(at, line)

    readers = [threading.Thread(target=read_stdout), threading.Thread(target=read_stderr)]
    for reader in readers:
        reader.start()
    timed_out = False
    status = 0
    max_rss_kb = 0
    cpu_s = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid == process.pid:
            max_rss_kb = usage.ru_maxrss
            cpu_s = usage.ru_utime + usage.ru_stime
            break
        if time.monotonic() - started > timeout and not timed_out:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
        time.sleep(0.02)
    wall_ms = (time.monotonic() - started) * 1000
    exit_code = os.waitstatus_to_exitcode(status)
    process.returncode = exit_code
    for reader in readers:
        reader.join()
    return ChildRun(
        exit_code=None if timed_out else exit_code,
        stdout="".join(stdout_parts),
        stderr=stderr_lines,
        wall_ms=wall_ms,
        max_rss_mb=max_rss_kb / 1024,
        cpu_ms=cpu_s * 1000,
        timed_out=timed_out,
    )
