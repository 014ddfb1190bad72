#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one reader for files a user names: notebooks, scripts, `use`d code,
/// `:load`, `read_csv` and `read_idx`. Every one of them is read here, so
/// every one has the documented size cap (Docs/LANGUAGE-NOTES.md, "Limits")
/// and the same words when it cannot be read.
///
///     let text = try UserFile.readText("Notebooks/02-lif.md")
public enum UserFile {
    /// The most bytes a file may hold: 64 MB. A stray data file, `/dev/zero`
    /// or a notebook full of pasted output is refused before it is read.
    public static let maxBytes = 64 << 20
    /// Seconds a named pipe is given to send something before reading it fails.
    public static let pipeWait = 10.0

    /// The cap as people write it: `64 MB`.
    public static var capDescription: String { "\(maxBytes >> 20) MB" }

    /// Why a file could not be read; `description` names the file and, for a
    /// file over the cap, its size and the cap.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missing(path: String)
        case folder(path: String)
        /// A device or socket (`/dev/urandom`): not a file to read whole.
        case notFile(path: String)
        case unreadable(path: String)
        case tooLarge(path: String, bytes: Int)
        case notText(path: String)
        /// A named pipe no writer opened within `pipeWait` seconds.
        case noWriter(path: String)

        public var path: String {
            switch self {
            case .missing(let path), .folder(let path), .notFile(let path), .unreadable(let path),
                 .tooLarge(let path, _), .notText(let path), .noWriter(let path):
                return path
            }
        }

        /// What is wrong, without the path: `no such file`, `it is a folder`, ...
        public var reason: String {
            switch self {
            case .missing: return "no such file"
            case .folder: return "it is a folder"
            case .notFile: return "it is not a regular file"
            case .unreadable: return "permission denied or unreadable"
            case .tooLarge(_, let bytes):
                guard bytes >= 0 else { return "it holds more than the \(UserFile.capDescription) a file may have" }
                return "it holds \(UserFile.megabytes(bytes)) MB, more than the \(UserFile.capDescription) a file may have"
            case .notText: return "it is not UTF-8 text"
            case .noWriter: return "it is a named pipe nobody wrote to within \(Int(UserFile.pipeWait)) s"
            }
        }

        /// True for a file over the cap (shown as `error[limit]`).
        public var isLimit: Bool {
            if case .tooLarge = self { return true }
            return false
        }

        public var description: String { "cannot read '\(path)': \(reason)" }
    }

    /// The bytes of `path`, refusing a file of more than `maxBytes`.
    ///
    /// The size is checked before reading, and again while reading, so a
    /// device or a file that grows cannot slip past the cap.
    public static func readBytes(_ path: String) throws(Failure) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .missing(path: path) : .unreadable(path: path)
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw .folder(path: path) }
        // A pipe (`soma <(...)`, /dev/stdin) is read up to the cap; devices are refused.
        if type != S_IFREG && type != S_IFIFO { throw .notFile(path: path) }
        let declared = Int(info.st_size)
        if declared > maxBytes { throw .tooLarge(path: path, bytes: declared) }
        // A named pipe is opened without waiting for a writer (a blocking open
        // would hang until one comes), then given `pipeWait` seconds to send
        // something or close; the reads then block as usual.
        let descriptor = open(path, O_RDONLY | (type == S_IFIFO ? O_NONBLOCK : 0))
        guard descriptor >= 0 else { throw .unreadable(path: path) }
        if type == S_IFIFO {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(pipeWait * 1000)) > 0 else {
                close(descriptor)
                throw .noWriter(path: path)
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        guard let file = fdopen(descriptor, "rb") else {
            close(descriptor)
            throw .unreadable(path: path)
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, declared))
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if bytes.count > maxBytes { throw .tooLarge(path: path, bytes: -1) }
            if n < 65536 { break }
        }
        if ferror(file) != 0 { throw .unreadable(path: path) }
        return bytes
    }

    /// The text of a UTF-8 file of at most `maxBytes`.
    public static func readText(_ path: String) throws(Failure) -> String {
        let bytes = try readBytes(path)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText(path: path) }
        return text
    }

    /// Megabytes with one decimal: `70.0`, `64.1`.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }
}
