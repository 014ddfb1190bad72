"""A newcomer's first REPL session, typed line by line as a new student would,
with each answer checked: constants, Python habits that get a hint, `_`,
help and :doc, a plot whose preview fits the terminal and is printed once,
an error caret under wide characters, training with a progress bar, and
leaving. Also the progress bar and figure output outside the REPL.

Imported by run-cli-tests (it registers these with the same `case` decorator
and shares its helpers); not run on its own.
"""

import os
import pty
import re
import select
import tempfile
import time
import unicodedata

from __main__ import Terminal, case, check, clip, repl, soma, write

BRAILLE = re.compile(r"[\u2800-\u28ff]")
BAR_DONE = r"epoch {n}/{n} \[=+\] 100% \d+:\d\d elapsed, loss \d"


def columns(text):
    """Display columns of `text`: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def lines_with(pattern, text):
    return [line for line in text.split("\n") if re.search(pattern, line)]


@case("REPL: a newcomer's first session (constants, hints, _, help, plot preview, wide caret, training, leaving)")
@repl
def _(term, work, home):
    said = term.enter("1/0")
    check(re.search(r"^inf$", said, re.M), f"1/0 shows {clip(said)}")
    said = term.enter("pi")
    check(re.search(r"^3\.14159", said, re.M), f"pi shows {clip(said)}")
    typed = "x = linspace(0, 1, 5)"
    said = term.enter(typed)
    # Only the echo of what was typed (libedit may draw it twice when the window size arrives).
    check(all(typed.startswith(line.strip()) for line in said.split("\n")), f"an assignment shows {clip(said)}")
    said = term.enter("x**2")
    check("error[syntax]" in said and "use '^' for powers" in said, f"x**2 shows {clip(said)}")
    said = term.enter("len(x) == 0")
    check(re.search(r"^false$", said, re.M), f"len(x) == 0 shows {clip(said)}")
    said = term.enter("True")
    check("Soma writes true" in said, f"True shows {clip(said)}")
    said = term.enter("int(3.7)")
    check(re.search(r"^3$", said, re.M) and "inv" not in said, f"int(3.7) shows {clip(said)}")
    said = term.enter("_")
    check(re.search(r"^3$", said, re.M), f"_ shows {clip(said)}")

    said = term.enter("help(lif)")
    check(re.search(r"^lif\(vin, T:", said, re.M) and "population" in said, f"help(lif) shows {clip(said)}")
    term.enter("ae = Autoencoder([4, 2, 4], seed: 1)")
    said = term.enter(":doc ae.learn")
    check(re.search(r"^learn\(X, epochs", said, re.M) and "Trains the autoencoder" in said,
          f":doc ae.learn shows {clip(said)}")
    # Its signature is longer than the window: it breaks between parameters, not inside a word.
    check(max(len(line) for line in said.split("\n")) <= 99 and re.search(r"^    \w+ = ", said, re.M),
          f":doc ae.learn is not fitted to 100 columns: {clip(said)}")

    # The terminal is 100 columns wide: the preview fills it without wrapping.
    said = term.enter("plot(x, x^2)", timeout=30)
    path = os.path.join(work, "figure-1.png")
    check(f"[figure 1: {path}]" in said, f"plot shows {clip(said)}")
    drawing = lines_with(r"[│└]", said)
    check(len(lines_with(BRAILLE.pattern, said)) >= 5, f"no braille preview: {clip(said)}")
    widest = max(len(line) for line in drawing)
    check(90 <= widest <= 99, f"the preview is {widest} columns wide in a 100-column terminal")
    for command in ('xlabel("x")', 'title("t")'):
        said = term.enter(command, timeout=30)
        check(f"[figure 1: {path}]" in said, f"{command} does not rewrite the figure: {clip(said)}")
        check(not BRAILLE.search(said), f"{command} prints the preview again: {clip(said)}")
    check(os.path.exists(path), f"{path} not written")

    source = 'label = "温度 " + temprature'
    said = term.enter(source)
    check("error[name]" in said and "temprature" in said, f"{source} shows {clip(said)}")
    caret = re.search(r"^\s*\| ( *)(\^+)$", said, re.M)
    check(caret, f"no caret line: {clip(said)}")
    wanted = columns(source[:source.index("temprature")])
    check(len(caret.group(1)) == wanted and len(caret.group(2)) == len("temprature"),
          f"caret at column {len(caret.group(1))}, the name starts at display column {wanted}")

    term.enter("X = [[0, 0], [0, 1], [1, 0], [1, 1]]; T = [0, 1, 1, 0]")
    term.enter("net = Network([2, 3, 1], seed: 1)")
    mark = len(term.raw)
    said = term.enter("h = net.learn(X, T, epochs: 30000, lr: 4)", timeout=120)
    check(re.search(BAR_DONE.format(n=30000), said), f"net.learn shows {clip(said)}")
    check(re.search(r"elapsed, ~\d+:\d\d left, loss", term.raw[mark:]), "the bar never showed an estimate of the rest")
    check(len(lines_with(r"^epoch ", said)) == 1, f"the bar did not redraw in place: {clip(said)}")
    said = term.enter("r = ae.learn([[1, 0, 0, 1], [0, 1, 1, 0]], epochs: 200)", timeout=120)
    check(re.search(BAR_DONE.format(n=200), said), f"train's bar (through ae.learn) shows {clip(said)}")

    said = term.enter("exit")
    check("exit()" in said and "Ctrl-D" in said, f"exit shows {clip(said)}")
    term.ctrl_d()
    check(term.wait() == 0, f"Ctrl-D: exit {term.status}")


def run_on_terminal(args, env, cwd, timeout=60):
    """Runs soma under a pseudo-terminal; returns everything it wrote."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            import __main__
            base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
            os.execve(__main__.SOMA, [__main__.SOMA, *args], {**base, "LANG": "C.UTF-8", **env})
        finally:
            os._exit(127)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return data.decode("utf-8", "replace")


