import Foundation
import SomaLang
import SomaNotebook
import Synchronization

/// A kernel that answers each cell from a script instead of running code, so
/// runner and renderer tests do not depend on the language runtime.
final class ScriptedKernel: CellKernel {
    /// What the kernel does for one cell.
    enum Step: Sendable {
        case output(CellOutput)
        /// Blocks until interrupted, then reports an interrupt error.
        case hang
        /// Ignores interrupts and returns only after this many seconds.
        case stuck(Double)
    }

    private struct State {
        var steps: [Step]
        var interrupted = false
        var requests: [CellRequest] = []
    }

    private let state: Mutex<State>

    init(_ steps: [Step]) { state = Mutex(State(steps: steps.reversed())) }

    /// The requests the kernel got, in order.
    var requests: [CellRequest] { state.withLock { $0.requests } }

    func execute(_ request: CellRequest) -> CellOutput {
        let step = state.withLock { state in
            state.requests.append(request)
            state.interrupted = false
            return state.steps.popLast() ?? .output(CellOutput())
        }
        switch step {
        case .output(let output):
            return output
        case .stuck(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return CellOutput(value: "finally")
        case .hang:
            while !state.withLock({ $0.interrupted }) {
                Thread.sleep(forTimeInterval: 0.005)
            }
            let location = DiagnosticReport.Location(file: request.path, line: request.firstLine, column: 1, cell: request.cell ?? 0)
            return CellOutput(stream: "started\n", error: CellFailure(kind: "interrupt", message: "interrupted", location: location))
        }
    }

    func interrupt() {
        state.withLock { $0.interrupted = true }
    }
}

/// Test data shared by the notebook tests.
enum Sample {
    /// Bytes that stand in for a PNG (renderers never decode figures).
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4])

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// The sample notebook, parsed with a short path so goldens do not depend on the checkout.
    static func notebook() throws -> Notebook {
        try Notebook(parsing: fixture("sample.md"), path: "sample.md")
    }

    /// Outputs the sample's four cells produce when run for real.
    static var steps: [ScriptedKernel.Step] {
        [
            .output(CellOutput()),
            .output(CellOutput(stream: "inputs: [0, 1.5, 3]\n", value: "[0, 1.5, 3]")),
            .output(CellOutput(figures: [png, png])),
            .output(CellOutput(error: CellFailure(DiagnosticReport(
                kind: "shape", message: "cannot add tensors of shape [2] and [3]",
                location: .init(file: "sample.md", line: 30, column: 1, cell: 4),
                excerpt: .init(lineNumber: 30, text: "[1, 2] + [1, 2, 3]", indent: "", width: 18))))),
        ]
    }

    /// A fresh scratch folder, removed by the caller.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("soma-notebook-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Collects values handed over from any thread (progress callbacks).
final class Recorder<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    func append(_ item: Item) {
        items.withLock { $0.append(item) }
    }

    var all: [Item] { items.withLock { $0 } }
}
