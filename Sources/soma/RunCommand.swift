import ArgumentParser
import Foundation
import SomaNotebook
import SomaLang

/// `soma run NB.md ...`: run notebooks cell by cell and write them rendered
/// with their outputs (Markdown, HTML, ipynb) and figures.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run notebooks cell by cell; write them with outputs and figures to out/.",
        discussion: """
        Each notebook runs top to bottom in its own session and writes \
        <out>/<name>/<name>.md, .html and .ipynb plus its figures (cellN-figK.png, \
        or <cell name>-figK.png). The source notebook is never modified. Progress, \
        one line per cell, goes to standard error. With several notebooks, each \
        runs in its own process: one that crashes loses only its own output.

        The output folder is replaced whole at the end of a run (a killed run \
        leaves the previous output as it was); files in it that soma did not \
        write are kept. Two runs cannot write one folder at once: the second \
        stops with status 2.

        Files: a notebook's code may read files in the notebook's folder and the \
        Stdlib, and write only in its output folder (a relative path given to \
        save, write_csv or write_idx lands there). A refused path is \
        error[permission]. Widen the limits with --allow-read DIR and \
        --allow-write DIR (repeatable), or lift them with --trust for a notebook \
        you trust. See Docs/FILE-POLICY.md.

        Exit status: 0 when every cell ran, 1 when a cell failed or timed out, \
        n when a cell called exit(n) (later cells are not run), 2 for bad usage \
        or a notebook that cannot run (unreadable, not Markdown, an output \
        folder that would overwrite it or cannot be written), found before any \
        cell runs; 130 after Ctrl-C (the cells that ran are still written).
        """)

    @ArgumentParser.Argument(help: "Notebook files (Markdown with ```soma cells).")
    var notebooks: [String]

    @Option(name: .long, help: ArgumentHelp("Folder for the outputs.", valueName: "dir"))
    var out: String = "out"

    @Option(name: .long, help: ArgumentHelp("Formats to write, comma separated: md, html, ipynb.", valueName: "list"))
    var format: String = "md,html,ipynb"

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seconds each cell may run; a cell's `#| timeout:` overrides it.", valueName: "seconds"))
    var timeout: String?

    @Option(name: .long, help: ArgumentHelp("Resolution of figures (100 = the figure's size in pixels; 200 for a projector); a cell's `#| fig-dpi:` overrides it.", valueName: "dpi"))
    var dpi: String = "100"

    @Flag(name: .long, help: "Run the remaining cells after a cell fails (default: stop at it).")
    var keepGoing = false

    @Option(name: .customShort("j"), help: ArgumentHelp("Notebooks to run side by side, each in its own session.", valueName: "n"))
    var jobs: String = "1"

    @Option(name: .customLong("param"),
            help: ArgumentHelp("Override a value of the notebook's `#| parameters` cell; the value is a Soma literal. Repeatable.",
                               valueName: "name=value"))
    var parameters: [String] = []

    @Option(name: .customLong("allow-read"), help: ArgumentHelp("Let the notebooks read files under PATH too. Repeatable.", valueName: "path"))
    var allowRead: [String] = []

    @Option(name: .customLong("allow-write"), help: ArgumentHelp("Let the notebooks write files under PATH too. Repeatable.", valueName: "path"))
    var allowWrite: [String] = []

    @Flag(name: .long, help: "Lift the file limits: the notebooks may read and write any file you can.")
    var trust = false

    /// Set on the processes a batch starts, one per notebook: no live progress line.
    @Flag(name: .customLong("batch-child"), help: .hidden)
    var batchChild = false

    /// A batch child's neighbours in the course (source paths; empty for none):
    /// its page links to them and to the run's index.
    @Option(name: .customLong("nav-prev"), help: .hidden)
    var navPrevious: String?
    @Option(name: .customLong("nav-next"), help: .hidden)
    var navNext: String?

    func run() throws {
        let settings: RunSettings
        let formats: [OutputFormat]
        let jobCount: Int
        let figureDPI: Double
        do {
            formats = try OutputFormat.list(format)
            let parsed = try parameters.map { argument throws(NotebookError) in try NotebookParameter(argument: argument) }
            // Numbers are checked here, not by the parser, so bad values exit with status 2 like other usage errors.
            var seconds: Double?
            if let timeout {
                guard let value = Double(timeout), value.isFinite, value > 0 else {
                    throw NotebookError(path: "--timeout", message: "needs a positive number of seconds, not '\(timeout)'")
                }
                seconds = value
            }
            guard let count = Int(jobs), (1...64).contains(count) else {
                throw NotebookError(path: "-j", message: "needs a number of notebooks from 1 to 64, not '\(jobs)'")
            }
            jobCount = count
            guard let resolution = Double(dpi), resolution.isFinite, (10...600).contains(resolution) else {
                throw NotebookError(path: "--dpi", message: "needs dots per inch from 10 to 600, not '\(dpi)'")
            }
            figureDPI = resolution
            settings = RunSettings(timeout: seconds, keepGoing: keepGoing, parameters: parsed)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let terminal = isatty(STDERR_FILENO) != 0
        // A live "running" line only makes sense when one notebook's lines come at a time.
        let log = ProgressLog(color: Terminal.colorOnStderr, live: terminal && !batchChild && notebooks.count == 1)
        let writer = NotebookOutputWriter(root: URL(fileURLWithPath: out, isDirectory: true), formats: formats,
                                          navigation: courseNavigation())
        let limits = FileLimits(allowRead: allowRead, allowWrite: allowWrite, trust: trust)
        let batch = NotebookBatch(settings: settings, writer: writer, jobs: jobCount, log: log,
                                  makeKernel: { notebook, output in
                                      SessionKernel(policy: limits.notebookPolicy(notebook: notebook.path, output: output.staging),
                                                    shownPaths: (output.staging.path, output.target.path), dpi: figureDPI)
                                  })
        if notebooks.count > 1 {
            // Everything is checked here first, so a bad path fails before any notebook runs.
            guard !batch.check(paths: notebooks).contains(where: { $0.problem != nil }) else { throw ExitCode(2) }
            throw ExitCode(runChildren(jobs: jobCount, log: log))
        }
        // First Ctrl-C: interrupt the running cells and write what ran; a second one quits at once.
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupts.setEventHandler {
            if batch.wasCancelled { Foundation.exit(130) }
            log.note("interrupted: stopping after the running cells (Ctrl-C again to quit now)")
            batch.cancel()
        }
        interrupts.resume()
        defer {
            interrupts.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let outcomes = batch.run(paths: notebooks)
        if batchChild {
            // The parent's summary line counts these.
            let results = outcomes.compactMap(\.executed).flatMap(\.results)
            Terminal.writeOut(ChildResult.line(cells: results.count, failed: results.filter(\.result.status.isFailure).count))
        }
        throw ExitCode(batch.wasCancelled ? 130 : NotebookBatch.exitStatus(outcomes))
    }

    /// Runs each notebook in its own `soma run` process (see `ChildBatch`).
    private func runChildren(jobs: Int, log: ProgressLog) -> Int32 {
        var common = ["run", "--batch-child", "--out", out, "--format", format]
        if let timeout { common += ["--timeout", timeout] }
        if keepGoing { common.append("--keep-going") }
        common += ["--dpi", dpi]
        for parameter in parameters { common += ["--param", parameter] }
        for path in allowRead { common += ["--allow-read", path] }
        for path in allowWrite { common += ["--allow-write", path] }
        if trust { common.append("--trust") }
        let neighbours = notebooks
        let shared = common
        let children = ChildBatch(jobs: jobs, log: log, arguments: { index, path in
            let previous = index > 0 ? neighbours[index - 1] : ""
            let next = index + 1 < neighbours.count ? neighbours[index + 1] : ""
            return shared + ["--nav-prev", previous, "--nav-next", next, "--", path]
        })
        // Ctrl-C: no new notebooks, the running ones are interrupted and write what ran;
        // a second Ctrl-C makes them quit at once.
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        // Each notebook's process says what it does with the interrupt.
        interrupts.setEventHandler { children.stop() }
        interrupts.resume()
        defer { interrupts.cancel() }
        let clock = ContinuousClock()
        let start = clock.now
        let status = children.run(notebooks)
        if format.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "html" }) {
            writeIndex(children.results, log: log)
        }
        let seconds = start.duration(to: clock.now)
        log.note(Self.summary(notebooks, children.results,
                              seconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18))
        return status
    }

    /// The batch's last line: notebooks, cells, failures and time, e.g.
    /// `ran 3 notebooks: 42 cells, 1 failure (02-b.md), 12.3 s`. A notebook
    /// that failed without saying how many cells failed (it crashed, was
    /// interrupted or could not run) counts as one failure.
    static func summary(_ paths: [String], _ results: [ChildResult], seconds: Double) -> String {
        var cells = 0, failures = 0
        var failing: [String] = []
        for (path, result) in zip(paths, results) {
            cells += result.cells ?? 0
            let failed = result.failedCells ?? (result.status == 0 ? 0 : 1)
            failures += failed
            if failed > 0 || result.status != 0 { failing.append(path.split(separator: "/").last.map(String.init) ?? path) }
        }
        let count = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
        var line = "ran \(count(results.count, "notebook")): \(count(cells, "cell")), \(count(failures, "failure"))"
        if !failing.isEmpty { line += " (\(failing.joined(separator: ", ")))" }
        return line + ", " + ProgressLog.duration(seconds)
    }

    /// `out/index.html`: every notebook of the batch with its status, time and first figure.
    private func writeIndex(_ results: [ChildResult], log: ProgressLog) {
        let runs = zip(notebooks, results).compactMap { path, result -> CourseIndex.Run? in
            guard let notebook = try? NotebookBatch.load(path) else { return nil }
            return CourseIndex.Run(notebook: notebook, status: result.status, seconds: result.seconds)
        }
        let root = URL(fileURLWithPath: out, isDirectory: true)
        let page = root.appendingPathComponent("index.html")
        do {
            try AtomicFile.write(Data(CourseIndex.gather(runs, root: root).html().utf8), to: page)
            log.note("wrote \(page.path): \(runs.count) notebooks")
        } catch {
            log.note("error: cannot write \(page.path): \(error)")
        }
    }

    /// The links a batch child's page shows: the run's index and its neighbours.
    private func courseNavigation() -> PageNavigation? {
        guard batchChild, navPrevious != nil || navNext != nil else { return nil }
        let load = { (path: String?) -> Notebook? in
            guard let path, !path.isEmpty else { return nil }
            return try? NotebookBatch.load(path)
        }
        let course = [load(navPrevious), notebooks.first.flatMap(load), load(navNext)]
        return CourseIndex.navigation(course.compactMap { $0 }, at: course[0] == nil ? 0 : 1)
    }
}
