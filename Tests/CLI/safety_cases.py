"""Cases for running a notebook or script someone sent you: output folders
that stay whole, refusals before any cell runs, the file policy, exit(n),
a crash in a batch, and an HTML copy with no active content.

Imported by run-cli-tests (it registers these with the same `case` decorator
and shares its helpers); not run on its own.
"""

import fcntl
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time

from __main__ import case, check, clip, soma, write


def SOMA_PATH():
    """The binary under test (set by run-cli-tests' main after this import)."""
    import __main__
    return __main__.SOMA


def folder_listing(folder):
    """{name: sha256} of the files in a folder, sub-folders as name/."""
    files = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            files[name + "/"] = "dir"
        else:
            with open(path, "rb") as handle:
                files[name] = hashlib.sha256(handle.read()).hexdigest()
    return files


# ------------------------------------------------- refused before any cell runs

MARKED = "# Marked\n\n```soma\nprint(\"CELL-RAN\")\n```\n"


def refused(status, err, words):
    check(status == 2, f"exit {status}, want 2; stderr {clip(err)}")
    check("CELL-RAN" not in err and "1/1 cell 1" not in err, f"a cell ran: {clip(err)}")
    for word in words:
        check(word in err, f"stderr lacks {word!r}: {clip(err)}")


@case("soma run on a .ipynb refuses (exit 2) and suggests soma convert; the file and its figures stay")
def _():
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "out", "x"))
        ipynb = write(os.path.join(d, "out", "x"), "x.ipynb", '{"cells": [], "nbformat": 4}')
        figure = write(os.path.join(d, "out", "x"), "cell1-fig1.png", "png")
        status, out, err = soma("run", ipynb, cwd=d)
        refused(status, err, ["soma convert"])
        check(open(ipynb).read() == '{"cells": [], "nbformat": 4}', "the .ipynb changed")
        check(os.path.exists(figure), "its figure was deleted")


@case("soma run on a .soma script refuses (exit 2) and suggests soma FILE")
def _():
    with tempfile.TemporaryDirectory() as d:
        script = write(d, "s.soma", 'print("CELL-RAN")\n')
        status, out, err = soma("run", script, cwd=d)
        refused(status, err, ["soma " + script])


@case("soma run --out . lab3/lab3.md refuses: the output folder would replace the notebook's folder")
def _():
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "lab3"))
        nb = write(os.path.join(d, "lab3"), "lab3.md", MARKED)
        status, out, err = soma("run", "--out", ".", "lab3/lab3.md", cwd=d)
        refused(status, err, ["inside its own output folder"])
        check(open(nb).read() == MARKED, "the notebook changed")
        check(sorted(os.listdir(os.path.join(d, "lab3"))) == ["lab3.md"], f"lab3/ changed: {os.listdir(os.path.join(d, 'lab3'))}")


@case("soma run out/x/x.md (a notebook inside its own output folder) refuses")
def _():
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "out", "x"))
        nb = write(os.path.join(d, "out", "x"), "x.md", MARKED)
        status, out, err = soma("run", "--out", "out", "out/x/x.md", cwd=d)
        refused(status, err, ["inside its own output folder"])
        check(open(nb).read() == MARKED, "the notebook changed")


@case("soma run on '...md' refuses: its name would leave --out")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "...md", MARKED)
        status, out, err = soma("run", "--out", "out", "...md", cwd=d)
        refused(status, err, ["rename the notebook"])


@case("soma run with an output folder that cannot be created refuses before running")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "nb.md", MARKED)
        write(d, "afile", "x")
        status, out, err = soma("run", "--out", "afile/out", "nb.md", cwd=d)
        refused(status, err, ["cannot write the output folder"])
        if os.geteuid() != 0:  # root writes anywhere
            os.makedirs(os.path.join(d, "ro"))
            os.chmod(os.path.join(d, "ro"), 0o500)
            status, out, err = soma("run", "--out", "ro/out", "nb.md", cwd=d)
            refused(status, err, ["cannot write the output folder"])


