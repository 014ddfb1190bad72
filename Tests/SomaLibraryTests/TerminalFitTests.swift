import Foundation
import Testing
import SomaLang
import SomaLibrary

/// Text sized to the terminal a host reports: `help(f)` wraps as the REPL's
/// `:doc` does, and `fig.preview()` is drawn as the REPL's own preview.
struct TerminalFitTests {
    /// A session whose standard output is a terminal of `columns` x `rows`
    /// (nil: not a terminal), with what it prints.
    private func session(columns: Int?, rows: Int = 24) -> (Session, () -> String) {
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let session = Session(output: { sink.text += $0 })
        if let columns {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soma-fit-\(UUID().uuidString)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            session.setFigureDelivery(.files(directory: folder.path,
                                             preview: TerminalScreen(color: false) { (columns, rows) }))
        }
        return (session, {
            defer { sink.text = "" }
            return sink.text
        })
    }

    private func words(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }

    @Test func helpWrapsToTheTerminalAsDocDoes() {
        let (plain, plainOut) = session(columns: nil)
        _ = plain.run("help(lif)")
        let unwrapped = plainOut()
        #expect(unwrapped.split(separator: "\n").contains { $0.count > 39 }, "the doc has lines wider than the test's terminal")
        let (narrow, narrowOut) = session(columns: 40)
        _ = narrow.run("help(lif)")
        let wrapped = narrowOut()
        // Prose and signature are refilled; the example's code lines stay as written.
        let prose = wrapped.components(separatedBy: "Example:")[0]
        #expect(prose.split(separator: "\n").allSatisfy { $0.count <= 39 }, "\(wrapped)")
        #expect(words(wrapped) == words(unwrapped))
        #expect(wrapped == DocWrap.wrapped(String(unwrapped.dropLast()), columns: 40) + "\n")
        // The list of every builtin wraps too.
        _ = narrow.run("help()")
        #expect(narrowOut().split(separator: "\n").allSatisfy { $0.count <= 39 })
    }

    @Test func previewWithoutSizesFitsTheTerminalAsTheREPLPreviewDoes() throws {
        let script = "fig = figure(); plot(sin(linspace(0, 6, 100)))\nfig.preview()"
        let (wide, _) = session(columns: 120, rows: 40)
        let shown = try #require(wide.run(script).value?.stringValue)
        let widest = shown.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest > 100 && widest <= 119, "\(widest) columns")
        // At most half the window's rows (16 at most) of dots, plus the axis lines.
        #expect(shown.split(separator: "\n").count <= 16 + 4)
        let (plain, _) = session(columns: nil)
        let fixed = try #require(plain.run(script).value?.stringValue)
        let sized = try #require(plain.run("fig.preview(columns: 60, rows: 15)").value?.stringValue)
        #expect(fixed == sized)
        // Sizes given win over the terminal's.
        let given = try #require(wide.run("fig.preview(columns: 30, rows: 8)").value?.stringValue)
        #expect(given == plain.run("fig.preview(columns: 30, rows: 8)").value?.stringValue)
    }
}
