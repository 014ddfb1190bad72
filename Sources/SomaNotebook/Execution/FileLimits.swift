import Foundation
import SomaLibrary

/// The file limits a user sets on the command line (`--allow-read`,
/// `--allow-write`, `--trust`), turned into a `FilePolicy` for each run.
///
///     let limits = FileLimits(allowRead: ["data"], allowWrite: [], trust: false)
///     let policy = limits.notebookPolicy(notebook: "lab3/lab3.md", output: stagingFolder)
public struct FileLimits: Equatable, Sendable {
    public var allowRead: [String]
    public var allowWrite: [String]
    /// No limits at all.
    public var trust: Bool

    public init(allowRead: [String] = [], allowWrite: [String] = [], trust: Bool = false) {
        self.allowRead = allowRead
        self.allowWrite = allowWrite
        self.trust = trust
    }

    /// A notebook reads its own folder (and the Stdlib, which the interpreter
    /// adds), writes only its output folder, where relative writes land.
    public func notebookPolicy(notebook path: String, output: URL) -> FilePolicy? {
        guard !trust else { return nil }
        return FilePolicy(readable: [Self.folder(of: path)] + allowRead, writable: [output.path] + allowWrite,
                          writeBase: output.path, host: "soma run")
    }

    /// A script reads its own folder and the Stdlib and writes only the
    /// working folder, where relative writes land.
    public func scriptPolicy(script path: String) -> FilePolicy? {
        guard !trust else { return nil }
        let working = FileManager.default.currentDirectoryPath
        return FilePolicy(readable: [Self.folder(of: path)] + allowRead, writable: [working] + allowWrite,
                          writeBase: working, host: "soma FILE.soma",
                          readPlace: "the script's folder and the Stdlib", writePlace: "the working folder")
    }

    /// The folder the file was named in (a notebook linked from elsewhere
    /// reads the folder it was run from, where its relative paths point).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return RealPath.resolve(folder.isEmpty ? "." : folder)
    }
}