@case("soma run: a second run on a locked output folder refuses (exit 2) and leaves it alone")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "nb.md", MARKED)
        os.makedirs(os.path.join(d, "out"))
        with open(os.path.join(d, "out", ".nb.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            status, out, err = soma("run", "--out", "out", "nb.md", cwd=d)
            refused(status, err, ["another soma run is writing"])
        status, out, err = soma("run", "--out", "out", "nb.md", cwd=d)
        check(status == 0, f"after the lock was released: exit {status}, {clip(err)}")


# ------------------------------------------------- whole output folders

@case("soma run keeps a user's own files in the output folder and removes only figures it wrote")
def _():
    with tempfile.TemporaryDirectory() as d:
        nb = write(d, "nb.md", "```soma\n#| name: results\nplot([1, 2, 3])\n```\n\n```soma\nplot([3, 2, 1])\n```\n")
        status, out, err = soma("run", "--format", "md", "--out", "out", "nb.md", cwd=d)
        check(status == 0, f"first run: exit {status}, {clip(err)}")
        folder = os.path.join(d, "out", "nb")
        check("cell2-fig1.png" in os.listdir(folder), f"no cell2-fig1.png: {os.listdir(folder)}")
        write(folder, "notes-fig1.png", "the user's own file")
        os.makedirs(os.path.join(folder, "mine"))
        write(os.path.join(folder, "mine"), "data.txt", "kept")
        write(d, "nb.md", "```soma\n#| name: results\nplot([1, 2, 3])\n```\n")
        status, out, err = soma("run", "--format", "md", "--out", "out", "nb.md", cwd=d)
        check(status == 0, f"second run: exit {status}, {clip(err)}")
        names = os.listdir(folder)
        check("cell2-fig1.png" not in names, f"a figure of the earlier run is left: {names}")
        check(open(os.path.join(folder, "notes-fig1.png")).read() == "the user's own file", "the user's file changed")
        check(open(os.path.join(folder, "mine", "data.txt")).read() == "kept", "the user's folder changed")
        check(not any(n.startswith(".") and n != ".soma-manifest" for n in names), f"a hidden file in the folder: {names}")


KILL_NOTEBOOK = """# Kill

```soma
#| parameters
run = 0
```

```soma
print("run-marker-{run}")
```
""" + "".join(f"""
```soma
figure(width: 320, height: 240)
plot(linspace(0, {k}, 200), sin(linspace(0, {k}, 200)))
```
""" for k in range(1, 9))


def check_whole(out_dir, stem, runs):
    """The folder holds exactly one complete run (one of `runs`) and nothing temporary."""
    folder = os.path.join(out_dir, stem)
    check(os.path.isdir(folder), f"{folder} is missing")
    visible = [n for n in os.listdir(out_dir) if not n.startswith(".")]
    check(visible == [stem], f"out/ holds {visible}")
    names = sorted(os.listdir(folder))
    manifest = [line for line in open(os.path.join(folder, ".soma-manifest")).read().splitlines()
                if line and not line.startswith("#")]
    check(sorted(manifest) == sorted(n for n in names if n != ".soma-manifest"),
          f"manifest {manifest} does not match the folder {names}")
    markers = set()
    for ext in ("md", "html", "ipynb"):
        text = open(os.path.join(folder, f"{stem}.{ext}"), encoding="utf-8").read()
        found = sorted({int(n) for n in re.findall(r"run-marker-(\d+)", text)})
        check(len(found) == 1 and found[0] in runs, f"{stem}.{ext} shows runs {found}, want one of {runs}")
        markers.add(found[0])
    check(len(markers) == 1, f"the renderings come from different runs: {markers}")
    pngs = [n for n in names if n.endswith(".png")]
    check(len(pngs) == 8, f"{len(pngs)} figures, want 8: {names}")
    for png in pngs:
        with open(os.path.join(folder, png), "rb") as handle:
            check(handle.read(8) == b"\x89PNG\r\n\x1a\n", f"{png} is not a whole PNG")
    return markers.pop()


@case("soma run: SIGKILL at 40 instants of a run leaves the previous output or the new one, whole")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "k.md", KILL_NOTEBOOK)
        out_dir = os.path.join(d, "out")
        start = time.monotonic()
        status, out, err = soma("run", "--out", out_dir, "--param", "run=1", "k.md", cwd=d)
        length = time.monotonic() - start
        check(status == 0, f"first run: exit {status}, {clip(err)}")
        check_whole(out_dir, "k", [1])
        rng = random.Random(7)
        shown = {1}
        completed = 0
        for attempt in range(2, 42):
            # Most kills land near the end, where the files are written and swapped.
            delay = length * (rng.uniform(0.55, 1.15) if attempt % 4 else rng.uniform(0.0, 0.55))
            process = subprocess.Popen([SOMA_PATH(), "run", "--out", out_dir, "--param", f"run={attempt}", "k.md"],
                                       cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            if process.returncode == 0:
                completed += 1
            now = check_whole(out_dir, "k", sorted(shown | {attempt}))
            check(now in (max(shown), attempt), f"after kill {attempt}: run {now} shown, previous was {max(shown)}")
            shown.add(now)
        # A later run clears what killed runs left behind.
        status, out, err = soma("run", "--out", out_dir, "--param", "run=99", "k.md", cwd=d)
        check(status == 0, f"last run: exit {status}, {clip(err)}")
        check_whole(out_dir, "k", [99])
        left = [n for n in os.listdir(out_dir) if "soma-staging" in n or "soma-old" in n]
        check(not left, f"staging folders left after a clean run: {left}")


@case("soma run -j 2: a notebook whose process is killed loses only its own output, reported, exit 1")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "good.md", "```soma\nprint(\"good\")\n```\n")
        write(d, "hang.md", "```soma\nwhile true { }\n```\n")
        process = subprocess.Popen([SOMA_PATH(), "run", "--out", "out", "-j", "2", "good.md", "hang.md"], cwd=d,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        victim = None
        deadline = time.monotonic() + 20
        while victim is None and time.monotonic() < deadline:
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as handle:
                        args = handle.read().split(b"\0")
                    with open(f"/proc/{pid}/stat") as handle:
                        parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                except OSError:
                    continue
                if parent == process.pid and b"hang.md" in args:
                    victim = int(pid)
            time.sleep(0.05)
        check(victim is not None, "no child process runs hang.md")
        time.sleep(0.3)
        os.kill(victim, signal.SIGKILL)
        out, err = process.communicate(timeout=60)
        check(process.returncode == 1, f"exit {process.returncode}; stderr {clip(err)}")
        check("hang.md" in err and "SIGKILL" in err, f"the crash is not reported: {clip(err)}")
        check(os.path.exists(os.path.join(d, "out", "good", "good.md")), "the other notebook's output is missing")
        check(not os.path.exists(os.path.join(d, "out", "hang")), "the killed notebook left an output folder")


@case("soma run -j 2: Ctrl-C reaches each notebook's process; what ran is written, exit 130")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "a.md", "```soma\nprint(\"a\")\n```\n")
        write(d, "b.md", "```soma\nprint(\"b\")\n```\n\n```soma\nwhile true { }\n```\n\n```soma\nprint(\"c\")\n```\n")
        process = subprocess.Popen([SOMA_PATH(), "run", "--format", "md", "--out", "out", "-j", "2", "a.md", "b.md"], cwd=d,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not os.path.exists(os.path.join(d, "out", "a", "a.md")):
            time.sleep(0.05)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        check(process.returncode == 130, f"exit {process.returncode}; {clip(err)}")
        check("error[interrupt]" in err and "3/3 cell 3: not run" in err, f"stderr {clip(err)}")
        check(os.path.exists(os.path.join(d, "out", "b", "b.md")), "the interrupted notebook was not written")


# ------------------------------------------------- exit(n) and line endings

@case("soma run: exit(3) in cell 2 stops the run with status 3; the summary names the cell")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "e.md", "```soma\nx = 1\n```\n\n```soma\n#| name: stop\nexit(3)\n```\n\n```soma\nprint(\"LATER\")\n```\n")
        status, out, err = soma("run", "--format", "md", "--out", "out", "e.md", cwd=d)
        check(status == 3, f"exit {status}, want 3; {clip(err)}")
        check("exit(3) in cell 2 (stop)" in err, f"summary does not name the cell: {clip(err)}")
        check("3/3 cell 3: not run" in err, f"cell 3 is not shown as not run: {clip(err)}")
        md = open(os.path.join(d, "out", "e", "e.md")).read()
        check("LATER" not in md.split("print(\"LATER\")")[-1], "cell 3 ran")


@case("exit(256) and exit(-1) are errors, not status n mod 256")
def _():
    status, out, err = soma("-e", "exit(256)")
    check(status == 1 and "error[value]" in err and "0 to 255" in err, f"exit {status}: {clip(err)}")
    status, out, err = soma("-e", "exit(-1)")
    check(status == 1 and "error[value]" in err, f"exit {status}: {clip(err)}")
    status, out, err = soma("-e", "exit(255)")
    check(status == 255, f"exit(255): status {status}")


@case("a notebook with CR-only line endings runs its cells")
def _():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "cr.md")
        with open(path, "wb") as handle:
            handle.write(b"# CR\r\rSome prose.\r\r```soma\rx = 20 + 22\rprint(\"got {x}\")\r```\r")
        status, out, err = soma("run", "--format", "md", "--out", "out", "cr.md", cwd=d)
        check(status == 0, f"exit {status}, {clip(err)}")
        check("1/1 cell 1: ok" in err, f"the cell did not run: {clip(err)}")
        check("got 42" in open(os.path.join(d, "out", "cr", "cr.md")).read(), "the output is missing")


