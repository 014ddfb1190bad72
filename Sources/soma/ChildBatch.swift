import Foundation
import SomaNotebook
import SomaLang
import Synchronization

/// Runs each notebook of a batch in its own `soma run` process, at most
/// `jobs` at a time, so a notebook that crashes or runs out of memory loses
/// only its own output; the others run on and the crash is reported.
///
///     let status = ChildBatch(jobs: 2, log: log, arguments: { _, path in ["run", "--out", "out", path] }).run(paths)
final class ChildBatch: Sendable {
    private let jobs: Int
    private let log: ProgressLog
    private let arguments: @Sendable (Int, String) -> [String]
    private let statuses = Statuses()
    /// Whether Ctrl-C stopped the batch, and the processes running now.
    private let state = Mutex(State())

    private struct State {
        var stopping = false
        var running: [Int: Process] = [:]
    }

    /// Each notebook's result, after `run`.
    var results: [ChildResult] { statuses.results }

    /// - Parameter arguments: the command line (after the program) that runs one notebook.
    init(jobs: Int, log: ProgressLog, arguments: @escaping @Sendable (Int, String) -> [String]) {
        self.jobs = max(1, jobs)
        self.log = log
        self.arguments = arguments
    }

    /// Ctrl-C: starts no more notebooks and passes the interrupt on to the
    /// running ones (each runs in its own process group, out of the
    /// terminal's reach), which stop their cell and write what ran; a second
    /// call passes it on again, and they quit at once.
    func stop() {
        let current = state.withLock { state in
            state.stopping = true
            return Array(state.running.values)
        }
        for process in current where process.isRunning { process.interrupt() }
    }

    var wasStopped: Bool { state.withLock { $0.stopping } }

    /// Runs the notebooks; returns the batch's exit status: 2 when one was
    /// unusable, 130 after Ctrl-C, else the first notebook's non-zero status
    /// (1 for a crash), else 0.
    func run(_ paths: [String]) -> Int32 {
        let executable = Self.currentExecutable()
        let statuses = self.statuses
        statuses.reset(count: paths.count)
        let slots = DispatchSemaphore(value: jobs)
        let done = DispatchGroup()
        for (index, path) in paths.enumerated() {
            slots.wait()
            if wasStopped {
                slots.signal()
                break
            }
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments(index, path)
            // The child's standard output carries its counts (`ChildResult.line`).
            let counts = Pipe()
            process.standardOutput = counts
            let started = Date()
            done.enter()
            process.terminationHandler = { [log, self] finished in
                self.state.withLock { $0.running[index] = nil }
                var status = finished.terminationStatus
                if finished.terminationReason == .uncaughtSignal {
                    let signal = finished.terminationStatus
                    let name = signal == SIGKILL ? "SIGKILL (out of memory?)" : (strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)")
                    log.note("error: \(path): the process running it died of \(name); its output folder keeps the previous run's output")
                    status = 1
                }
                statuses.set(index, status, seconds: Date().timeIntervalSince(started))
                slots.signal()
                done.leave()
            }
            do {
                state.withLock { $0.running[index] = process }
                try process.run()
                // Read until the child closes its output (it exits), on a thread of its own.
                done.enter()
                let reader = Thread {
                    let text = String(decoding: counts.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    statuses.setCounts(index, ChildResult.counts(in: text))
                    // Anything else the child printed goes where it would have gone.
                    let other = text.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.hasPrefix(ChildResult.prefix) }.joined(separator: "\n")
                    if !other.isEmpty { Terminal.writeOut(other) }
                    done.leave()
                }
                reader.stackSize = 1 << 20
                reader.start()
            } catch {
                state.withLock { $0.running[index] = nil }
                log.note("error: \(path): cannot start a process to run it: \(error)")
                statuses.set(index, 1)
                process.terminationHandler = nil
                slots.signal()
                done.leave()
            }
        }
        done.wait()
        let all = statuses.results.map(\.status)
        if all.contains(2) { return 2 }
        if wasStopped || all.contains(130) { return 130 }
        return all.first { $0 != 0 } ?? 0
    }

    /// This program, to start again for each notebook.
    static func currentExecutable() -> URL {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: link)
        }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "soma")
    }
}

/// How one notebook's process ended: its exit status, wall-clock seconds,
/// and the cells it had and how many failed (nil when it did not say: it
/// crashed or could not start).
struct ChildResult: Sendable {
    var status: Int32 = 0
    var seconds: Double = 0
    var cells: Int?
    var failedCells: Int?

    /// What starts the line a batch child writes to standard output at its end.
    static let prefix = "soma-batch-child "

    /// The line a batch child writes to standard output at its end.
    static func line(cells: Int, failed: Int) -> String {
        prefix + "cells=\(cells) failed=\(failed)\n"
    }

    /// The counts in a child's standard output (its last `line`).
    static func counts(in output: String) -> (cells: Int, failed: Int)? {
        for line in output.split(separator: "\n").reversed() where line.hasPrefix(prefix) {
            var values: [String: Int] = [:]
            for field in line.split(separator: " ").dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1)
                if parts.count == 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
            }
            if let cells = values["cells"], let failed = values["failed"] { return (cells, failed) }
        }
        return nil
    }
}

/// The results of a batch's processes, set from their termination handlers.
private final class Statuses: Sendable {
    private let values = Mutex<[ChildResult]>([])

    func reset(count: Int) {
        values.withLock { $0 = Array(repeating: ChildResult(), count: count) }
    }

    func set(_ index: Int, _ status: Int32, seconds time: Double = 0) {
        values.withLock {
            $0[index].status = status
            $0[index].seconds = time
        }
    }

    func setCounts(_ index: Int, _ counts: (cells: Int, failed: Int)?) {
        guard let counts else { return }
        values.withLock {
            $0[index].cells = counts.cells
            $0[index].failedCells = counts.failed
        }
    }

    var results: [ChildResult] { values.withLock { $0 } }
}
