import Foundation
import Testing
@testable import SomaNotebook
import SomaLibrary
import SomaLang

/// The file policy of `soma run`, through a real session: the path-escape
/// corpus is refused with error[permission] and never read.
@Suite struct FilePolicyTests {
    private struct Tree {
        let root: URL
        let notebook: URL
        let output: URL
        let secret: URL
    }

    private func tree() throws -> Tree {
        let root = URL(fileURLWithPath: RealPath.resolve(try Sample.scratchFolder().path))
        let lab = root.appendingPathComponent("lab")
        let output = root.appendingPathComponent("out/.nb.soma-staging-test")
        let secret = root.appendingPathComponent("secret")
        for folder in [lab, output, secret] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try "1,2\n".write(to: lab.appendingPathComponent("ok.csv"), atomically: true, encoding: .utf8)
        try "SECRET-CONTENT,1\n".write(to: secret.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "SECRET-CONTENT here\n".write(to: secret.appendingPathComponent("s.soma"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: lab.appendingPathComponent("link"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("out-link").path,
                                                   withDestinationPath: secret.path)
        return Tree(root: root, notebook: lab.appendingPathComponent("nb.md"), output: output, secret: secret)
    }

    private func run(_ code: String, in tree: Tree, limits: FileLimits = FileLimits()) -> CellOutput {
        let kernel = SessionKernel(policy: limits.notebookPolicy(notebook: tree.notebook.path, output: tree.output))
        return kernel.execute(CellRequest(code: code, path: tree.notebook.path, firstLine: 1, cell: 1))
    }

    static let escapes = [
        #"read_csv("SECRET/s.csv")"#,
        #"read_csv("../secret/s.csv")"#,
        #"read_csv("link/s.csv")"#,
        #"read_csv("link/../link/s.csv")"#,
        #"use "SECRET/s.soma""#,
        #"use "../secret/s.soma""#,
        #"use "link/s.soma""#,
        #"write_csv("SECRET/w.csv", [1])"#,
        #"write_csv("../../secret/w.csv", [1])"#,
        #"write_csv("out-link/w.csv", [1])"#,
        #"write_idx("/tmp/../SECRET/w.idx", [1])"#,
        #"plot([1, 2]); save("SECRET/w.png")"#,
        #"read_idx("/etc/passwd")"#,
        #"read_csv("~/../../../etc/passwd")"#,
    ]

    @Test(arguments: escapes) func escapesAreRefusedAndNeverRead(code: String) throws {
        let tree = try tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let output = run(code.replacingOccurrences(of: "SECRET", with: tree.secret.path), in: tree)
        #expect(output.error?.kind == "permission", "\(code): \(output.error?.text ?? "no error")")
        #expect(output.error?.text.contains("SECRET-CONTENT") == false)
        #expect(output.error?.text.contains("--allow-") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.secret.path).sorted() == ["s.csv", "s.soma"])
    }

    @Test func insideTheLimitsFilesWorkAndRelativeWritesLandInTheOutputFolder() throws {
        let tree = try tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let output = run(#"a = read_csv("ok.csv"); write_csv("b.csv", a); sum(read_csv("b.csv"))"#, in: tree)
        #expect(output.error == nil, "\(output.error?.text ?? "")")
        #expect(output.value == "3")
        #expect(FileManager.default.fileExists(atPath: tree.output.appendingPathComponent("b.csv").path))
        #expect(!FileManager.default.fileExists(atPath: tree.notebook.deletingLastPathComponent().appendingPathComponent("b.csv").path))
    }

    @Test func flagsWidenTheLimits() throws {
        let tree = try tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let read = #"read_csv("\#(tree.secret.path)/s.csv")"#
        #expect(run(read, in: tree, limits: FileLimits(allowRead: [tree.secret.path])).error == nil)
        let write = #"write_csv("\#(tree.secret.path)/w.csv", [1])"#
        #expect(run(write, in: tree, limits: FileLimits(allowRead: [tree.secret.path])).error?.kind == "permission")
        #expect(run(write, in: tree, limits: FileLimits(allowWrite: [tree.secret.path])).error == nil)
        #expect(run(#"use "\#(tree.secret.path)/s.soma""#, in: tree, limits: FileLimits(trust: true)).error?.kind == "syntax")
    }

    @Test func realPathsResolveLinksDotsAndMissingTails() throws {
        let tree = try tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let lab = tree.notebook.deletingLastPathComponent().path
        #expect(RealPath.resolve(lab + "/link/s.csv") == tree.secret.path + "/s.csv")
        #expect(RealPath.resolve(lab + "/new/../x.csv") == lab + "/x.csv")
        #expect(RealPath.resolve(lab + "/link/missing/w.csv") == tree.secret.path + "/missing/w.csv")
        try FileManager.default.createSymbolicLink(atPath: lab + "/dangling", withDestinationPath: tree.root.path + "/nowhere")
        #expect(RealPath.resolveIfPossible(lab + "/dangling") == nil)
        #expect(RealPath.isInside("/a/b", "/a"))
        #expect(!RealPath.isInside("/ab", "/a"))
    }
}