# ------------------------------------------------- the file policy

def policy_tree(d):
    """lab/ with a notebook folder, a secret outside it, and links out."""
    lab = os.path.join(d, "lab")
    os.makedirs(os.path.join(lab, "data"))
    write(os.path.join(lab, "data"), "ok.csv", "1,2\n3,4\n")
    secret = os.path.join(d, "secret")
    os.makedirs(secret)
    write(secret, "s.csv", "SECRET-CONTENT,1\n")
    write(secret, "s.soma", "SECRET-CONTENT here\n")
    os.symlink(secret, os.path.join(lab, "link"))
    os.symlink(os.path.join(d, "elsewhere.csv"), os.path.join(lab, "dangling.csv"))
    home = os.path.join(d, "home")
    os.makedirs(home)
    write(home, "h.csv", "SECRET-CONTENT,2\n")
    return lab, secret, home


ESCAPES = [
    ('read_csv("{secret}/s.csv")', "read", "absolute path"),
    ('read_csv("../secret/s.csv")', "read", ".."),
    ('read_csv("data/../../secret/s.csv")', "read", "..  inside a path"),
    ('read_csv("link/s.csv")', "read", "a symlink to a folder outside"),
    ('read_csv("~/h.csv")', "read", "~"),
    ('use "{secret}/s.soma"', "read", "use with an absolute path"),
    ('use "../secret/s.soma"', "read", "use with .."),
    ('write_csv("{secret}/w.csv", [1, 2])', "write", "absolute path"),
    ('write_csv("../w.csv", [1, 2])', "write", ".. out of the output folder"),
    ('write_csv("~/w.csv", [1, 2])', "write", "~"),
    ('write_idx("{secret}/w.idx", [1, 2])', "write", "write_idx"),
    ('save("{lab}/link/w.png")', "write", "save through a symlink"),
    ('write_csv("{lab}/dangling.csv", [1, 2])', "write", "a dangling symlink"),
    ('read_idx("/etc/passwd")', "read", "a system file"),
]


