/// The prose of `:help` and `soma help TOPIC`.
enum HelpText {
    static let repl = """
    Type Soma code; a bare expression's value is shown. An open bracket or block,
    or a line ending in an operator, continues on the next line (... prompt).

      :help          this text               :vars          the session's variables
      :doc NAME      a builtin's doc         :load FILE     run a file in the session
      :reset         forget every variable   :quit          leave (or Ctrl-D)

    Keys: Tab completes names (fields and methods after '.'); Up/Down and Ctrl-R
    search history (~/.soma_history); Ctrl-C clears the line, or stops running code
    and keeps the session.

    Figures: an entry that draws writes figure-N.png in the working folder and
    prints its path, then a text preview as wide as the window; an entry that
    only sets labels or a title rewrites the file without a second preview
    (fig.preview() draws one on demand). Training shows a progress bar with the
    elapsed time and an estimate of the rest.

    A taste:   x = linspace(0, 3, 50)
               plot(x, lif_rate(x), label: "G(v)"); xlabel("v_in")
               help(lif_rate)
    soma help language  — the language in brief; soma help notebooks — the notebook format.

    """

    static let language = """
    Soma in brief (the full contract is LANGUAGE.md v1):
      numbers 3, 0.5, 1e-3, 20ms (= 0.02), strings "rate = {r:.2f}", nil true false
      tensors [1, 2, 3], zeros(3, 4); lists ["a", 1]; records {name: "lif", rate: 40}
      x = 1; a, b = [1, 2]; x += 1; A[0, :] = zeros(3); r.rate = 50
      fn f(x, lr = 0.1) = x * lr        fn g(x) { if x > 0 { return x }; -x }
      if x > 0 { 1 } else { 0 }         for i in 0..<10 { }    while c { break }
      for i, x in enumerate(xs) { }     try { risky() } catch e { print(e.message) }
      operators: |> or and not == != < <= > >= ..< ... + - * / % @ ^ (right-assoc)
      indexing: A[i], A[i, j], A[1:4], A[:, 0], A[::2], A[-1], A[A > 0], A[[0, 2]]
      constants: pi π e inf nan     objects: object("Type", {fields}, {methods})
    The full reference, with examples the test suite runs: Docs/LANGUAGE.md in the
    Soma repository (decisions beyond the specification: Docs/LANGUAGE-NOTES.md).

    """

    static let notebooks = """
    A notebook is a Markdown file; ```soma fenced blocks are cells, all else is prose.
    Options at a cell's top: #| name: x, #| echo: false, #| skip: true, #| timeout: 60,
    #| fig-width: 900, #| fig-height: 400, #| fig-dpi: 200, #| error: expected, #| parameters.
      soma run NB.md                 writes out/NB/NB.md, NB.html, NB.ipynb and PNGs
      soma run --format md --keep-going --timeout 60 -j 2 Notebooks/*.md
      soma run --dpi 200 NB.md       crisper figures for a projector
      soma run --param n=20 NB.md    overrides the #| parameters cell
      soma convert NB.ipynb          back to Markdown
    Files: a notebook reads its own folder and the Stdlib and writes only its output
    folder (relative paths land there); --allow-read DIR, --allow-write DIR and
    --trust widen that. A refused path is error[permission]. `soma help run` has more.

    """
}
