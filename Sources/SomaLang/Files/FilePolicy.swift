import Foundation

/// Whether a builtin reads or writes a file.
public enum FileAccess: Sendable {
    case read, write
}

/// Which files running code may read and write: set by hosts that run code
/// they did not write (`soma run`, `soma FILE.soma`); the REPL has none.
///
/// Every path-taking builtin and `use` go through `Context.resolvePath`,
/// which applies the policy: `~` and relative paths are completed, links and
/// `..` resolved, and the real path must lie inside an allowed folder.
///
///     interpreter.filePolicy = FilePolicy(readable: ["/home/me/lab3"], writable: ["/home/me/out/lab3"],
///                                         writeBase: "/home/me/out/lab3", host: "soma run")
public struct FilePolicy: Sendable {
    /// Folders (or files) code may read; writable ones are readable too.
    public var readable: [String]
    /// Folders (or files) code may write.
    public var writable: [String]
    /// Where a relative path given to a writing builtin lands.
    public var writeBase: String
    /// The command that set the policy, for messages (`soma run`).
    public var host: String
    /// Where reads and writes may go, for messages (`the notebook's folder`).
    public var readPlace: String
    public var writePlace: String

    /// - Parameters: paths are resolved here (links, `..`, `~`), so later checks compare real paths.
    public init(readable: [String], writable: [String], writeBase: String, host: String,
                readPlace: String = "the notebook's folder and the Stdlib",
                writePlace: String = "the run's output folder") {
        self.readPlace = readPlace
        self.writePlace = writePlace
        self.readable = readable.map(RealPath.resolve)
        self.writable = writable.map(RealPath.resolve)
        self.writeBase = writeBase
        self.host = host
    }

    /// Whether a resolved path may be accessed.
    public func allows(_ realPath: String, _ access: FileAccess, stdlib: String? = nil) -> Bool {
        let roots: [String]
        switch access {
        case .write: roots = writable
        case .read: roots = readable + writable + (stdlib.map { [RealPath.resolve($0)] } ?? [])
        }
        return roots.contains { RealPath.isInside(realPath, $0) }
    }

    /// The error for a refused path: names the path and the flag that allows
    /// it, never anything read from the file.
    public func refusal(_ caller: String, _ path: String, real: String?, _ access: FileAccess) -> SomaError {
        let verb = access == .read ? "read" : "write"
        let flag = access == .read ? "--allow-read" : "--allow-write"
        let shown = real.map { $0 == path ? "'\(path)'" : "'\(path)' (\($0))" } ?? "'\(path)' (a link that cannot be resolved)"
        let folder = real.map { ($0 as NSString).deletingLastPathComponent } ?? path
        let place = access == .read ? readPlace : writePlace
        return SomaError(.permission, "\(caller): may not \(verb) \(shown): \(host) lets code \(verb) only in \(place)",
                         notes: ["to allow it, run again with \(flag) \(folder) (or --trust to lift every limit)"])
    }
}

extension Context {
    /// The path a builtin should open for `path`, checked against the host's
    /// file policy: the one place every path-taking builtin goes through.
    ///
    /// A relative path is read from the running file's folder (or, when it
    /// is not there, from where writes land), and written where the policy
    /// puts writes (a notebook's output folder); without a policy both are
    /// relative to the running file's folder. `~` is the home folder.
    ///
    /// - Throws: `error[permission]` when the policy refuses the path.
    public func resolvePath(_ path: String, for access: FileAccess, caller: String) throws -> String {
        let expanded = RealPath.expandingTilde(path)
        let policy = interpreter.filePolicy
        var candidate = expanded
        if !expanded.hasPrefix("/") {
            let fileFolder = interpreter.currentDirectory
            switch access {
            case .write:
                if let base = policy?.writeBase { candidate = base + "/" + expanded }
                else if let fileFolder { candidate = fileFolder + "/" + expanded }
            case .read:
                let nearFile = fileFolder.map { $0 + "/" + expanded } ?? expanded
                candidate = nearFile
                if let base = policy?.writeBase, !FileManager.default.fileExists(atPath: nearFile),
                   FileManager.default.fileExists(atPath: base + "/" + expanded) {
                    candidate = base + "/" + expanded
                }
            }
        }
        guard let policy else { return candidate }
        guard let real = RealPath.resolveIfPossible(candidate),
              policy.allows(real, access, stdlib: interpreter.stdlibDirectory) else {
            throw policy.refusal(caller, path, real: RealPath.resolveIfPossible(candidate), access)
        }
        return real
    }
}