@case("soma run: the path-escape corpus (absolute, .., symlinks, ~) is refused with error[permission]")
def _():
    with tempfile.TemporaryDirectory() as d:
        lab, secret, home = policy_tree(d)
        env = dict(os.environ, HOME=home)
        cells = []
        for code, _, _ in ESCAPES:
            cells.append("```soma\n#| error: expected\n" + code.format(secret=secret, lab=lab) + "\n```\n")
        cells.append("```soma\nprint(read_csv(\"data/ok.csv\"))\nwrite_csv(\"mine.csv\", [[1, 2]], header: [\"a\", \"b\"])\n```\n")
        write(lab, "nb.md", "# Escapes\n\n" + "\n".join(cells))
        status, out, err = soma("run", "--out", os.path.join(d, "out"), "lab/nb.md", cwd=d, env=env)
        check(status == 0, f"exit {status}; {clip(err, 2000)}")
        md = open(os.path.join(d, "out", "nb", "nb.md"), encoding="utf-8").read()
        check(md.count("error[permission]") == len(ESCAPES), f"{md.count('error[permission]')} refusals, want {len(ESCAPES)}")
        check("SECRET-CONTENT" not in md and "SECRET-CONTENT" not in err, "a refused file's content was shown")
        check("--allow-read" in md and "--allow-write" in md, "the refusals do not name the flag")
        check(os.listdir(secret) == ["s.csv", "s.soma"] or sorted(os.listdir(secret)) == ["s.csv", "s.soma"],
              f"a file was written outside: {os.listdir(secret)}")
        check(not os.path.exists(os.path.join(d, "elsewhere.csv")), "the dangling link was written through")
        check(not os.path.exists(os.path.join(home, "w.csv")), "~/w.csv was written")
        check(os.path.exists(os.path.join(d, "out", "nb", "mine.csv")), "a relative write did not land in the output folder")


