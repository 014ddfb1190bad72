import Foundation
import SomaLang

/// Writes files so that readers see either the old content or the new, never
/// a part: the data goes to a temporary file in the same folder, which is then
/// renamed over the target (rename is atomic within one file system).
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { sink in try sink.write(data) }
    }

    /// Writes what `produce` hands to its sink, then renames it into place.
    ///
    /// If `produce` throws, the target is untouched and the temporary file removed.
    ///
    /// - Parameters:
    ///   - url: the final file.
    ///   - produce: writes the content in pieces through the sink.
    public static func write(to url: URL, _ produce: (Sink) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputError(path: url.path, message: "cannot create a file in \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try produce(Sink(handle: handle))
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError(path: url.path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Receives the pieces of a file being written.
    public struct Sink {
        let handle: FileHandle

        public func write(_ data: Data) throws {
            try handle.write(contentsOf: data)
        }

        public func write(_ text: String) throws {
            try write(Data(text.utf8))
        }
    }
}

/// A rendered file that could not be written.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
