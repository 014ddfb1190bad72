import Foundation
import Testing
import SomaCore

/// The reader for files a user names never waits forever.
@Suite struct UserFileTests {
    /// A named pipe nobody writes to fails after `pipeWait` instead of blocking in open() forever.
    @Test func pipeWithoutWriterFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("soma-userfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("data.csv").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let started = Date()
        #expect(throws: UserFile.Failure.noWriter(path: pipe)) { try UserFile.readBytes(pipe) }
        #expect(Date().timeIntervalSince(started) < UserFile.pipeWait + 5)
    }
}