@case("soma run --allow-read / --allow-write / --trust widen the limits")
def _():
    with tempfile.TemporaryDirectory() as d:
        lab, secret, home = policy_tree(d)
        write(secret, "n.csv", "5,6\n")
        write(lab, "nb.md", f'```soma\nprint(sum(read_csv("{secret}/n.csv")))\nwrite_csv("{secret}/w.csv", [1])\n```\n')
        status, out, err = soma("run", "--format", "md", "--out", os.path.join(d, "out"), "lab/nb.md", cwd=d)
        check(status == 1 and "--allow-read" in err, f"without flags: exit {status}, {clip(err)}")
        status, out, err = soma("run", "--format", "md", "--out", os.path.join(d, "out"), "--allow-read", secret, "lab/nb.md", cwd=d)
        check(status == 1 and "--allow-write" in err, f"with --allow-read: exit {status}, {clip(err)}")
        status, out, err = soma("run", "--format", "md", "--out", os.path.join(d, "out"), "--allow-read", secret,
                                "--allow-write", secret, "lab/nb.md", cwd=d)
        check(status == 0 and os.path.exists(os.path.join(secret, "w.csv")), f"with both: exit {status}, {clip(err)}")
        os.remove(os.path.join(secret, "w.csv"))
        status, out, err = soma("run", "--format", "md", "--out", os.path.join(d, "out"), "--trust", "lab/nb.md", cwd=d)
        check(status == 0 and os.path.exists(os.path.join(secret, "w.csv")), f"with --trust: exit {status}, {clip(err)}")


