import Foundation
import SomaLibrary
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One notebook's output folder, `<out>/<stem>/`, written whole or not at all.
///
/// A run writes into a hidden staging folder beside the target
/// (`<out>/.<stem>.soma-staging-…`); `commit` swaps it in with one rename, so
/// at every instant `<out>/<stem>/` holds exactly one run's complete output.
/// A lock file (`<out>/.<stem>.lock`) keeps a second run off the folder while
/// this one holds it. Files Soma wrote are listed in `.soma-manifest`; any
/// other file in the folder is the user's and is carried into the new folder
/// untouched.
///
///     let folder = try OutputFolder.open(root: out, stem: "02-lif", source: "Notebooks/02-lif.md")
///     try Data(...).write(to: folder.staging.appendingPathComponent("02-lif.md"))
///     let files = try folder.commit()
public final class OutputFolder {
    /// The folder users see: `<out>/<stem>`.
    public let target: URL
    /// Where this run writes; becomes `target` at `commit`.
    public let staging: URL
    private let stem: String
    private var lock: Int32
    private var done = false

    /// The file in an output folder that lists what Soma wrote there.
    public static let manifestName = ".soma-manifest"

    private init(target: URL, staging: URL, stem: String, lock: Int32) {
        self.target = target
        self.staging = staging
        self.stem = stem
        self.lock = lock
    }

    deinit { discard() }

