// libFuzzer entry point: every input is parsed and run in a fresh Session,
// then read as a Markdown notebook and rendered (Markdown, HTML, ipynb).
// Built by Scripts/fuzz with `--sanitize fuzzer --sanitize address`; any trap,
// crash or sanitizer report is a bug: no input may crash Soma. A rendered
// page with a script tag from the input is reported as a crash too.
import Dispatch
import Foundation
import SomaLibrary
import SomaNotebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    runAsCode(text)
    renderAsNotebook(text)
    return 0
}

private func runAsCode(_ text: String) {
    let session = Session(output: { _ in })
    // Programs may loop forever; stop each after a short budget, as Ctrl-C would.
    let watchdog = DispatchWorkItem { [weak session] in session?.interrupt() }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(250), execute: watchdog)
    let result = session.run(SourceFile(name: "<fuzz>", text: text))
    watchdog.cancel()
    _ = renderDiagnostics(result.diagnostics, source: SourceFile(name: "<fuzz>", text: text), color: false)
    if let value = result.value { _ = session.display(value) }
}

/// Parses the input as a notebook and renders it with every cell given the
/// input's own text as output, value and error, so hostile text reaches every
/// place a renderer writes.
private func renderAsNotebook(_ text: String) {
    guard let notebook = try? Notebook(parsing: text, path: "fuzz.md") else { return }
    let statuses: [CellStatus] = [.succeeded, .failed, .failedAsExpected, .timedOut, .skipped, .notRun]
    var blocks: [ExecutedBlock] = []
    for (index, block) in notebook.blocks.enumerated() {
        switch block {
        case .prose(let prose):
            blocks.append(.prose(prose))
        case .cell(let cell):
            let output = CellOutput(stream: cell.code, value: index % 2 == 0 ? cell.code : nil, figures: [],
                                    error: index % 3 == 0 ? CellFailure(kind: "value", message: cell.code) : nil)
            let figures = index % 4 == 0 ? [FigureFile(fileName: "\(cell.figureStem)-fig1.png", png: Data(text.utf8.prefix(16)))] : []
            blocks.append(.cell(cell, CellResult(status: statuses[index % statuses.count], output: output, figures: figures)))
        }
    }
    let executed = ExecutedNotebook(notebook: notebook, blocks: blocks)
    for format in OutputFormat.allCases {
        let rendered = format.render(executed)
        if format == .html, let body = rendered.split(separator: "<body>", maxSplits: 1).last,
           body.lowercased().contains("<script") {
            fatalError("the HTML rendering holds a script tag from the notebook")
        }
    }
}