@case("soma FILE.soma reads its folder, writes the working folder; the REPL and -e are not confined")
def _():
    with tempfile.TemporaryDirectory() as d:
        lab, secret, home = policy_tree(d)
        work = os.path.join(d, "work")
        os.makedirs(work)
        write(lab, "s.soma", 'print(sum(read_csv("data/ok.csv")))\nwrite_csv("here.csv", [1, 2])\nread_csv("../secret/s.csv")\n')
        status, out, err = soma(os.path.join(lab, "s.soma"), cwd=work)
        check(out.strip() == "10", f"stdout {clip(out)}")
        check(os.path.exists(os.path.join(work, "here.csv")), "the relative write did not land in the working folder")
        check(status == 1 and "error[permission]" in err and "SECRET" not in err, f"exit {status}: {clip(err)}")
        status, out, err = soma("--trust", os.path.join(lab, "s.soma"), cwd=work)
        check(status == 0 and "error[permission]" not in err, f"--trust: exit {status}, {clip(err)}")
        status, out, err = soma("-e", f'read_csv("{secret}/s.csv").shape', cwd=work)
        check(status == 0 and "error[permission]" not in err, f"-e: exit {status}, {clip(err)}")
        status, out, err = soma(stdin=f'write_csv("{secret}/piped.csv", [1])\n', cwd=work)
        check(status == 0 and os.path.exists(os.path.join(secret, "piped.csv")), f"piped REPL: exit {status}, {clip(err)}")


@case("write_csv quotes header names per RFC 4180: a header cannot add lines")
def _():
    with tempfile.TemporaryDirectory() as d:
        status, out, err = soma("-e", 'write_csv("h.csv", [[1, 2]], header: ["a,b", "c\\"d\\n9,9"]); read_csv("h.csv")', cwd=d)
        check(status == 0, f"exit {status}, {clip(err)}")
        text = open(os.path.join(d, "h.csv")).read()
        check(text == '"a,b","c""d\n9,9"\n1,2\n', f"file is {text!r}")
        check("[[1, 2]]" in out.replace("\n", "").replace("  ", " ") or "1  2" in out or "1, 2" in out, f"read back: {clip(out)}")


@case("soma run: save() with a relative path lands in the output folder and the figure is shown")
def _():
    with tempfile.TemporaryDirectory() as d:
        write(d, "f.md", '```soma\nplot([1, 3, 2])\nsave("mine.png")\n```\n')
        status, out, err = soma("run", "--out", "out", "f.md", cwd=d)
        check(status == 0, f"exit {status}, {clip(err)}")
        folder = os.path.join(d, "out", "f")
        check(os.path.exists(os.path.join(folder, "mine.png")), f"mine.png not in the output folder: {os.listdir(folder)}")
        check(not os.path.exists(os.path.join(d, "mine.png")), "mine.png was written next to the notebook")
        md = open(os.path.join(folder, "f.md")).read()
        check("cell1-fig1.png" in md, "the figure is not shown in the rendered Markdown")
        check("data:image/png;base64" in open(os.path.join(folder, "f.html")).read(), "no figure in the HTML")


# ------------------------------------------------- the HTML copy