    /// Checks that a notebook may write `<root>/<stem>/` without touching the
    /// source, without creating anything.
    ///
    /// - Throws: `NotebookError` (exit status 2) for a stem that would leave
    ///   `root`, a notebook inside its own output folder (or an output folder
    ///   that would replace the notebook's own folder), a target that is not a
    ///   plain folder, or a root that cannot be created or written.
    public static func check(root: URL, stem: String, source: String) throws {
        guard !stem.isEmpty, stem != ".", stem != "..", !stem.contains("/"),
              !stem.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw NotebookError(path: source, message: "the file name gives no usable output folder name ('\(stem)' would leave --out); rename the notebook")
        }
        let rootPath = RealPath.resolve(root.path)
        let targetPath = rootPath == "/" ? "/" + stem : rootPath + "/" + stem
        let sourcePath = RealPath.resolve(source)
        if RealPath.isInside(sourcePath, targetPath) {
            throw NotebookError(path: source, message: "the notebook lies inside its own output folder \(targetPath)/, which each run replaces whole; choose another --out (e.g. --out out)")
        }
        var info = stat()
        if lstat(targetPath, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK {
                throw NotebookError(path: source, message: "the output folder \(targetPath) is a symbolic link; Soma replaces output folders whole and will not follow it (choose another --out)")
            }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                throw NotebookError(path: source, message: "the output folder \(targetPath) exists and is not a folder; choose another --out")
            }
        }
        // The deepest folder that exists must be a folder we can write into.
        var existing = rootPath
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder), isFolder.boolValue,
              access(existing, W_OK | X_OK) == 0 else {
            throw NotebookError(path: source, message: "cannot write the output folder \(rootPath) (\(existing) is not a writable folder); choose another --out")
        }
    }

    /// Checks, creates `root`, takes the folder's lock and makes the staging
    /// folder: everything that could stop the run's output from being written
    /// is found here, before any cell runs.
    ///
    /// - Throws: `NotebookError` (see `check`), or when another run holds the
    ///   lock, or a file the user keeps in the folder has the name of a rendering.
    public static func open(root: URL, stem: String, source: String, formats: [OutputFormat] = OutputFormat.allCases) throws -> OutputFolder {
        try check(root: root, stem: stem, source: source)
        let rootPath = RealPath.resolve(root.path)
        do {
            try FileManager.default.createDirectory(atPath: rootPath, withIntermediateDirectories: true)
        } catch {
            throw NotebookError(path: source, message: "cannot create the output folder \(rootPath); choose another --out")
        }
        let lockPath = rootPath + "/.\(stem).lock"
        let descriptor = Glibc_open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NotebookError(path: source, message: "cannot write in the output folder \(rootPath) (\(String(cString: strerror(errno)))); choose another --out")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw NotebookError(path: source, message: "another soma run is writing \(rootPath)/\(stem)/ now; wait for it to end or choose another --out")
        }
        let target = URL(fileURLWithPath: rootPath, isDirectory: true).appendingPathComponent(stem, isDirectory: true)
        // Left by a run that was killed: we hold the lock, so no run owns them.
        if let names = try? FileManager.default.contentsOfDirectory(atPath: rootPath) {
            for name in names where name.hasPrefix(".\(stem).soma-staging-") || name.hasPrefix(".\(stem).soma-old-") {
                try? FileManager.default.removeItem(atPath: rootPath + "/" + name)
            }
        }
        let renderings = Set(formats.map { "\(stem).\($0.rawValue)" })
        for name in userFiles(in: target, stem: stem) where renderings.contains(name) {
            close(descriptor)
            throw NotebookError(path: source, message: "\(target.path)/\(name) was not written by soma (it is not in the folder's .soma-manifest) and would be replaced; move it away or choose another --out")
        }
        let staging = URL(fileURLWithPath: rootPath, isDirectory: true)
            .appendingPathComponent(".\(stem).soma-staging-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        guard mkdir(staging.path, 0o755) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw NotebookError(path: source, message: "cannot write in the output folder \(rootPath) (\(reason)); choose another --out")
        }
        return OutputFolder(target: target, staging: staging, stem: stem, lock: descriptor)
    }

    /// Swaps the staging folder in: writes the manifest, carries the user's
    /// own files over from the old folder, and replaces the old folder in one
    /// rename. Releases the lock.
    ///
    /// - Returns: the files this run wrote, at their final places.
    /// - Throws: `OutputError` when the swap fails or a file of the user's
    ///   has the name of one this run wrote (the old folder is then kept as it was).
    @discardableResult
    public func commit() throws -> [URL] {
        guard !done else { throw OutputError(path: target.path, message: "the output folder was already written") }
        defer { discard() }
        let fm = FileManager.default
        let written = ((try? fm.contentsOfDirectory(atPath: staging.path)) ?? [])
            .filter { $0 != Self.manifestName }.sorted()
        let writtenSet = Set(written)
        for name in Self.userFiles(in: target, stem: stem) {
            if writtenSet.contains(name) {
                throw OutputError(path: target.appendingPathComponent(name).path,
                                  message: "was not written by soma and this run wrote a file of that name; move it away (the previous output is kept)")
            }
            try Self.linkTree(from: target.appendingPathComponent(name).path, to: staging.appendingPathComponent(name).path)
        }
        let manifest = "# Files soma run wrote in this folder; soma replaces or removes only these.\n"
            + written.map { $0 + "\n" }.joined()
        try Data(manifest.utf8).write(to: staging.appendingPathComponent(Self.manifestName))
        try swapIn()
        return written.map { target.appendingPathComponent($0) }
    }

    /// Removes the staging folder and releases the lock without touching the
    /// output folder. Safe to call more than once.
    public func discard() {
        guard !done else { return }
        done = true
        try? FileManager.default.removeItem(at: staging)
        if lock >= 0 {
            close(lock)
            lock = -1
        }
    }

    /// Replaces `target` by `staging`: one exchanging rename where the system
    /// has it, else two renames with the old folder kept hidden in between.
    private func swapIn() throws {
        var info = stat()
        guard lstat(target.path, &info) == 0 else {
            guard rename(staging.path, target.path) == 0 else {
                throw OutputError(path: target.path, message: "cannot move the new output in place: \(String(cString: strerror(errno)))")
            }
            return
        }
        if Exchange.swap(staging.path, target.path) {
            try? FileManager.default.removeItem(at: staging)
            return
        }
        let old = target.deletingLastPathComponent()
            .appendingPathComponent(".\(stem).soma-old-\(getpid())-\(UUID().uuidString.prefix(8))")
        guard rename(target.path, old.path) == 0 else {
            throw OutputError(path: target.path, message: "cannot replace the output folder: \(String(cString: strerror(errno)))")
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, target.path)
            throw OutputError(path: target.path, message: "cannot replace the output folder: \(reason)")
        }
        try? FileManager.default.removeItem(at: old)
    }

    /// Names in an existing output folder that Soma did not write: those not
    /// in its manifest. A folder without a manifest is taken as Soma's (an
    /// output folder from before manifests) only when every file in it is
    /// named like Soma's outputs (`<stem>.md/.html/.ipynb`, `*-figN.png`);
    /// otherwise every file in it is the user's.
    static func userFiles(in folder: URL, stem: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let manifest = (try? String(contentsOf: folder.appendingPathComponent(manifestName), encoding: .utf8))
            .map { text in Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)) }
        let files = names.filter { $0 != manifestName }
        guard let manifest else {
            return files.allSatisfy { looksWrittenBySoma($0, stem: stem) } ? [] : files.sorted()
        }
        return files.filter { !manifest.contains($0) }.sorted()
    }

    private static func looksWrittenBySoma(_ name: String, stem: String) -> Bool {
        if OutputFormat.allCases.contains(where: { name == "\(stem).\($0.rawValue)" }) { return true }
        guard name.hasSuffix(".png") else { return false }
        let base = name.dropLast(4)
        guard let dash = base.range(of: "-fig", options: .backwards) else { return false }
        let number = base[dash.upperBound...]
        return !number.isEmpty && number.allSatisfy(\.isNumber)
    }

    /// Recreates `source` at `destination` with hard links (copies where links
    /// are not possible), so the old folder stays whole until the swap.
    private static func linkTree(from source: String, to destination: String) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard mkdir(destination, info.st_mode & 0o7777) == 0 else {
                throw OutputError(path: destination, message: "cannot keep the folder: \(String(cString: strerror(errno)))")
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? [] {
                try linkTree(from: source + "/" + name, to: destination + "/" + name)
            }
        case S_IFLNK:
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: source)
            try FileManager.default.createSymbolicLink(atPath: destination, withDestinationPath: target)
        default:
            if link(source, destination) != 0 {
                try FileManager.default.copyItem(atPath: source, toPath: destination)
            }
        }
    }
}

/// `open(2)`, named apart from `OutputFolder.open`.
private func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

/// An atomic exchange of two paths: Linux `renameat2(RENAME_EXCHANGE)`
/// (looked up at run time, since the C library headers may not declare it),
/// macOS `renamex_np(RENAME_SWAP)`.
enum Exchange {
    static func swap(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }
}
