import Foundation
import SomaNotebook

/// Runs each notebook of a batch in its own `soma run` process, at most
/// `jobs` at a time, so a notebook that crashes or runs out of memory loses
/// only its own output; the others run on and the crash is reported.
///
///     let status = ChildBatch(jobs: 2, log: log, arguments: { ["run", "--out", "out", $0] }).run(paths)
final class ChildBatch {
    private let jobs: Int
    private let log: ProgressLog
    private let arguments: (String) -> [String]
    private let lock = NSLock()
    private var stopping = false
    private var running: [Int: Process] = [:]

    /// - Parameter arguments: the command line (after the program) that runs one notebook.
    init(jobs: Int, log: ProgressLog, arguments: @escaping (String) -> [String]) {
        self.jobs = max(1, jobs)
        self.log = log
        self.arguments = arguments
    }

    /// Ctrl-C: starts no more notebooks and passes the interrupt on to the
    /// running ones (each runs in its own process group, out of the
    /// terminal's reach), which stop their cell and write what ran; a second
    /// call passes it on again, and they quit at once.
    func stop() {
        lock.lock()
        stopping = true
        let current = Array(running.values)
        lock.unlock()
        for process in current where process.isRunning { process.interrupt() }
    }

    var wasStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// Runs the notebooks; returns the batch's exit status: 2 when one was
    /// unusable, 130 after Ctrl-C, else the first notebook's non-zero status
    /// (1 for a crash), else 0.
    func run(_ paths: [String]) -> Int32 {
        let executable = Self.currentExecutable()
        let statuses = Statuses(count: paths.count)
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
            process.arguments = arguments(path)
            done.enter()
            process.terminationHandler = { [log, self] finished in
                self.lock.lock()
                self.running[index] = nil
                self.lock.unlock()
                var status = finished.terminationStatus
                if finished.terminationReason == .uncaughtSignal {
                    let signal = finished.terminationStatus
                    let name = signal == SIGKILL ? "SIGKILL (out of memory?)" : (strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)")
                    log.note("error: \(path): the process running it died of \(name); its output folder keeps the previous run's output")
                    status = 1
                }
                statuses.set(index, status)
                slots.signal()
                done.leave()
            }
            do {
                lock.lock()
                running[index] = process
                lock.unlock()
                try process.run()
            } catch {
                lock.lock()
                running[index] = nil
                lock.unlock()
                log.note("error: \(path): cannot start a process to run it: \(error)")
                statuses.set(index, 1)
                process.terminationHandler = nil
                slots.signal()
                done.leave()
            }
        }
        done.wait()
        let all = statuses.all
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

/// The exit statuses of a batch's processes, set from their termination handlers.
private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32]

    init(count: Int) { values = Array(repeating: 0, count: count) }

    func set(_ index: Int, _ status: Int32) {
        lock.lock()
        values[index] = status
        lock.unlock()
    }

    var all: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