XSS_PROSE = """# Title <script>window.PWNED = 1</script>

Plain <b>bold</b> and <img src=x onerror="window.PWNED=2"> and <a href="javascript:window.PWNED=3">link</a>.

<script>window.PWNED = 4</script>

<iframe src="javascript:window.PWNED=5"></iframe>
<object data="data:text/html,<script>window.PWNED=6</script>"></object>
<embed src="data:text/html;base64,PHNjcmlwdD53aW5kb3cuUFdORUQ9Nzwvc2NyaXB0Pg==">
<form action="javascript:window.PWNED=8"><button>go</button></form>
<base href="https://evil.example/">
<svg onload="window.PWNED=9"></svg>
<details open ontoggle="window.PWNED=10"><summary>x</summary></details>
<a href=" JaVaScRiPt:window.PWNED=11">spaced</a> <a href="vbscript:msgbox(1)">vb</a>
<a href="jav&#x09;ascript:window.PWNED=12">entity</a>
<img src="https://evil.example/track.png"> <link rel="stylesheet" href="https://evil.example/x.css">
<style>body { background: url(https://evil.example/bg.png) }</style>
<meta http-equiv="refresh" content="0; url=javascript:window.PWNED=13">
<p style="background:url(https://evil.example/p.png)" onclick="window.PWNED=14">styled</p>
<!-- <script>window.PWNED=15</script> -->

| a | b |
|---|---|
| <img src=x onerror="window.PWNED=16"> | [x](javascript:window.PWNED=17) |

- item <svg><script>window.PWNED=18</script></svg>
- [click](data:text/html,<script>window.PWNED=19</script>)

## Heading <img src=x onerror=window.PWNED=20>

![alt](javascript:window.PWNED=21) ![remote](https://evil.example/r.png)
[**bold <img src=x onerror=window.PWNED=22>**](https://example.org/ok)
<math><mi xlink:href="javascript:window.PWNED=23">m</mi></math>
<scr<script>ipt>window.PWNED=24</script>
<table><tr><td background="javascript:window.PWNED=25">t</td></tr></table>
<a href="https://example.org/fine" title="ok">a fine link</a> <em>kept</em> <code>x</code>

```soma
print("<script>window.PWNED=26</script>")
"<img src=x onerror=window.PWNED=27>"
```
"""


@case("soma run: the HTML copy of a hostile notebook runs no script in headless Chromium and loads nothing")
def _():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    with tempfile.TemporaryDirectory() as d:
        write(d, "x.md", XSS_PROSE)
        status, out, err = soma("run", "--format", "html", "--out", "out", "x.md", cwd=d)
        check(status == 0, f"exit {status}, {clip(err)}")
        html = open(os.path.join(d, "out", "x", "x.html"), encoding="utf-8").read()
        # Text that merely mentions a tag is inert; only real tags and attributes count.
        tags = [t.lower() for t in re.findall(r"<[a-zA-Z/!][^>]*>", html)]
        head, body = html.split("<body>", 1)
        body_tags = [t.lower() for t in re.findall(r"<[a-zA-Z/!][^>]*>", body)]
        for tag in body_tags:
            name = re.match(r"</?([a-z0-9!-]+)", tag).group(1)
            check(name not in ("script", "iframe", "object", "embed", "form", "base", "svg", "math", "style", "link", "meta"),
                  f"the body holds the tag {clip(tag)}")
            check(not re.search(r"\son[a-z]+\s*=", tag), f"an on* attribute: {clip(tag)}")
            check(not re.search(r"javascript:|vbscript:|data:text/html|evil\.example|style=", tag), f"a bad URL or style: {clip(tag)}")
        check("<script" not in head.lower() and "https://" not in head.lower(), "the page head loads or runs something")
        check("<b>bold</b>" in html and "<em>kept</em>" in html and 'href="https://example.org/fine"' in html,
              "allowed formatting was lost")
        if chromium is None:
            print("info chromium not found: the HTML was checked as text only")
            return
        # A page script would have set window.PWNED; the probe shows its value in the title.
        # The page's Content-Security-Policy is taken out: the sanitiser must hold without it.
        csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
        probe = csp.sub("", html).replace("</body>", "<script>document.title = 'PWNED=' + String(window.PWNED)</script></body>")
        write(os.path.join(d, "out", "x"), "probe.html", probe)
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                               "--dump-dom", "file://" + os.path.join(d, "out", "x", "probe.html")],
                              capture_output=True, text=True, timeout=120)
        dom = done.stdout
        check("PWNED=undefined" in dom, f"a notebook script ran or the probe did not: {clip(dom[:400])} {clip(done.stderr[-300:])}")


