import Foundation
import Testing
@testable import SomaNotebook

@Suite struct AtomicFileTests {
    private struct Stop: Error {}

    private func contents(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    private func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
    }

    @Test func replacesTheWholeFile() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.md")
        try AtomicFile.write(Data("old content that is longer\n".utf8), to: file)
        try AtomicFile.write(Data("new\n".utf8), to: file)
        #expect(try contents(file) == "new\n")
        #expect(try leftovers(in: folder).isEmpty)
    }

    @Test func theOldFileStaysWholeWhileTheNewOneIsWritten() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.html")
        try AtomicFile.write(Data("<p>old</p>\n".utf8), to: file)
        var seenMidway: String?
        try AtomicFile.write(to: file) { sink in
            try sink.write("<p>new, first half")
            seenMidway = try contents(file)
            try sink.write(", second half</p>\n")
        }
        #expect(seenMidway == "<p>old</p>\n")
        #expect(try contents(file) == "<p>new, first half, second half</p>\n")
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let folder = try Sample.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.ipynb")
        try AtomicFile.write(Data("{\"old\": true}\n".utf8), to: file)
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: file) { sink in
                try sink.write("{\"half\": ")
                throw Stop()
            }
        }
        #expect(try contents(file) == "{\"old\": true}\n")
        #expect(try leftovers(in: folder).isEmpty)
    }

    @Test func anUnwritableFolderIsAClearError() {
        let file = URL(fileURLWithPath: "/nonexistent-soma-folder/x.md")
        #expect(throws: OutputError.self) { try AtomicFile.write(Data("x".utf8), to: file) }
    }
}
