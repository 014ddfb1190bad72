import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths as the file system will see them: `~` expanded, made absolute,
/// symbolic links and `..` resolved. The file policy compares these, so a
/// link or a `..` cannot lead a checked path out of an allowed folder.
public enum RealPath {
    /// `~` or `~/x` with the user's home folder; other paths unchanged.
    public static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// The absolute, link-free form of `path` (relative to the working folder).
    ///
    /// The longest prefix that exists is resolved by `realpath(3)`; the
    /// missing rest is appended with `.` and `..` applied. Nil when a
    /// component exists but cannot be resolved (a dangling link): writing
    /// through it would land wherever it points.
    public static func resolveIfPossible(_ path: String) -> String? {
        var absolute = expandingTilde(path)
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + absolute
        }
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var missing: [String] = []
        while true {
            let prefix = "/" + components.joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                var result = String(cString: real).split(separator: "/").map(String.init)
                for part in missing.reversed() {
                    switch part {
                    case ".": continue
                    case "..": if !result.isEmpty { result.removeLast() }
                    default: result.append(part)
                    }
                }
                return "/" + result.joined(separator: "/")
            }
            var info = stat()
            if lstat(prefix, &info) == 0 { return nil }
            guard let last = components.popLast() else { return "/" }
            missing.append(last)
        }
    }

    /// `resolveIfPossible`, or a path inside no folder when it fails.
    public static func resolve(_ path: String) -> String {
        resolveIfPossible(path) ?? "\u{0}unresolvable"
    }

    /// Whether `path` is `folder` or lies inside it (both resolved).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || path.hasPrefix(folder + "/")
    }
}