@case("soma run: the page's CSP lets its own KaTeX typeset and blocks a script injected past the sanitiser (Chromium)")
def _():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None or not os.path.isdir("/usr/share/javascript/katex"):
        print("info chromium or KaTeX not installed: CSP check skipped")
        return
    with tempfile.TemporaryDirectory() as d:
        write(d, "m.md", "# Math\n\nThe rate $r = 1/\\tau$ and\n\n$$E = -\\frac{1}{2} x^T W x$$\n")
        status, out, err = soma("run", "--format", "html", "--out", "out", "m.md", cwd=d)
        check(status == 0, f"exit {status}, {clip(err)}")
        html = open(os.path.join(d, "out", "m", "m.html"), encoding="utf-8").read()
        check("script-src 'sha256-" in html, "the policy does not name the page's scripts by hash")
        # As if the sanitiser had let these through: neither may run under the page's policy.
        injected = html.replace("</main>", "<script>document.body.setAttribute('data-pwned', 'script')</script>"
                                "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'onerror')\"></main>")
        path = write(os.path.join(d, "out", "m"), "injected.html", injected)
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                               "--dump-dom", "file://" + path], capture_output=True, text=True, timeout=120)
        dom = done.stdout
        check('class="katex' in dom, f"KaTeX did not typeset under the policy: {clip(done.stderr[-300:])}")
        check(not re.search(r"<body[^>]*data-pwned", dom), "a script injected into the page ran despite the policy")


# ------------------------------------------------- images in the prose

PNG_BYTES = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + b"\x00\x00\x00\x0dIHDR" + bytes(17)


@case("soma run carries prose images (copy, data: URI, ipynb attachment) and refuses ../, links out and non-images with a warning, exit 0")
def _():
    import base64, json
    with tempfile.TemporaryDirectory() as d:
        lab = os.path.join(d, "lab")
        os.makedirs(os.path.join(lab, "images"))
        with open(os.path.join(lab, "images", "x.png"), "wb") as handle:
            handle.write(PNG_BYTES)
        with open(os.path.join(d, "secret.png"), "wb") as handle:
            handle.write(PNG_BYTES + b"SECRET")
        os.symlink(os.path.join(d, "secret.png"), os.path.join(lab, "images", "out.png"))
        write(os.path.join(lab, "images"), "fake.png", "<html>not an image</html>")
        write(lab, "lab.md", "# L\n\n![x](images/x.png) ![up](../secret.png) ![l](images/out.png) ![f](images/fake.png)\n\n"
              "```soma\nprint(1)\n```\n")
        status, out, err = soma("run", "--out", "out", "lab/lab.md", cwd=d)
        check(status == 0, f"exit {status}: {clip(err)}")
        target = os.path.join(d, "out", "lab")
        with open(os.path.join(target, "images", "x.png"), "rb") as handle:
            check(handle.read() == PNG_BYTES, "the image was not copied next to the .md")
        check(not os.path.exists(os.path.join(target, "images", "out.png")), "a link out was copied")
        check(not os.path.exists(os.path.join(target, "images", "fake.png")), "a non-image was copied")
        for name in ["../secret.png", "images/out.png", "images/fake.png"]:
            check(f"image '{name}' not carried" in err, f"no warning for {name}: {clip(err, 800)}")
        with open(os.path.join(target, "lab.html"), encoding="utf-8") as handle:
            html = handle.read()
        encoded = base64.b64encode(PNG_BYTES).decode()
        check(f'src="data:image/png;base64,{encoded}"' in html, "the HTML does not inline the image")
        check(base64.b64encode(PNG_BYTES + b"SECRET").decode() not in html and "SECRET" not in html,
              "the secret beside the notebook reached the HTML")
        with open(os.path.join(target, "lab.ipynb"), encoding="utf-8") as handle:
            cells = json.load(handle)["cells"]
        prose = cells[0]
        check(prose.get("attachments", {}).get("x.png", {}).get("image/png") == encoded, f"no attachment: {clip(str(prose))}")
        check("](attachment:x.png)" in "".join(prose["source"]), "the markdown does not refer to the attachment")