@case("progress bar: on a terminal only, one line, coloured unless NO_COLOR; train and learn alike")
def _():
    program = ('net = Network([2, 2, 1], seed: 1); h = net.learn([[0, 1]], [1], epochs: 40)\n'
               'r = train([zeros(1)], fn(p, X, T) = mean((X * p[0] - T)^2), [1, 2], [2, 4], epochs: 30)\n')
    with tempfile.TemporaryDirectory(prefix="soma-cli-") as root:
        script = write(root, "fit.soma", program)
        for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
            shown = run_on_terminal([script], env, root)
            for n in (40, 30):
                check(re.search(r"\repoch %d/%d \[(\x1b\[32m)?=+(\x1b\[0m)?\] 100%% " % (n, n), shown),
                      f"no finished bar for {n} epochs with {env}: {clip(shown)}")
            check(("\x1b[" in shown) == coloured, f"colour {'missing' if coloured else 'shown'} with {env}")
            check(shown.count("\n") == 2, f"the two bars are not two lines with {env}: {clip(shown)}")
        status, out, err = soma(script)
        check(status == 0 and out == "" and err == "", f"piped: exit {status}, stdout {clip(out)}, stderr {clip(err)}")
        status, out, err = soma("-e", "train([zeros(1)], fn(p, X, T) = mean((X * p[0] - T)^2), [1], [2], "
                                      "epochs: 3, progress: fn(e, l) = print(e))")
        check(status == 0 and out.startswith("1\n2\n3\n"), f"a progress callback: exit {status}, stdout {clip(out)}")


@case("a script that draws and labels a figure writes it once, with no preview")
def _():
    with tempfile.TemporaryDirectory(prefix="soma-cli-") as root:
        script = write(root, "fig.soma", 'plot([0, 1, 2], [0, 1, 4])\nxlabel("x")\ntitle("t")\n')
        for shown in (run_on_terminal([script], {}, root), soma(script, cwd=root)[1]):
            check(shown.count("figure-1.png") == 1, f"the path is not printed once: {clip(shown)}")
            check(not BRAILLE.search(shown), f"a script printed a preview: {clip(shown)}")
        check(os.path.exists(os.path.join(root, "figure-1.png")), "figure-1.png not written")
