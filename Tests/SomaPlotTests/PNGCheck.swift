import Foundation

/// Runs the `pngcheck` tool on written images when it is installed.
enum PNGCheck {
    /// true or false from pngcheck, nil when the tool is missing.
    static func passes(_ path: String) -> Bool? {
        let tool = ["/usr/bin/pngcheck", "/usr/local/bin/pngcheck"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-q", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return nil
        }
    }
}
