#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal and answers its prompts, for CliTest.

    tty_session.py PROMPT ANSWER [PROMPT ANSWER ...] -- PROGRAM [ARG ...]

Waits for each PROMPT to appear in the program's output (after the previous
one), then types ANSWER and Enter. Prints everything the terminal showed (so
the test can check that a typed password was not echoed) and exits with the
program's exit status, or 124 when a prompt did not come within 60 seconds.
"""
import os
import pty
import select
import sys
import time


def main():
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit("usage: tty_session.py PROMPT ANSWER ... -- PROGRAM [ARG ...]")
    split = args.index("--")
    pairs, command = args[:split], args[split + 1:]
    if len(pairs) % 2 or not command:
        sys.exit("usage: tty_session.py PROMPT ANSWER ... -- PROGRAM [ARG ...]")

    pid, fd = pty.fork()
    if pid == 0:
        os.execv(command[0], command)

    shown = b""

    def read(timeout):
        """Adds what the terminal shows within `timeout` seconds to `shown`;
        "data", "timeout" or "closed"."""
        nonlocal shown
        ready, _, _ = select.select([fd], [], [], max(timeout, 0))
        if not ready:
            return "timeout"
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the program has ended and closed the terminal
            return "closed"
        if not chunk:
            return "closed"
        shown += chunk
        return "data"

    def give_up():
        sys.stdout.write(shown.decode(errors="replace"))
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(124)

    seen = 0
    for prompt, answer in zip(pairs[0::2], pairs[1::2]):
        deadline = time.monotonic() + 60
        wanted = prompt.encode()
        while shown.find(wanted, seen) < 0:
            if read(deadline - time.monotonic()) != "data":
                give_up()
        seen = shown.find(wanted, seen) + len(wanted)
        os.write(fd, answer.encode() + b"\n")

    while True:
        state = read(60)
        if state == "closed":
            break
        if state == "timeout":
            give_up()
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
