import Foundation
import SomaNotebook

/// A kernel that answers each cell from a script instead of running code, so
/// runner and renderer tests do not depend on the language runtime.
final class ScriptedKernel: CellKernel {
    /// What the kernel does for one cell.
    enum Step {
        case output(CellOutput)
        /// Blocks until interrupted, then reports an interrupt error.
        case hang
        /// Ignores interrupts and returns only after this many seconds.
        case stuck(Double)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var interrupted = false
    private(set) var requests: [CellRequest] = []

    init(_ steps: [Step]) { self.steps = steps.reversed() }

    func execute(_ request: CellRequest) -> CellOutput {
        lock.lock()
        requests.append(request)
        let step = steps.popLast() ?? .output(CellOutput())
        interrupted = false
        lock.unlock()
        switch step {
        case .output(let output):
            return output
        case .stuck(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return CellOutput(value: "finally")
        case .hang:
            while true {
                lock.lock()
                let stop = interrupted
                lock.unlock()
                if stop { break }
                Thread.sleep(forTimeInterval: 0.005)
            }
            let location = "\(request.path):\(request.firstLine):1 (cell \(request.cell ?? 0))"
            return CellOutput(stream: "started\n", error: CellFailure(
                kind: "interrupt", message: "interrupted",
                rendered: "error[interrupt]: interrupted\n  --> \(location)\n"))
        }
    }

    func interrupt() {
        lock.lock()
        interrupted = true
        lock.unlock()
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
            .output(CellOutput(error: CellFailure(
                kind: "shape", message: "cannot add tensors of shape [2] and [3]",
                rendered: "error[shape]: cannot add tensors of shape [2] and [3]\n  --> sample.md:30:1 (cell 4)\n   |\n30 | [1, 2] + [1, 2, 3]\n   | ^^^^^^^^^^^^^^^^^^\n"))),
        ]
    }

    /// A fresh scratch folder, removed by the caller.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("soma-notebook-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
