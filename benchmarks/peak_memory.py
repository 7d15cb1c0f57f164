"""Run a command and write its own peak memory (ru_maxrss, KiB) to a file.

Linux carries a process's peak RSS across fork and exec, so a command started
straight from the benchmark (which holds journals in memory) would report at
least the benchmark's own size. Started from this small process instead, the
figure is the command's own. Usage: peak_memory.py OUTPUT_FILE COMMAND [ARGS...]
"""

import os
import sys


def main() -> int:
    output, *command = sys.argv[1:]
    child = os.posix_spawn(command[0], command, os.environ)
    _, status, usage = os.wait4(child, 0)
    with open(output, "w", encoding="ascii") as handle:
        handle.write(str(usage.ru_maxrss))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
